import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { translator } from '../../i18n/i18n.js'
import { localDate } from '../../library/calendar.js'
import { annualCsv, annualTable } from '../../reports/annual-csv.js'
import { resolvePeriod, type PeriodInput, type ReportPeriod } from '../../reports/annual-period.js'
import { annualReport } from '../../reports/annual-report.js'
import { withContext } from '../context.js'
import { CliFailure } from '../failure.js'
import { note } from '../output.js'

const FORMATS = ['table', 'csv'] as const
type Format = (typeof FORMATS)[number]

interface AnnualOptions extends PeriodInput {
  format?: string
  out?: string
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('reports made from the anonymous counts')
  report
    .command('annual')
    .description(
      'the counts the Illinois Public Library Annual Report (IPLAR) and the IMLS Public Libraries Survey ask for, each with its survey field name and how Carrel counted it',
    )
    .option(
      '--year <year>',
      'the fiscal year, named for the year it ends in (statistics.fiscalYearStartMonth, default July: 2026 is 1 July 2025 to 30 June 2026); default: the last year that has ended',
    )
    .option('--from <day>', 'first day of a period of your own (YYYY-MM-DD), with --to')
    .option('--to <day>', 'last day of that period (YYYY-MM-DD), at most 366 days after --from')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the report to this file instead of the screen')
    .action(async (options: AnnualOptions) => {
      const format = options.format ?? 'table'
      if (!(FORMATS as readonly string[]).includes(format))
        throw new CliFailure(`unknown format "${format}": use ${FORMATS.join(' or ')}`)
      const config = loadConfig()
      const month = config.statistics.fiscalYearStartMonth
      const given = [options.year, options.from, options.to].some((v) => v !== undefined)
      // A period given on the command line is checked before any store is opened.
      const period = given ? resolvePeriod(options, month, '2000-01-01') : undefined
      await withContext(config, async (ctx) => {
        const today = localDate(ctx.clock.now(), config.library.timezone)
        const chosen: ReportPeriod = period ?? resolvePeriod({}, month, today)
        const t = translator('en')
        const result = await annualReport(ctx, chosen, t)
        const text =
          (format as Format) === 'csv'
            ? annualCsv(result)
            : `${heading(chosen)}\n\n${annualTable(result, t('staffAnnual.notCounted'))}`
        if (options.out === undefined) {
          process.stdout.write(text)
          return
        }
        try {
          await writeFile(options.out, text)
        } catch (err) {
          const code = (err as { code?: string }).code ?? 'unwritable'
          throw new CliFailure(`cannot write ${options.out}: ${code}`)
        }
        note(`${heading(chosen)}: written to ${options.out}`)
      })
    })
}

function heading(p: ReportPeriod): string {
  return p.fiscalYear === null
    ? `Annual report, ${p.from} to ${p.to}`
    : `Annual report, fiscal year ${p.fiscalYear} (${p.from} to ${p.to})`
}
