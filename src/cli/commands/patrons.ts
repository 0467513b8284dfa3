import { createReadStream } from 'node:fs'
import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig } from '../../config/config.js'
import { readMasterKey } from '../../config/secrets.js'
import { countCsvRows, importPatrons, IMPORT_COLUMNS } from '../../patrons/patron-import.js'
import { withContext } from '../context.js'
import { say } from '../output.js'
import { startProgress } from '../progress.js'
import { assertReadable } from '../files.js'

export function registerPatrons(program: Command): void {
  const patrons = program.command('patrons').description('patron records')
  patrons
    .command('import')
    .description('register the patrons listed in a CSV file, one row at a time')
    .argument('<file>', 'CSV file with a header line')
    .addHelpText('after', `\nColumns: ${IMPORT_COLUMNS.join(', ')}.\nEmpty cells mean "not given".`)
    .action(async (file: string) => {
      const config = loadConfig()
      const masterKey = readMasterKey(config.dataDir)
      await assertReadable(file)
      const total = await countCsvRows(createReadStream(file))
      const report = await withContext(
        config,
        async (ctx) => {
          const progress = startProgress('Importing patrons', total)
          try {
            return await importPatrons(ctx, SYSTEM_ACTOR, createReadStream(file), (done) =>
              progress.update(done),
            )
          } finally {
            progress.stop()
          }
        },
        masterKey,
      )
      say(`${report.imported} imported, ${report.rejected.length} rejected`)
      // The reason names the problem and the column; a row's values are never shown.
      for (const r of report.rejected) say(`line ${r.line}: ${r.reason} (${r.code})`)
    })
}
