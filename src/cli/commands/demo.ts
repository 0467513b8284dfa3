import type { Command } from 'commander'
import { loadConfig, type Config } from '../../config/config.js'
import { createContext } from '../../context.js'
import { DEMO_MARKER_FILE, isDemoDataDir } from '../../demo/demo-marker.js'
import { demoStoresInUse, removeDemoStores } from '../../demo/demo-reset.js'
import { stderrLogger } from '../context.js'
import { addDemoLibrary, demoMasterKey } from '../demo-library.js'
import { CliFailure, EXIT_FAILURE } from '../failure.js'
import { say } from '../output.js'
import { ask } from '../ask.js'

interface ResetOptions {
  yes?: boolean
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('the demo library that "carrel serve --demo" creates')
  demo
    .command('reset')
    .description(
      'start the demo over: delete its records database and key store and add a new demo library (asks first)',
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (options: ResetOptions) => {
      await resetDemo(loadConfig(), options.yes === true)
    })
}

async function resetDemo(config: Config, confirmed: boolean): Promise<void> {
  refuseUnlessDemo(config)
  refuseWhileInUse(config)
  if (!confirmed) {
    const answer = await ask(
      `This deletes the demo library in ${config.dataDir} (staff accounts, patrons, loans, the audit log and the patrons' keys) and creates a new one. Type "yes" to go on: `,
    )
    if (answer === undefined || !/^y(es)?$/i.test(answer.trim()))
      throw new CliFailure(
        `${answer === undefined ? 'no answer (stdin ended); add --yes to reset without being asked' : 'not confirmed'}; nothing was removed (DEMO_RESET_NOT_CONFIRMED)`,
        EXIT_FAILURE,
      )
  }
  // Read (or, if there is none, made) before anything is removed: a key file that cannot be read
  // stops the reset with the old library still in place.
  const masterKey = demoMasterKey(config)
  // Again, in case a server started while the question was open.
  refuseWhileInUse(config)
  const removed = removeDemoStores(config.dataDir)
  say(`Removed ${removed.length} file${removed.length === 1 ? '' : 's'} from ${config.dataDir}.`)
  const ctx = await createContext(config, { masterKey, logger: stderrLogger(config.logLevel) })
  try {
    await addDemoLibrary(ctx)
  } finally {
    await ctx.close()
  }
  say('', 'The demo starts over. Serve it with "carrel serve --demo" to see its sign-ins.')
}

/**
 * Only a data directory that "carrel serve --demo" created may be emptied, and only on SQLite:
 * with PostgreSQL the marker vouches for the directory, not for the database it points at.
 */
function refuseUnlessDemo(config: Config): void {
  if (!isDemoDataDir(config.dataDir))
    throw new CliFailure(
      `${config.dataDir} was not created by "carrel serve --demo" (it has no ${DEMO_MARKER_FILE}), so it is not reset; nothing was removed (DEMO_RESET_NOT_DEMO)`,
    )
  if (config.databaseUrl !== undefined)
    throw new CliFailure(
      `demo reset works on a SQLite demo only, and databaseUrl (CARREL_DATABASE_URL) points at PostgreSQL: drop that database and its key store yourself if they hold only the demo, then run "carrel serve --demo"; nothing was removed (DEMO_RESET_NEEDS_SQLITE)`,
    )
}

function refuseWhileInUse(config: Config): void {
  const busy = demoStoresInUse(config.dataDir)
  if (busy.length > 0)
    throw new CliFailure(
      `the demo library is open in another process (${busy.join(', ')}): stop "carrel serve" first; nothing was removed (DEMO_IN_USE)`,
      EXIT_FAILURE,
    )
}
