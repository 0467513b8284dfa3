import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { fromWallClock } from '../library/calendar.js'
import { openState, weekHours } from '../library/opening-hours.js'
import { localDate } from '../library/calendar.js'
import type { Closing } from './time-rules.js'

/**
 * The branch at an instant, from its opening hours and closed days: closed, or open until the
 * end of the current span. A branch whose hours were never entered has no cut-off.
 */
export async function branchClosing(
  ctx: AppContext,
  db: Kysely<RecordsDb>,
  branch: string,
  now: Date,
): Promise<Closing> {
  const hours = await db
    .selectFrom('opening_hours')
    .select(['weekday', 'span', 'opens_at', 'closes_at'])
    .where('branch', '=', branch)
    .execute()
  const closed = await db
    .selectFrom('closed_days')
    .select(['branch', 'on_date', 'weekday', 'note'])
    .where('branch', 'in', [branch, '*'])
    .execute()
  const tz = ctx.config.library.timezone
  const state = openState(weekHours(hours), closed, branch, now, tz)
  if (state.kind === 'unknown') return { open: true, closesAt: null }
  if (state.kind === 'closed') return { open: false }
  const [y, m, d] = localDate(now, tz).split('-').map(Number)
  const [hh, mm] = state.closes.split(':').map(Number)
  return {
    open: true,
    closesAt: fromWallClock(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0), tz),
  }
}
