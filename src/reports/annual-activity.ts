import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { ReportPeriod } from './annual-period.js'

export interface ActivityTotals {
  /** Interlibrary-loan requests patrons made. */
  illRequests: number
  /** Questions sent to the library. */
  inquiries: number
}

/** The period's sums of the anonymous activity counts the annual report uses. */
export async function activityIn(
  db: Kysely<RecordsDb>,
  period: ReportPeriod,
): Promise<ActivityTotals> {
  const rows = await db
    .selectFrom('activity_counts')
    .select((eb) => ['event', eb.fn.sum<number | string | null>('count').as('n')])
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .where('event', 'in', ['ill_request', 'inquiry'])
    .groupBy('event')
    .execute()
  const sum = (event: string) => Number(rows.find((r) => r.event === event)?.n ?? 0)
  return { illRequests: sum('ill_request'), inquiries: sum('inquiry') }
}
