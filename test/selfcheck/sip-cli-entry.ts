// `carrel` with the `sip` command added, as it will be once src/cli/program.ts registers it.
import { registerSip } from '../../src/cli/commands/sip.js'
import { describeFailure } from '../../src/cli/failure.js'
import { buildProgram } from '../../src/cli/program.js'

const program = buildProgram()
if (!program.commands.some((c) => c.name() === 'sip')) registerSip(program)
try {
  await program.parseAsync(process.argv)
} catch (err) {
  const failure = describeFailure(err)
  if (failure.message !== undefined) process.stderr.write(`carrel: ${failure.message}\n`)
  process.exitCode = failure.exitCode
}
