import type { Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { initMasterKey } from '../../config/secrets.js'
import { say } from '../output.js'

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the data directory and the master key file')
    .action(() => {
      const config = loadConfig()
      const { path, created } = initMasterKey(config.dataDir)
      if (!created) {
        say(`A master key already exists at ${path}; it was left unchanged.`)
        return
      }
      say(
        `Created the master key at ${path} (readable by its owner only).`,
        '',
        'Back it up now, and keep that backup apart from the database backups:',
        '  - without the key, the patron data in the databases can never be read again;',
        '  - anyone holding both the key and a database copy can read it.',
        '',
        config.databaseUrl === undefined
          ? `The databases will be created in ${config.dataDir} by "carrel migrate" or "carrel serve".`
          : 'The PostgreSQL databases will be prepared by "carrel migrate" or "carrel serve".',
      )
    })
}
