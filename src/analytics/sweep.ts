import type { Kysely } from 'kysely'
import type { StatisticsDb } from './statistics.tables.js'

export interface RawSweep {
  /** Single page views deleted. */
  deleted: number
  /** The first and last day deleted, when any. */
  from?: string
  to?: string
}

/**
 * Deletes single page views from before `cutoffDay` (`YYYY-MM-DD`, not included): the truncated
 * addresses go with them, while the daily counts stay.
 */
export async function deleteRawViews(
  db: Kysely<StatisticsDb>,
  cutoffDay: string,
): Promise<RawSweep> {
  return db.transaction().execute(async (trx) => {
    const span = await trx
      .selectFrom('page_views')
      .select((eb) => [eb.fn.min('day').as('from'), eb.fn.max('day').as('to')])
      .where('day', '<', cutoffDay)
      .executeTakeFirst()
    const result = await trx
      .deleteFrom('page_views')
      .where('day', '<', cutoffDay)
      .executeTakeFirst()
    const deleted = Number(result.numDeletedRows)
    return {
      deleted,
      ...(deleted > 0 && span?.from != null && { from: span.from, to: span.to ?? span.from }),
    }
  })
}

/** The first day still kept when raw views live `rawDays` days. */
export function rawCutoffDay(now: Date, rawDays: number): string {
  return new Date(now.getTime() - rawDays * 86_400_000).toISOString().slice(0, 10)
}
