import { describeFailure } from './failure.js'
import { note } from './output.js'
import { buildProgram } from './program.js'

/** Runs one command line and returns the process exit code; never throws. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync([...argv])
    return 0
  } catch (err) {
    const failure = describeFailure(err)
    if (failure.message !== undefined) note(`carrel: ${failure.message}`)
    if (failure.stack !== undefined) {
      if (program.opts<{ debug?: boolean }>().debug === true) note(failure.stack)
      else note('(run again with --debug for details)')
    }
    return failure.exitCode
  }
}
