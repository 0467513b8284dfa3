import { sql, type Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { periodOf, periodsBetween, type Grouping } from './periods.js'
import type { CountTable } from './suppression.js'

/*
 * Library statistics read only the anonymous counts written when things happen (loans, holds,
 * money, computers, registrations, questions, requests) — never a loan, hold or patron row —
 * except "active registrations", a count of the current patron records by home branch and kind.
 */

export const BREAKDOWNS = ['none', 'branch', 'item_type', 'patron_category', 'computer_group'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]

export interface DayRange {
  from: string
  /** Included. */
  to: string
}

/** The single column of a table not broken down. */
export const COUNT_COLUMN = 'count'

interface Source {
  table: 'circulation_counts' | 'hold_counts' | 'activity_counts' | 'computer_usage_counts'
  event?: string
  value: 'count' | 'sessions' | 'minutes'
  /** The column behind each breakdown this source can be split by. */
  dims: Partial<Record<Breakdown, string>>
}

const CIRCULATION_DIMS = { branch: 'branch', item_type: 'item_type', patron_category: 'patron_category' }
const ACTIVITY_DIMS = { branch: 'branch', patron_category: 'patron_category' }
const COMPUTER_DIMS = { branch: 'branch', computer_group: 'group_code', patron_category: 'category' }

const circulation = (event: string): Source => ({
  table: 'circulation_counts',
  event,
  value: 'count',
  dims: CIRCULATION_DIMS,
})
const activity = (event: string): Source => ({
  table: 'activity_counts',
  event,
  value: 'count',
  dims: ACTIVITY_DIMS,
})
const holds = (event: string): Source => ({
  table: 'hold_counts',
  event,
  value: 'count',
  dims: { branch: 'branch' },
})

/** Every daily measure a library report can show. */
export const MEASURES = {
  loans: circulation('checkout'),
  renewals: circulation('renewal'),
  checkins: circulation('checkin'),
  lost: circulation('lost'),
  holdsPlaced: holds('placed'),
  holdsFilled: holds('fulfilled'),
  registrations: activity('registered'),
  inquiries: activity('inquiry'),
  illRequests: activity('ill_request'),
  purchaseRequests: activity('purchase_request'),
  computerSessions: { table: 'computer_usage_counts', value: 'sessions', dims: COMPUTER_DIMS },
  computerMinutes: { table: 'computer_usage_counts', value: 'minutes', dims: COMPUTER_DIMS },
} as const satisfies Record<string, Source>
export type Measure = keyof typeof MEASURES

/** The breakdown a measure is actually split by: one it cannot be split by falls back to none. */
export function appliedBreakdown(measure: Measure, breakdown: Breakdown): Breakdown {
  const dims: Partial<Record<Breakdown, string>> = MEASURES[measure].dims
  return breakdown !== 'none' && dims[breakdown] !== undefined ? breakdown : 'none'
}

/**
 * A measure over a range of days: rows are the periods (every one, counted or not), columns the
 * values of the breakdown that occur (or one `count` column). Not suppressed: callers publish it
 * only through suppressTable.
 */
export async function measureTable(
  db: Kysely<RecordsDb>,
  measure: Measure,
  range: DayRange,
  grouping: Grouping,
  breakdown: Breakdown,
): Promise<CountTable> {
  const source: Source = MEASURES[measure]
  const applied = appliedBreakdown(measure, breakdown)
  const dim = applied === 'none' ? undefined : source.dims[applied]
  const rows = await sql<{ day: string; dim: string; n: number | string }>`
    select day, ${dim === undefined ? sql.lit(COUNT_COLUMN) : sql.ref(dim)} as dim,
      sum(${sql.ref(source.value)}) as n
    from ${sql.table(source.table)}
    where day >= ${range.from} and day <= ${range.to}
      ${source.event === undefined ? sql`` : sql`and event = ${source.event}`}
    group by day, dim`.execute(db)
  return pivot(
    periodsBetween(range.from, range.to, grouping),
    rows.rows.map((r) => ({ row: periodOf(r.day, grouping), column: r.dim, n: Number(r.n) })),
    dim === undefined ? [COUNT_COLUMN] : undefined,
  )
}

/** Fee kinds a patron is charged (payments and waivers are how they are settled). */
export const FEE_KINDS = ['overdue', 'lost'] as const
export const FEE_OUTCOMES = ['charged', 'paid', 'waived'] as const

/**
 * Fines and fees by month (money is counted by month only): rows are the months the range
 * touches, columns kind × outcome (`overdue charged`…); one table of how many, one of cents.
 */
export async function feeTables(
  db: Kysely<RecordsDb>,
  range: DayRange,
): Promise<{ count: CountTable; cents: CountTable }> {
  const rows = await db
    .selectFrom('fee_counts')
    .select(['month', 'kind', 'outcome', 'count', 'cents'])
    .where('month', '>=', range.from.slice(0, 7))
    .where('month', '<=', range.to.slice(0, 7))
    .where('kind', 'in', [...FEE_KINDS])
    .where('outcome', 'in', [...FEE_OUTCOMES])
    .execute()
  const months = periodsBetween(range.from, range.to, 'month')
  const columns = FEE_KINDS.flatMap((k) => FEE_OUTCOMES.map((o) => `${k} ${o}`))
  const cell = (r: (typeof rows)[number], n: number) => ({
    row: r.month,
    column: `${r.kind} ${r.outcome}`,
    n,
  })
  return {
    count: pivot(
      months,
      rows.map((r) => cell(r, Number(r.count))),
      columns,
    ),
    cents: pivot(
      months,
      rows.map((r) => cell(r, Number(r.cents))),
      columns,
    ),
  }
}

/**
 * Registrations in force on the range's last day, by home branch and patron category: current
 * records not erased, made by then and not expired. A count only; no name is read.
 */
export async function activeRegistrations(
  db: Kysely<RecordsDb>,
  onDay: string,
): Promise<CountTable> {
  const rows = await db
    .selectFrom('patrons')
    .select((eb) => ['home_branch', 'category', eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'active')
    .where('expires_on', '>=', onDay)
    .where(sql<string>`substr(created_at, 1, 10)`, '<=', onDay)
    .groupBy(['home_branch', 'category'])
    .execute()
  const cells = rows.map((r) => ({ row: r.home_branch, column: r.category, n: Number(r.n) }))
  return pivot([...new Set(cells.map((c) => c.row))].sort(), cells)
}

function pivot(
  rows: string[],
  cells: { row: string; column: string; n: number }[],
  columns?: string[],
): CountTable {
  const cols = columns ?? [...new Set(cells.map((c) => c.column))].sort()
  const grid = rows.map(() => cols.map(() => 0))
  for (const c of cells) {
    const i = rows.indexOf(c.row)
    const j = cols.indexOf(c.column)
    if (i >= 0 && j >= 0) grid[i]![j]! += c.n
  }
  return { rows, columns: cols, cells: grid }
}
