import type { Breakdown } from '../../../reports/library-counts.js'
import type { ReportTable, SectionId } from '../../../reports/library-report.js'
import type { Grouping } from '../../../reports/periods.js'

/** The staff pages are in English, like the rest of the staff desk. */
export const SECTION_WORDS: Record<SectionId, string> = {
  circulation: 'Circulation',
  holds: 'Holds',
  registrations: 'Registrations',
  money: 'Fines and fees',
  computers: 'Public computers',
  requests: 'Questions and requests',
}

export const TABLE_WORDS: Record<string, string> = {
  loans: 'Loans',
  renewals: 'Renewals',
  checkins: 'Check-ins',
  lost: 'Items declared lost',
  holdsPlaced: 'Holds placed',
  holdsFilled: 'Holds filled (collected)',
  registrations: 'New registrations',
  active: 'Registrations in force on the last day, by home branch and patron category',
  computerSessions: 'Computer sessions',
  computerMinutes: 'Computer minutes',
  inquiries: 'Questions to the library',
  illRequests: 'Interlibrary-loan requests',
  purchaseRequests: 'Purchase requests',
  fees: 'Fines and fees: how many, by month',
  feeCents: 'Fines and fees: amount in dollars, by month',
}

export const GROUPING_WORDS: Record<Grouping, string> = {
  day: 'Day',
  week: 'Week (ISO, Monday to Sunday)',
  month: 'Month',
}

export const BREAKDOWN_WORDS: Record<Breakdown, string> = {
  none: 'No breakdown',
  branch: 'Branch',
  item_type: 'Item type',
  patron_category: 'Patron category',
  computer_group: 'Computer group',
}

const FEE_WORDS: Record<string, string> = {
  'overdue charged': 'Overdue fines charged',
  'overdue paid': 'Overdue fines paid',
  'overdue waived': 'Overdue fines waived',
  'lost charged': 'Lost-item charges made',
  'lost paid': 'Lost-item charges paid',
  'lost waived': 'Lost-item charges waived',
}

/** A column heading in words: the breakdown's value as stored, except the fixed ones. */
export function columnWords(table: ReportTable, column: string): string {
  if (table.columns === 'fee') return FEE_WORDS[column] ?? column
  if (column === 'count') return table.unit === 'minutes' ? 'Minutes' : 'Count'
  if (column === '*') return 'Not signed in'
  return column
}

/** What the rows are, for the first column's heading. */
export function rowHeading(table: ReportTable, grouping: Grouping): string {
  return table.rows === 'branch' ? 'Home branch' : GROUPING_WORDS[grouping].split(' ')[0]!
}
