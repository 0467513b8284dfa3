import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { branchCalendar } from '../library/branch-details.service.js'
import { atLocalTime, endOfLocalDay, localDate } from '../library/calendar.js'
import { dayPlans, hoursKnown, openState } from '../library/opening-hours.js'
import type { Closing } from './time-rules.js'

/**
 * Two questions about a branch's closing, from its opening hours and closed days in the library's
 * time zone. A session is cut at the end of the span it runs in (a lunch break ends it); a guest
 * pass lasts until the day's last closing (a lunch break does not end it).
 */

/**
 * The branch at an instant, for a session: closed, or open until the end of the current span. A
 * branch whose hours were never entered has no cut-off.
 */
export async function branchClosing(
  ctx: AppContext,
  db: Kysely<RecordsDb>,
  branch: string,
  now: Date,
): Promise<Closing> {
  const { week, closed } = await branchCalendar(db, branch)
  const tz = ctx.config.library.timezone
  const state = openState(week, closed, branch, now, tz)
  if (state.kind === 'unknown') return { open: true, closesAt: null }
  if (state.kind === 'closed') return { open: false }
  return { open: true, closesAt: atLocalTime(localDate(now, tz), state.closes, tz) }
}

/**
 * When the branch closes for the day, for a guest pass: the end of the day's last span. A branch
 * whose hours were never entered closes at midnight; undefined when it is closed all that day.
 */
export async function closingToday(
  db: Kysely<RecordsDb>,
  branch: string,
  now: Date,
  timeZone: string,
): Promise<Date | undefined> {
  const { week, closed } = await branchCalendar(db, branch)
  const today = localDate(now, timeZone)
  if (!hoursKnown(week)) return endOfLocalDay(today, timeZone)
  const last = dayPlans(week, closed, branch, today, 1)[0]?.spans.at(-1)
  return last === undefined ? undefined : atLocalTime(today, last.closes, timeZone)
}
