import type { Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { migrateStores, openStores } from '../../db/database.js'
import { say } from '../output.js'
import { migrateStatisticsStore, openStatisticsStore } from '../../analytics/store.js'

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the records database, the key store and the statistics store up to date')
    .action(async () => {
      const config = loadConfig()
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
    })
}
