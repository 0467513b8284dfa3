import type { Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { migrateStores, openStores } from '../../db/database.js'
import { say } from '../output.js'

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the records database and the key store up to date')
    .action(async () => {
      const config = loadConfig()
      const stores = await openStores(config)
      try {
        const applied = await migrateStores(stores)
        if (applied.length === 0) say('The databases are up to date; no migration was needed.')
        else say(`Applied ${applied.length} migration(s):`, ...applied.map((m) => `  ${m}`))
      } finally {
        await stores.close()
      }
    })
}
