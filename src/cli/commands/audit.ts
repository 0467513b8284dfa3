import type { Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { openStores } from '../../db/database.js'
import { verifyAuditChain } from '../../privacy/audit.js'
import { CliFailure, EXIT_FAILURE } from '../failure.js'
import { say } from '../output.js'

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('the hash-chained log of every access to patron records')
  audit
    .command('verify')
    .description('check that no audit entry was changed, removed or reordered')
    .action(async () => {
      const config = loadConfig()
      // Only hashes are compared, so an auditor can run this without the master key.
      const stores = await openStores(config)
      try {
        const tables = await stores.records.introspection.getTables()
        if (!tables.some((t) => t.name === 'audit_log')) {
          throw new CliFailure(
            'this records database has no audit log: check the data directory or database URL, or run "carrel migrate" first',
          )
        }
        const result = await verifyAuditChain(stores.records)
        if (!result.ok) {
          throw new CliFailure(
            `audit log broken at entry ${result.seq} (${result.problem}): ${result.message}`,
            EXIT_FAILURE,
          )
        }
        say(`audit log intact: ${result.entries} entries`)
      } finally {
        await stores.close()
      }
    })
}
