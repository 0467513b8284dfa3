import { createReadStream } from 'node:fs'
import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import {
  countCatalogEntries,
  formatFromName,
  importCatalog,
  type CatalogFormat,
} from '../../catalog/catalog-import.js'
import { loadConfig } from '../../config/config.js'
import { withContext } from '../context.js'
import { CliFailure } from '../failure.js'
import { assertReadable } from '../files.js'
import { say } from '../output.js'
import { startProgress } from '../progress.js'

const FORMATS: readonly CatalogFormat[] = ['iso2709', 'marcxml', 'csv']

export function registerItems(program: Command): void {
  const items = program.command('items').description('the catalogue: titles and copies')
  items
    .command('import')
    .description(
      'add titles and copies from MARC 21 (ISO 2709 or MARCXML, with 952 holdings) or CSV',
    )
    .argument('<file>', 'a .mrc, .xml or .csv file')
    .option('--format <format>', `one of ${FORMATS.join(', ')} (default: from the file name)`)
    .action(async (file: string, options: { format?: string }) => {
      const format = (options.format ?? formatFromName(file)) as CatalogFormat | undefined
      if (format === undefined || !FORMATS.includes(format))
        throw new CliFailure(`say which format ${file} is in: --format ${FORMATS.join('|')}`)
      await assertReadable(file)
      const total = await countCatalogEntries(createReadStream(file), format)
      const report = await withContext(loadConfig(), async (ctx) => {
        const progress = startProgress('Importing the catalogue', total)
        try {
          return await importCatalog(ctx, SYSTEM_ACTOR, createReadStream(file), format, (done) =>
            progress.update(done),
          )
        } finally {
          progress.stop()
        }
      })
      say(
        `${report.records} titles and ${report.items} copies added, ${report.rejected.length} records rejected`,
      )
      const where = format === 'csv' ? 'line' : 'record'
      for (const r of report.rejected) say(`${where} ${r.entry}: ${r.reason}`)
    })
}
