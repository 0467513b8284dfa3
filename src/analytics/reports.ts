import type { Kysely } from 'kysely'
import type { StatisticsDb } from './statistics.tables.js'

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
