import type { AnnualReport } from './annual-report.js'

export const ANNUAL_CSV_HEADER = ['field', 'label', 'value', 'method'] as const

/**
 * One CSV cell, RFC 4180: every cell quoted, quotes doubled. A cell starting with =, +, -, @, a
 * tab or a carriage return would run as a formula in a spreadsheet, so it gets an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replaceAll('"', '""')}"`
}

/** The report as CSV: a number Carrel cannot know is an empty cell, never 0. */
export function annualCsv(report: AnnualReport): string {
  const rows = report.rows.map((r) => [
    r.field,
    r.label,
    r.value === null ? '' : String(r.value),
    r.method,
  ])
  // A byte-order mark, so spreadsheets read the text as UTF-8.
  return `\uFEFF${[[...ANNUAL_CSV_HEADER], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** The report as a plain-text table for a terminal. */
export function annualTable(report: AnnualReport, notCounted: string): string {
  const cells = report.rows.map((r) => [
    r.field,
    r.label,
    r.value === null ? notCounted : String(r.value),
  ])
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]) =>
    c.map((v, i) => (i === 2 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ')
  return `${cells.map(line).join('\n')}\n`
}
