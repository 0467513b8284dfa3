import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { newId } from '../ids.js'
import { blindIndex } from '../privacy/crypto.js'
import { createHash } from 'node:crypto'
import { LOCKS, lockForTransaction } from '../db/locks.js'

/**
 * Failed PIN checks (and staff sign-ins) are counted per card number (as a keyed digest, so unknown numbers count
 * too and lock exactly like real ones), in a window, across every entry point.
 */
export function lockoutSubject(ctx: AppContext, barcode: string): string {
  return blindIndex(ctx.keyring.indexKey, 'pin-subject', barcode.trim())
}

/** The start of the window in which failed PIN checks count toward the lockout. */
export function windowStart(ctx: AppContext): string {
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
): Promise<string> {
  const id = newId()
  await db
    .insertInto('pin_failures')
    .values({ id, subject, failed_at: ctx.clock.now().toISOString() })
    .execute()
  return id
}

/**
 * Takes one attempt from the subject's budget before the secret is checked, so parallel guesses
 * cannot all slip through while the count is still low. Returns undefined when the budget is spent.
 */
export async function reserveAttempt(
  ctx: AppContext,
  subject: string,
): Promise<string | undefined> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, ctx.engine, lockNumber(subject))
    if ((await recentFailures(trx, ctx, subject)) >= ctx.config.cards.lockoutMaxFailures)
      return undefined
    return recordFailure(trx, ctx, subject)
  })
}

/** A right secret gives the reserved attempt back and clears the count. */
export async function attemptSucceeded(db: Kysely<RecordsDb>, subject: string): Promise<void> {
  await clearFailures(db, subject)
}

function lockNumber(subject: string): number {
  return LOCKS.attemptsBase + createHash('sha256').update(subject).digest().readUInt32BE(0)
}

export async function clearFailures(db: Kysely<RecordsDb>, subject: string): Promise<void> {
  await db.deleteFrom('pin_failures').where('subject', '=', subject).execute()
}
