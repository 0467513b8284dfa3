import type { Actor } from '../actor.js'
import { MINUTE } from '../clock.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { verifyPin } from '../patrons/card.service.js'
import { loadPatronCipher } from '../privacy/field-cipher.js'
import type { AttemptOrigin } from '../privacy/throttle.js'
import { validation } from '../errors.js'
import { newId } from '../ids.js'
import { allowanceDay, allowanceSubject, minutesUsed } from './allowance.js'
import { branchClosing } from './branch-closing.js'
import { computerEvents } from './computer-events.js'
import { GUEST_CATEGORY, listRules, type ComputerDevice } from './computer-registry.service.js'
import { redeemGuestPass } from './guest-passes.service.js'
import { consumeReservation, reservationFor } from './queue.service.js'
import { computerErrors as E } from './session-errors.js'
import { grantMinutes, ruleFor } from './time-rules.js'

export { sessionStatus, logOff, type KioskStatus } from './kiosk-status.js'
export { lockScreen, unlockScreen } from './session-lock.js'
export { endSessionByStaff, extendSessionByStaff, sendMessage } from './session-staff.js'
export { tickSessions } from './session-tick.js'
export { sweepComputerLinks } from './computer-sweep.js'

export type Credentials =
  { kind: 'card'; barcode: string; pin: string } | { kind: 'guest'; code: string }

export interface SessionView {
  endsAt: string
  minutesLeft: number
  guest: boolean
  firstName?: string
}

/**
 * Who checks a PIN typed at a computer. Deliberately not the computer: a refused PIN is audited
 * against the patron, and naming the computer there would keep, for as long as the audit log
 * lives, where the patron sat.
 */
export const KIOSK_ACTOR: Actor = { type: 'system', id: 'computers' }

interface Holder {
  patronId: string | null
  category: string
  firstName?: string
}

/** The card holder behind a card and PIN, refused unless the card and registration are usable. */
async function cardHolder(
  ctx: AppContext,
  barcode: string,
  pin: string,
  origin?: AttemptOrigin,
): Promise<Holder> {
  const checked = await verifyPin(ctx, KIOSK_ACTOR, barcode, pin, origin)
  if (checked.cardStatus !== 'active' || checked.expired) throw E.cardNotUsable()
  const patron = await ctx.db
    .selectFrom('patrons')
    .select(['status', 'category', 'given_name_enc'])
    .where('id', '=', checked.patronId)
    .executeTakeFirst()
  if (patron === undefined || patron.status !== 'active') throw E.cardNotUsable()
  const cipher = await loadPatronCipher(ctx.keys, ctx.keyring, checked.patronId)
  const firstName = cipher?.decrypt('given_name_enc', patron.given_name_enc) ?? undefined
  return {
    patronId: checked.patronId,
    category: patron.category,
    ...(firstName !== undefined && { firstName }),
  }
}

function checkCredentials(creds: Credentials): void {
  const fields =
    creds.kind === 'card'
      ? [creds.barcode.trim(), creds.pin].map((v) => v.length >= 1 && v.length <= 32)
      : [creds.code.trim().length >= 1 && creds.code.length <= 64]
  if (fields.includes(false))
    throw validation('INVALID_INPUT', 'Enter a card number and PIN, or a guest pass code.')
}

/**
 * Signs a card holder or a guest pass in on a computer. The PIN is checked once, here, through
 * the card lockout and address throttle, and kept nowhere. One transaction writes the session;
 * the unique indexes on computer, patron and guest pass settle races between sign-ins.
 */
export async function startSession(
  ctx: AppContext,
  device: ComputerDevice,
  creds: Credentials,
  origin?: AttemptOrigin,
): Promise<SessionView> {
  checkCredentials(creds)
  if (!device.inService) throw E.outOfService()
  const holder: Holder =
    creds.kind === 'card'
      ? await cardHolder(ctx, creds.barcode, creds.pin, origin)
      : { patronId: null, category: GUEST_CATEGORY }
  const now = ctx.clock.now()
  const rules = await listRules(ctx.db)
  const closing = await branchClosing(ctx, ctx.db, device.branch, now)
  const day = allowanceDay(ctx, now)
  let endsAt: Date
  try {
    endsAt = await ctx.db.transaction().execute(async (trx) => {
      const computer = await trx
        .selectFrom('computers')
        .select('in_service')
        .where('id', '=', device.id)
        .executeTakeFirst()
      if (computer === undefined || computer.in_service !== 1) throw E.outOfService()
      const busy = await trx
        .selectFrom('computer_sessions')
        .select('id')
        .where('computer_id', '=', device.id)
        .executeTakeFirst()
      if (busy !== undefined) throw E.inUse()
      if (holder.patronId !== null) {
        const elsewhere = await trx
          .selectFrom('computer_sessions')
          .select('id')
          .where('patron_id', '=', holder.patronId)
          .executeTakeFirst()
        if (elsewhere !== undefined) throw E.accountInUse()
      }
      const reservation = await reservationFor(trx, device.id, now)
      if (reservation !== undefined) {
        if (reservation.patronId !== null && reservation.patronId !== holder.patronId)
          throw E.reserved()
        await consumeReservation(trx, reservation.entryId)
      }
      const guestPassId =
        creds.kind === 'guest'
          ? (await redeemGuestPass(trx, ctx, creds.code.trim(), device.branch, now)).passId
          : null
      const who = holder.patronId ?? guestPassId ?? ''
      const used = await minutesUsed(trx, day, await allowanceSubject(trx, day, who))
      const rule = ruleFor(rules, device.groupCode, holder.category)
      const grant = grantMinutes({ rule, usedToday: used, closing, now })
      if (grant.kind === 'not_allowed') throw E.notAllowed()
      if (grant.kind === 'no_time_left') throw E.noTimeLeft()
      if (grant.kind === 'closed') throw E.closed()
      const ends = new Date(now.getTime() + grant.minutes * MINUTE)
      await trx
        .insertInto('computer_sessions')
        .values({
          id: newId(),
          computer_id: device.id,
          patron_id: holder.patronId,
          guest_pass_id: guestPassId,
          category: holder.category,
          started_at: now.toISOString(),
          ends_at: ends.toISOString(),
          extensions: 0,
          lock_code_hash: null,
          locked_until: null,
          lock_failures: 0,
        })
        .execute()
      // After the insert, so two sign-ins of one card on two computers meet at the patron index.
      await trx
        .updateTable('computers')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', device.id)
        .execute()
      return ends
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw await raceLoser(ctx, device, holder, creds)
    throw err
  }
  computerEvents.publish(device.id, { type: 'status' })
  return {
    endsAt: endsAt.toISOString(),
    minutesLeft: Math.ceil((endsAt.getTime() - now.getTime()) / MINUTE),
    guest: holder.patronId === null,
    ...(holder.firstName !== undefined && { firstName: holder.firstName }),
  }
}

/** Which index refused a sign-in that lost a race: the computer, the card, or the guest pass. */
async function raceLoser(
  ctx: AppContext,
  device: ComputerDevice,
  holder: Holder,
  creds: Credentials,
): Promise<Error> {
  const onComputer = await ctx.db
    .selectFrom('computer_sessions')
    .select('id')
    .where('computer_id', '=', device.id)
    .executeTakeFirst()
  if (onComputer !== undefined) return E.inUse()
  if (holder.patronId !== null) return E.accountInUse()
  return creds.kind === 'guest' ? E.guestPassInvalid() : E.inUse()
}
