import type { AppContext } from '../context.js'

export interface RecordsRequestCounts {
  year: string
  received: number
  fulfilled: number
  partiallyDenied: number
  denied: number
}

/**
 * Counts of records requests by the year they arrived, for the public transparency page:
 * numbers only, nothing about who asked or what for. Requests still open or withdrawn count as
 * received only.
 */
export async function recordsRequestCounts(
  ctx: Pick<AppContext, 'db'>,
): Promise<RecordsRequestCounts[]> {
  const rows = await ctx.db
    .selectFrom('records_requests')
    .select(['received_on', 'status'])
    .execute()
  const byYear = new Map<string, RecordsRequestCounts>()
  for (const r of rows) {
    const year = r.received_on.slice(0, 4)
    const c = byYear.get(year) ?? { year, received: 0, fulfilled: 0, partiallyDenied: 0, denied: 0 }
    c.received += 1
    if (r.status === 'fulfilled') c.fulfilled += 1
    if (r.status === 'partially_denied') c.partiallyDenied += 1
    if (r.status === 'denied') c.denied += 1
    byYear.set(year, c)
  }
  return [...byYear.values()].sort((a, b) => b.year.localeCompare(a.year))
}
