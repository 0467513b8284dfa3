import type { NamedAuditEntry } from '../privacy/audit.service.js'
import type { Formats } from './format.js'
import { actionLabel, actorLabel, detailLines, patronLabel } from './views/staff/audit-labels.js'

const HEADER = [
  'Entry',
  'Time (UTC)',
  'Local time',
  'Who',
  'Action',
  'Action code',
  'Patron card',
  'Details',
]

/**
 * One CSV cell, RFC 4180: every cell quoted, quotes doubled. A cell starting with =, +, -, @ or a
 * tab would run as a formula in a spreadsheet, so it is prefixed with an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replaceAll('"', '""')}"`
}

/** The audit entries as CSV, with names and words as on the page and the codes beside them. */
export function auditCsv(entries: readonly NamedAuditEntry[], fmt: Formats): string {
  const rows = entries.map((e) => [
    String(e.seq),
    e.at,
    fmt.dateTime(e.at),
    actorLabel(e.actor),
    actionLabel(e.action),
    e.action,
    patronLabel(e.patron),
    detailLines(e).join('; '),
  ])
  // A byte-order mark, so spreadsheets read the names in UTF-8.
  return `\uFEFF${[HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
