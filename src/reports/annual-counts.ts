import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { addDays, atLocalTime } from '../library/calendar.js'
import type { ReportPeriod } from './annual-period.js'

/*
 * The records store's side of the annual report: sums over the anonymous daily counts, and one
 * count of current registrations. Days in the records store are the library's local days, so a
 * period's days compare as text; both ends are included.
 */

/** SUM over no rows is null, and PostgreSQL returns a bigint sum as a string. */
const asCount = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))

/** Checkouts and renewals in the period; with `categories`, only loans to patrons in them. */
export async function circulationIn(
  db: Kysely<RecordsDb>,
  period: ReportPeriod,
  categories?: readonly string[],
): Promise<number> {
  if (categories !== undefined && categories.length === 0) return 0
  let query = db
    .selectFrom('circulation_counts')
    .select((eb) => eb.fn.sum<number | string | null>('count').as('n'))
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .where('event', 'in', ['checkout', 'renewal'])
  if (categories !== undefined) query = query.where('patron_category', 'in', categories)
  return asCount((await query.executeTakeFirst())?.n)
}

/** Sessions on the public computers that ended in the period (they are counted when they end). */
export async function computerSessionsIn(
  db: Kysely<RecordsDb>,
  period: ReportPeriod,
): Promise<number> {
  const row = await db
    .selectFrom('computer_usage_counts')
    .select((eb) => eb.fn.sum<number | string | null>('sessions').as('n'))
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .executeTakeFirst()
  return asCount(row?.n)
}

/**
 * Patron records, not erased, registered by the end of the period's last day and whose
 * registration runs at least to that day. Read from the records as they are now: a registration
 * erased or renewed since the period ended is seen as it is today.
 */
export async function registrationsCurrentAt(
  db: Kysely<RecordsDb>,
  period: ReportPeriod,
  timeZone: string,
): Promise<number> {
  const before = atLocalTime(addDays(period.to, 1), '00:00', timeZone).toISOString()
  const row = await db
    .selectFrom('patrons')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'active')
    .where('created_at', '<', before)
    .where('expires_on', '>=', period.to)
    .executeTakeFirst()
  return asCount(row?.n)
}
