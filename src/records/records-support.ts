import type { AppContext } from '../context.js'
import { localDate } from '../library/calendar.js'
import { listClosedDays } from '../library/library.service.js'
import { businessDays, type IsBusinessDay } from './business-days.js'

/** The library's local day now: the only time public records keep. */
export const todayOf = (ctx: Pick<AppContext, 'clock' | 'config'>): string =>
  localDate(ctx.clock.now(), ctx.config.library.timezone)

/** The library's business-day calendar, read from its closed days. */
export async function libraryBusinessDays(ctx: Pick<AppContext, 'db'>): Promise<IsBusinessDay> {
  return businessDays(await listClosedDays(ctx.db))
}

/** Optional text: trimmed, and absent when empty. */
export const optional = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined
  const t = v.trim()
  return t === '' ? undefined : t
}

/** Rows of a table whose day column is on or after `since` (a day): the forms' daily caps. */
export async function countSince(
  ctx: Pick<AppContext, 'db'>,
  table: 'suggestions' | 'records_requests',
  since: string,
): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_on', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
