import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { newId } from '../ids.js'
import { blindIndex } from '../privacy/crypto.js'

/**
 * Failed PIN checks are counted per card number (as a keyed digest, so unknown numbers count
 * too and lock exactly like real ones), in a window, across every entry point.
 */
export function lockoutSubject(ctx: AppContext, barcode: string): string {
  return blindIndex(ctx.keyring.indexKey, 'pin-subject', barcode.trim())
}

function windowStart(ctx: AppContext): string {
  return new Date(
    ctx.clock.now().getTime() - ctx.config.cards.lockoutWindowMinutes * 60_000,
  ).toISOString()
}

export async function recentFailures(
  db: Kysely<RecordsDb>,
  ctx: AppContext,
  subject: string,
): Promise<number> {
  const row = await db
    .selectFrom('pin_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject', '=', subject)
    .where('failed_at', '>', windowStart(ctx))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function recordFailure(
  db: Kysely<RecordsDb>,
  ctx: AppContext,
  subject: string,
): Promise<void> {
  await db
    .insertInto('pin_failures')
    .values({ id: newId(), subject, failed_at: ctx.clock.now().toISOString() })
    .execute()
}

export async function clearFailures(db: Kysely<RecordsDb>, subject: string): Promise<void> {
  await db.deleteFrom('pin_failures').where('subject', '=', subject).execute()
}
