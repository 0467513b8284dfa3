import { join } from 'node:path'
import type { Command } from 'commander'
import { loadConfig, type Config } from '../../config/config.js'
import { migrateStores, openStores } from '../../db/database.js'
import { inspectStore, storeLocations, type StoreLocation } from '../../db/migration-check.js'
import { keystoreMigrations, recordsMigrations } from '../../db/migrations/index.js'
import { CliFailure, EXIT_MIGRATIONS_PENDING } from '../failure.js'
import { say } from '../output.js'
import {
  migrateStatisticsStore,
  openStatisticsStore,
  STATISTICS_SQLITE_FILE,
} from '../../analytics/store.js'
import { statisticsMigrations } from '../../analytics/migrations/index.js'

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the records database, the key store and the statistics store up to date')
    .option(
      '--check',
      `only report the migrations each store is waiting for, writing nothing; exit code 0 when none, ${EXIT_MIGRATIONS_PENDING} when some are pending`,
    )
    .action(async (options: { check?: boolean }) => {
      const config = loadConfig()
      if (options.check === true) await check(config)
      else await migrate(config)
    })
}

async function migrate(config: Config): Promise<void> {
  const stores = await openStores(config)
  const statistics = await openStatisticsStore(config).catch(async (err: unknown) => {
    await stores.close()
    throw err
  })
  try {
    const applied = [
      ...(await migrateStores(stores)),
      ...(await migrateStatisticsStore(statistics)),
    ]
    if (applied.length === 0) say('The databases are up to date; no migration was needed.')
    else say(`Applied ${applied.length} migration(s):`, ...applied.map((m) => `  ${m}`))
  } finally {
    await Promise.all([stores.close(), statistics.close()])
  }
}

/** Reads each store's migration table, creating and changing nothing, not even a missing file. */
async function check(config: Config): Promise<void> {
  const { records, keys } = await storeLocations(config)
  const statistics: StoreLocation =
    config.statistics.url === undefined
      ? { engine: 'sqlite', path: join(config.dataDir, STATISTICS_SQLITE_FILE) }
      : { engine: 'postgres', url: config.statistics.url }
  const states = [
    ['records', await inspectStore(records, recordsMigrations)],
    ['keys', await inspectStore(keys, keystoreMigrations)],
    ['statistics', await inspectStore(statistics, statisticsMigrations)],
  ] as const
  let pending = 0
  for (const [store, state] of states) {
    pending += state.pending.length
    const label = store.padEnd(11)
    if (!state.exists)
      say(
        `${label}does not exist yet (${state.where}); "carrel migrate" creates it and applies ${count(state.pending.length)}`,
      )
    else if (state.pending.length === 0)
      say(`${label}up to date (${count(state.applied)} applied; ${state.where})`)
    else
      say(
        `${label}${state.pending.length} pending (${state.where}):`,
        ...state.pending.map((m) => `             ${store}/${m}`),
      )
  }
  if (pending > 0)
    throw new CliFailure(
      `${pending} migration(s) pending; back up the stores, then run "carrel migrate" (MIGRATIONS_PENDING)`,
      EXIT_MIGRATIONS_PENDING,
    )
}

const count = (n: number) => `${n} migration${n === 1 ? '' : 's'}`
