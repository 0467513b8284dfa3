import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { endOfLocalDay, fromWallClock, localDate } from '../library/calendar.js'
import { dayPlans, hoursKnown, weekHours } from '../library/opening-hours.js'

/**
 * When a branch closes for the day at an instant, read from its opening hours and closed days in
 * the library's time zone: the end of the day's last span. A branch whose hours were never
 * entered closes at midnight; undefined when it is closed all that day.
 */
export async function closingToday(
  db: Kysely<RecordsDb>,
  branch: string,
  now: Date,
  timeZone: string,
): Promise<Date | undefined> {
  const [hours, closed] = await Promise.all([
    db.selectFrom('opening_hours').selectAll().where('branch', '=', branch).execute(),
    db
      .selectFrom('closed_days')
      .select(['branch', 'on_date', 'weekday', 'note'])
      .where('branch', 'in', [branch, '*'])
      .execute(),
  ])
  const today = localDate(now, timeZone)
  const week = weekHours(hours)
  if (!hoursKnown(week)) return endOfLocalDay(today, timeZone)
  const last = dayPlans(week, closed, branch, today, 1)[0]?.spans.at(-1)
  if (last === undefined) return undefined
  const [y, m, d] = today.split('-').map(Number)
  const [hh, mm] = last.closes.split(':').map(Number)
  return fromWallClock(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0), timeZone)
}
