import type { Kysely } from 'kysely'
import type { StatisticsDb } from './statistics.tables.js'
import { periodOf, periodsOf, type Grouping } from './report-periods.js'

/**
 * Read queries over the statistics store's daily tables, for the staff reports and the annual
 * report. Days are `YYYY-MM-DD` UTC text, so ranges compare as strings; both ends are included.
 * `site` narrows to one host; left out, every site the store counted is summed.
 */
export interface DayRange {
  from: string
  to: string
  site?: string
}

export interface WebsiteTotals {
  views: number
  visits: number
  visitors: number
}

/** SUM over no rows is null, and PostgreSQL returns a bigint sum as a string. */
export const asCount = (value: unknown): number => (value === null ? 0 : Number(value))

/**
 * Views, visits and visitors summed over the days of a range. A visitor is counted once a day
 * (the key that recognised them is destroyed daily), so over several days this is visitor-days.
 */
export async function websiteTotals(
  db: Kysely<StatisticsDb>,
  fromDay: string,
  toDayInclusive: string,
  site?: string,
): Promise<WebsiteTotals> {
  let query = db
    .selectFrom('daily_totals')
    .select((eb) => [
      eb.fn.sum<number | string | null>('views').as('views'),
      eb.fn.sum<number | string | null>('visits').as('visits'),
      eb.fn.sum<number | string | null>('visitors').as('visitors'),
    ])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDayInclusive)
  if (site !== undefined) query = query.where('site', '=', site)
  const row = await query.executeTakeFirst()
  return {
    views: asCount(row?.views),
    visits: asCount(row?.visits),
    visitors: asCount(row?.visitors),
  }
}

/** The sites the store has counts for, for the report's site chooser. */
export async function countedSites(db: Kysely<StatisticsDb>): Promise<string[]> {
  const rows = await db
    .selectFrom('daily_totals')
    .select('site')
    .distinct()
    .orderBy('site')
    .execute()
  return rows.map((r) => r.site)
}

export interface PeriodTotals extends WebsiteTotals {
  /** The day, the Monday starting the week, or `YYYY-MM`. */
  period: string
}

/**
 * Views, visits and visitors per day, week or month, every period of the range included (zero
 * when nothing was counted). Visits and visitors of a week or month are sums of their days.
 */
export async function websiteSeries(
  db: Kysely<StatisticsDb>,
  range: DayRange,
  grouping: Grouping,
): Promise<PeriodTotals[]> {
  let query = db
    .selectFrom('daily_totals')
    .select((eb) => [
      'day',
      eb.fn.sum<number | string | null>('views').as('views'),
      eb.fn.sum<number | string | null>('visits').as('visits'),
      eb.fn.sum<number | string | null>('visitors').as('visitors'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('day')
  if (range.site !== undefined) query = query.where('site', '=', range.site)
  const byPeriod = new Map<string, PeriodTotals>(
    periodsOf(range.from, range.to, grouping).map((period) => [
      period,
      { period, views: 0, visits: 0, visitors: 0 },
    ]),
  )
  for (const row of await query.execute()) {
    const cell = byPeriod.get(periodOf(row.day, grouping))
    if (cell === undefined) continue
    cell.views += asCount(row.views)
    cell.visits += asCount(row.visits)
    cell.visitors += asCount(row.visitors)
  }
  return [...byPeriod.values()]
}

export interface PageCount {
  path: string
  views: number
  visits: number
}

/** Pages by the visits that saw them (views break ties), most first, at most `limit`. */
export async function topPages(
  db: Kysely<StatisticsDb>,
  range: DayRange,
  limit: number,
): Promise<PageCount[]> {
  let query = db
    .selectFrom('daily_pages')
    .select((eb) => [
      'path',
      eb.fn.sum<number | string | null>('views').as('views'),
      eb.fn.sum<number | string | null>('visits').as('visits'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('path')
  if (range.site !== undefined) query = query.where('site', '=', range.site)
  const rows = await query
    .orderBy('visits', 'desc')
    .orderBy('views', 'desc')
    .orderBy('path')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ path: r.path, views: asCount(r.views), visits: asCount(r.visits) }))
}

export interface LabelCount {
  label: string
  count: number
}

/** Pages by how many visits began (`entries`) or ended (`exits`) on them, most first. */
export async function edgePages(
  db: Kysely<StatisticsDb>,
  range: DayRange,
  edge: 'entries' | 'exits',
  limit: number,
): Promise<LabelCount[]> {
  let query = db
    .selectFrom('daily_pages')
    .select((eb) => ['path', eb.fn.sum<number | string | null>(edge).as('count')])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('path')
  if (range.site !== undefined) query = query.where('site', '=', range.site)
  const rows = await query
    .having((eb) => eb.fn.sum(edge), '>', 0)
    .orderBy('count', 'desc')
    .orderBy('path')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ label: r.path, count: asCount(r.count) }))
}

/** Other sites by how many visits arrived from them, most first. */
export async function topReferrers(
  db: Kysely<StatisticsDb>,
  range: DayRange,
  limit: number,
): Promise<LabelCount[]> {
  let query = db
    .selectFrom('daily_referrers')
    .select((eb) => ['host', eb.fn.sum<number | string | null>('visits').as('count')])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('host')
  if (range.site !== undefined) query = query.where('site', '=', range.site)
  const rows = await query.orderBy('count', 'desc').orderBy('host').limit(limit).execute()
  return rows.map((r) => ({ label: r.host, count: asCount(r.count) }))
}
