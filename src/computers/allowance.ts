/**
 * Today's minutes per patron (or guest pass), counted under HMAC(id, the day's random key). The
 * key lives in the database only until the sweep deletes it with that day's counters, so
 * yesterday's counts could not be tied to anyone even by someone holding every table.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { localDate } from '../library/calendar.js'

/** The library's calendar day an instant falls on: the allowance resets at local midnight. */
export const allowanceDay = (ctx: AppContext, at: Date): string =>
  localDate(at, ctx.config.library.timezone)

async function dayKey(db: Kysely<RecordsDb>, day: string): Promise<string> {
  await db
    .insertInto('computer_day_keys')
    .values({ day, key: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute()
  const row = await db
    .selectFrom('computer_day_keys')
    .select('key')
    .where('day', '=', day)
    .executeTakeFirstOrThrow()
  return row.key
}

/** The keyed name a patron or guest pass is counted under on a day. */
export async function allowanceSubject(
  db: Kysely<RecordsDb>,
  day: string,
  who: string,
): Promise<string> {
  const key = await dayKey(db, day)
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(who).digest('base64url')
}

export async function minutesUsed(
  db: Kysely<RecordsDb>,
  day: string,
  subject: string,
): Promise<number> {
  const row = await db
    .selectFrom('computer_allowance')
    .select('minutes_used')
    .where('day', '=', day)
    .where('subject', '=', subject)
    .executeTakeFirst()
  return row?.minutes_used ?? 0
}

export async function addMinutesUsed(
  db: Kysely<RecordsDb>,
  day: string,
  subject: string,
  minutes: number,
): Promise<void> {
  if (minutes <= 0) return
  await db
    .insertInto('computer_allowance')
    .values({ day, subject, minutes_used: minutes })
    .onConflict((oc) =>
      oc
        .columns(['day', 'subject'])
        .doUpdateSet({ minutes_used: sql<number>`computer_allowance.minutes_used + ${minutes}` }),
    )
    .execute()
}
