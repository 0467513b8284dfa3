import { timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import { MINUTE } from '../clock.js'
import type { AppContext } from '../context.js'
import { validation } from '../errors.js'
import { blindIndex } from '../privacy/crypto.js'
import type { ComputerDevice } from './computer-registry.service.js'
import { afterSessionEnded, endSessionRow } from './session-end.js'
import { computerErrors as E } from './session-errors.js'
import { computerEvents } from './computer-events.js'

/** Wrong codes a locked screen takes before the session ends (a guesser gets no further). */
export const MAX_UNLOCK_FAILURES = 5

const CODE = /^[0-9A-Za-z]{4,12}$/

/** Keyed by the server's index key and the session, so the stored value alone reveals nothing. */
const codeHash = (ctx: AppContext, sessionId: string, code: string): string =>
  blindIndex(ctx.keyring.indexKey, 'computer-lock', `${sessionId}\u0000${code}`)

function checkCode(code: string): void {
  if (!CODE.test(code))
    throw validation('INVALID_LOCK_CODE', 'Choose a code of 4 to 12 letters or digits.', {
      fields: ['code'],
    })
}

async function sessionOn(ctx: AppContext, computerId: string) {
  const session = await ctx.db
    .selectFrom('computer_sessions')
    .selectAll()
    .where('computer_id', '=', computerId)
    .executeTakeFirst()
  if (session === undefined) throw E.noSession()
  return session
}

/**
 * Locks the screen for a short absence with a code the person chooses; the time keeps running.
 * The lock lasts `computers.lockMinutes`; then the session ends.
 */
export async function lockScreen(
  ctx: AppContext,
  device: ComputerDevice,
  code: string,
): Promise<{ lockedUntil: string }> {
  checkCode(code)
  const session = await sessionOn(ctx, device.id)
  const now = ctx.clock.now()
  if (session.locked_until !== null && new Date(session.locked_until) > now) throw E.alreadyLocked()
  const until = new Date(now.getTime() + ctx.config.computers.lockMinutes * MINUTE)
  await ctx.db
    .updateTable('computer_sessions')
    .set({
      lock_code_hash: codeHash(ctx, session.id, code),
      locked_until: until.toISOString(),
      lock_failures: 0,
    })
    .where('id', '=', session.id)
    .execute()
  computerEvents.publish(device.id, { type: 'status' })
  return { lockedUntil: until.toISOString() }
}

/** Unlocks with the same code; too many wrong ones end the session. */
export async function unlockScreen(
  ctx: AppContext,
  device: ComputerDevice,
  code: string,
): Promise<void> {
  const session = await sessionOn(ctx, device.id)
  if (session.locked_until === null || session.lock_code_hash === null) throw E.notLocked()
  const given = Buffer.from(codeHash(ctx, session.id, CODE.test(code) ? code : ''))
  const stored = Buffer.from(session.lock_code_hash)
  if (given.length === stored.length && timingSafeEqual(given, stored)) {
    await ctx.db
      .updateTable('computer_sessions')
      .set({ lock_code_hash: null, locked_until: null, lock_failures: 0 })
      .where('id', '=', session.id)
      .execute()
    computerEvents.publish(device.id, { type: 'status' })
    return
  }
  // Counted in the database, so wrong codes sent side by side are all counted.
  const counted = await ctx.db
    .updateTable('computer_sessions')
    .set({ lock_failures: sql<number>`lock_failures + 1` })
    .where('id', '=', session.id)
    .returning('lock_failures')
    .executeTakeFirst()
  if (counted === undefined) throw E.noSession()
  if (counted.lock_failures < MAX_UNLOCK_FAILURES) throw E.wrongCode()
  const now = ctx.clock.now()
  const ended = await ctx.db.transaction().execute((trx) => endSessionRow(ctx, trx, session, now))
  if (ended) await afterSessionEnded(ctx, device.id)
  throw E.tooManyCodes()
}
