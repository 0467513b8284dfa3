import type { T } from '../i18n/i18n.js'
import { csvCell } from './audit-csv.js'
import type { ShownSection } from './website-report.js'

/**
 * One report section as CSV, its headings as on the page. A hidden count is written as the word
 * "hidden" (a count hidden to protect another may be large), and a last line says why; labels (page addresses, other
 * sites' names) pass through csvCell, so none can run as a spreadsheet formula.
 */
export function sectionCsv(section: ShownSection, threshold: number, t: T): string {
  const count = (value: number | null): string =>
    value === null ? t('staffStatistics.cells.hidden') : String(value)
  const header = [...section.labelColumns, ...section.countColumns].map((c) =>
    t(`staffStatistics.columns.${c}`),
  )
  const rows = section.rows.map((r) => [...r.labels, ...r.counts.map(count)])
  const lines = [header, ...rows]
  if (section.totals !== undefined) {
    const padding = section.labelColumns.slice(1).map(() => '')
    lines.push([t('staffStatistics.columns.total'), ...padding, ...section.totals.map(count)])
  }
  if (section.hidden > 0)
    lines.push([t('staffStatistics.website.csvNote', { max: threshold - 1, n: threshold })])
  // A byte-order mark, so spreadsheets read the addresses in UTF-8.
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`
}
