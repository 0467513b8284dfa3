import type { ReportSection, ReportTable } from '../reports/library-report.js'
import { csvCell } from './audit-csv.js'
import { columnWords, TABLE_WORDS } from './views/staff/library-statistics-words.js'

const HEADER = ['Table', 'Unit', 'Row', 'Column', 'Value']

/**
 * One section of the library report as CSV, one number a line (tables differ in their columns,
 * so a long layout keeps every table in one file). Hidden numbers read "hidden", as on the page.
 */
export function librarySectionCsv(section: ReportSection, threshold: number): string {
  const hidden = 'hidden'
  const lines: string[][] = []
  const out = (t: ReportTable, row: string, column: string, n: number | null) =>
    lines.push([TABLE_WORDS[t.id] ?? t.id, t.unit, row, column, n === null ? hidden : String(n)])
  for (const t of section.tables) {
    const s = t.shown
    s.rows.forEach((r, i) =>
      s.columns.forEach((c, j) => out(t, r, columnWords(t, c), s.cells[i]![j]!)),
    )
    s.rows.forEach((r, i) => out(t, r, 'Total', s.rowTotals[i]!))
    s.columns.forEach((c, j) => out(t, 'Total', columnWords(t, c), s.columnTotals[j]!))
    out(t, 'Total', 'Total', s.total)
  }
  const note = [
    'Note',
    '',
    '',
    '',
    `"${hidden}" is a count from 1 to ${threshold - 1}, hidden so it cannot point to a person, or another number hidden with it so that it cannot be worked out from the totals.`,
  ]
  const rows = threshold > 1 ? [HEADER, ...lines, note] : [HEADER, ...lines]
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
