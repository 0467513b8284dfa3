import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { validation } from '../errors.js'
import {
  activeRegistrations,
  appliedBreakdown,
  BREAKDOWNS,
  feeTables,
  measureTable,
  type Breakdown,
  type DayRange,
  type Measure,
} from './library-counts.js'
import { daysBetween, GROUPINGS, isDay, type Grouping } from './periods.js'
import { suppressTable, type CountTable, type ShownTable } from './suppression.js'

export const SECTIONS = [
  'circulation',
  'holds',
  'registrations',
  'money',
  'computers',
  'requests',
] as const
export type SectionId = (typeof SECTIONS)[number]

/** Longest range a report covers, and longest one shown day by day (a row per day). */
export const MAX_DAYS = 3660
export const MAX_DAYS_BY_DAY = 366

export interface ReportQuery extends DayRange {
  grouping: Grouping
  breakdown: Breakdown
}

export interface ReportTable {
  /** A measure, or `active`, `fees`, `feeCents`. */
  id: string
  /** What the rows are: periods, or branches for the active registrations. */
  rows: 'period' | 'branch'
  /** What the columns are. */
  columns: Breakdown | 'fee' | 'category'
  unit: 'count' | 'minutes' | 'cents'
  shown: ShownTable
}

export interface ReportSection {
  id: SectionId
  tables: ReportTable[]
}

const MEASURES_OF: Record<Exclude<SectionId, 'money'>, Measure[]> = {
  circulation: ['loans', 'renewals', 'checkins', 'lost'],
  holds: ['holdsPlaced', 'holdsFilled'],
  registrations: ['registrations'],
  computers: ['computerSessions', 'computerMinutes'],
  requests: ['inquiries', 'illRequests', 'purchaseRequests'],
}

/** Checks a report's parameters; every refusal is a 400 with a stable code. */
export function checkReportQuery(raw: {
  from?: string
  to?: string
  grouping?: string
  breakdown?: string
}): ReportQuery {
  const { from, to } = raw
  if (from === undefined || to === undefined || !isDay(from) || !isDay(to))
    throw validation('REPORT_BAD_DATE', 'Give the first and last day as YYYY-MM-DD.', {
      fields: ['from', 'to'],
    })
  if (to < from)
    throw validation('REPORT_BAD_RANGE', 'The last day comes before the first.', {
      fields: ['to'],
    })
  const grouping = (raw.grouping ?? 'month') as Grouping
  if (!GROUPINGS.includes(grouping))
    throw validation('REPORT_BAD_GROUPING', 'Group by day, week or month.', {
      fields: ['grouping'],
    })
  const breakdown = (raw.breakdown ?? 'none') as Breakdown
  if (!BREAKDOWNS.includes(breakdown))
    throw validation('REPORT_BAD_BREAKDOWN', 'That is not a way to break the counts down.', {
      fields: ['breakdown'],
    })
  const days = daysBetween(from, to)
  if (days > MAX_DAYS || (grouping === 'day' && days > MAX_DAYS_BY_DAY))
    throw validation(
      'REPORT_RANGE_TOO_LONG',
      grouping === 'day'
        ? `Day by day, a report covers at most ${MAX_DAYS_BY_DAY} days; group by week or month.`
        : `A report covers at most ${MAX_DAYS} days.`,
      { fields: ['from', 'to'] },
    )
  return { from, to, grouping, breakdown }
}

/**
 * One section of the library report, every table suppressed: counts under the threshold and
 * whatever would give them away are hidden; minutes and cents are hidden wherever the count of
 * sessions or fees they add up is, so an amount never says how few there were.
 */
export async function librarySection(
  db: Kysely<RecordsDb>,
  section: SectionId,
  q: ReportQuery,
  threshold: number,
): Promise<ReportSection> {
  if (section === 'money') {
    const fees = await feeTables(db, q)
    const count = suppressTable(fees.count, threshold)
    return {
      id: section,
      tables: [
        { id: 'fees', rows: 'period', columns: 'fee', unit: 'count', shown: count },
        {
          id: 'feeCents',
          rows: 'period',
          columns: 'fee',
          unit: 'cents',
          shown: hideLike(count, fees.cents),
        },
      ],
    }
  }
  const tables: ReportTable[] = []
  let sessions: ShownTable | undefined
  for (const measure of MEASURES_OF[section]) {
    const counts = await measureTable(db, measure, q, q.grouping, q.breakdown)
    const columns = appliedBreakdown(measure, q.breakdown)
    if (measure === 'computerMinutes' && sessions !== undefined) {
      tables.push({
        id: measure,
        rows: 'period',
        columns,
        unit: 'minutes',
        shown: hideLike(sessions, counts),
      })
      continue
    }
    const shown = suppressTable(counts, threshold)
    if (measure === 'computerSessions') sessions = shown
    tables.push({ id: measure, rows: 'period', columns, unit: 'count', shown })
  }
  if (section === 'registrations') {
    const active = await activeRegistrations(db, q.to)
    tables.push({
      id: 'active',
      rows: 'branch',
      columns: 'category',
      unit: 'count',
      shown: suppressTable(active, threshold),
    })
  }
  return { id: section, tables }
}

export async function libraryReport(
  db: Kysely<RecordsDb>,
  q: ReportQuery,
  threshold: number,
): Promise<ReportSection[]> {
  const out: ReportSection[] = []
  for (const s of SECTIONS) out.push(await librarySection(db, s, q, threshold))
  return out
}

/** A table of amounts shown where its counts are, hidden where they are hidden. */
function hideLike(pattern: ShownTable, amounts: CountTable): ShownTable {
  const rowTotals = amounts.cells.map((row) => row.reduce((a, b) => a + b, 0))
  const columnTotals = amounts.columns.map((_, j) =>
    amounts.cells.reduce((a, row) => a + row[j]!, 0),
  )
  const total = rowTotals.reduce((a, b) => a + b, 0)
  return {
    rows: amounts.rows,
    columns: amounts.columns,
    cells: amounts.cells.map((row, i) =>
      row.map((v, j) => (pattern.cells[i]?.[j] === null ? null : v)),
    ),
    rowTotals: rowTotals.map((v, i) => (pattern.rowTotals[i] === null ? null : v)),
    columnTotals: columnTotals.map((v, j) => (pattern.columnTotals[j] === null ? null : v)),
    total: pattern.total === null ? null : total,
    hidden: pattern.hidden,
  }
}
