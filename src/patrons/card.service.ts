import { createHash } from 'node:crypto'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { AppError, conflict, forbidden, notFound, ruleViolation, validation } from '../errors.js'
import { newId } from '../ids.js'
import { enqueueNotice } from '../circulation/circ-support.js'
import { localDate } from '../library/calendar.js'
import { appendAudit, recordAudit, type AuditEvent } from '../privacy/audit.js'
import {
  giveBackAddressAttempt,
  reserveAddressAttempt,
  type AttemptOrigin,
} from '../privacy/throttle.js'
import { requirePermission } from '../staff/roles.js'
import { barcodeProblem, generateBarcode } from './barcode.js'
import { loadLive } from './patron.service.js'
import { toCardView, type CardView } from './patron-views.js'
import { pinProblem, type PinContext } from './pin-policy.js'
import {
  attemptSucceeded,
  clearFailures,
  lockoutSubject,
  windowStart,
  recentFailures,
  reserveAttempt,
} from './pin-lockout.js'
import * as repo from './patron.repository.js'
import { raisePatronSessionVersion } from './patron-sessions.js'
import type { CardStatus } from './patron.tables.js'

/** Validates a requested card (or makes a number) and hashes its PIN; nothing is written yet. */
export async function prepareNewCard(
  ctx: AppContext,
  patronId: string,
  request: { barcode?: string; pin?: string },
  about: PinContext,
): Promise<repo.CardRow> {
  const barcode = request.barcode?.trim() ?? (await freshBarcode(ctx))
  const problem = barcodeProblem(ctx.config.cards, barcode)
  if (problem !== undefined)
    throw validation('INVALID_BARCODE', `That card number does not fit: ${problem}.`)
  if (request.pin !== undefined) checkPin(ctx, request.pin, about)
  const at = ctx.clock.now().toISOString()
  return {
    id: newId(),
    patron_id: patronId,
    barcode,
    pin_hash: request.pin === undefined ? null : await ctx.hasher.hash(request.pin),
    status: 'active',
    issued_at: at,
    status_changed_at: at,
    replaced_by: null,
  }
}

async function freshBarcode(ctx: AppContext): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const candidate = generateBarcode(ctx.config.cards)
    if ((await repo.findCardByBarcode(ctx.db, candidate)) === undefined) return candidate
  }
  throw conflict(
    'BARCODE_SPACE_EXHAUSTED',
    'Could not find an unused card number; lengthen the barcode format.',
  )
}

function checkPin(ctx: AppContext, pin: string, about: PinContext): void {
  const problem = pinProblem(ctx.config.cards, pin, about)
  if (problem !== undefined) throw validation('WEAK_PIN', `That PIN cannot be used: ${problem}.`)
}

async function getCard(ctx: AppContext, barcode: string): Promise<repo.CardRow> {
  const card = await repo.findCardByBarcode(ctx.db, barcode.trim())
  if (card === undefined) throw notFound('CARD_NOT_FOUND', 'No card has that number.')
  return card
}

/** Issues a card to a patron who has no active one. */
export async function issueCard(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
  request: { barcode?: string; pin?: string },
): Promise<CardView> {
  requirePermission(actor, 'card.manage')
  const { row, cipher } = await loadLive(ctx, patronId)
  const active = (await repo.listCards(ctx.db, [patronId])).find((c) => c.status === 'active')
  if (active !== undefined)
    throw conflict(
      'CARD_ALREADY_ACTIVE',
      'This patron already has an active card; replace it instead.',
    )
  const card = await prepareNewCard(ctx, row.id, request, pinContext(cipher, row))
  await insertWithAudit(ctx, actor, card, [])
  return toCardView(card)
}

/** Replaces a lost or damaged card: the account, PIN included, moves to a new number. */
export async function replaceCard(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  request: { newBarcode?: string },
): Promise<CardView> {
  requirePermission(actor, 'card.manage')
  const old = await getCard(ctx, barcode)
  await loadLive(ctx, old.patron_id)
  if (old.status === 'replaced')
    throw conflict('CARD_ALREADY_REPLACED', 'This card has already been replaced.')
  const card = await prepareNewCard(
    ctx,
    old.patron_id,
    request.newBarcode === undefined ? {} : { barcode: request.newBarcode },
    {},
  )
  const moved = { ...card, pin_hash: old.pin_hash }
  await insertWithAudit(ctx, actor, moved, [old.id])
  return toCardView(moved)
}

async function insertWithAudit(
  ctx: AppContext,
  actor: Actor,
  card: repo.CardRow,
  replacing: string[],
): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertCard(trx, card)
      for (const id of replacing) {
        await repo.updateCard(trx, id, {
          status: 'replaced',
          status_changed_at: card.issued_at,
          replaced_by: card.id,
          pin_hash: null,
        })
      }
      // The old card is gone: whoever signed in with it is signed out everywhere.
      if (replacing.length > 0) await raisePatronSessionVersion(trx, card.patron_id)
      await appendAudit(trx, ctx.engine, ctx.clock, actor, [
        {
          action: replacing.length > 0 ? 'card.replace' : 'card.issue',
          patronId: card.patron_id,
          detail: { withPin: card.pin_hash !== null },
        },
      ])
    })
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('BARCODE_TAKEN', 'That card number is already in use.')
    throw err
  }
}

const SETTABLE: readonly CardStatus[] = ['active', 'lost', 'expired']

export async function setCardStatus(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  status: CardStatus,
): Promise<CardView> {
  requirePermission(actor, 'card.manage')
  if (!SETTABLE.includes(status))
    throw validation('INVALID_STATUS', `Card status must be one of ${SETTABLE.join(', ')}.`)
  const card = await getCard(ctx, barcode)
  await loadLive(ctx, card.patron_id)
  if (card.status === 'replaced')
    throw conflict('CARD_ALREADY_REPLACED', 'A replaced card cannot change status.')
  const at = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateCard(trx, card.id, { status, status_changed_at: at })
    // A card reported lost (or changed in any way) ends every web session of its holder.
    await raisePatronSessionVersion(trx, card.patron_id)
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'card.status',
        patronId: card.patron_id,
        detail: { from: card.status, to: status },
      },
    ])
  })
  return toCardView({ ...card, status, status_changed_at: at })
}

/** Staff set a PIN (the weak-PIN screen applies). */
export async function setPin(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  pin: string,
): Promise<void> {
  requirePermission(actor, 'card.manage')
  const card = await getCard(ctx, barcode)
  const { row, cipher } = await loadLive(ctx, card.patron_id)
  checkPin(ctx, pin, pinContext(cipher, row))
  await storePin(ctx, actor, card, await ctx.hasher.hash(pin))
}

async function storePin(
  ctx: AppContext,
  actor: Actor,
  card: repo.CardRow,
  pinHash: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateCard(trx, card.id, { pin_hash: pinHash })
    // A new PIN, set by the patron or by staff, signs every browser out.
    await raisePatronSessionVersion(trx, card.patron_id)
    await clearFailures(trx, lockoutSubject(ctx, card.barcode))
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'card.pin_set', patronId: card.patron_id },
    ])
    // The security notice: always sent, never the PIN.
    const now = ctx.clock.now()
    await enqueueNotice(
      trx,
      card.patron_id,
      'pin_changed',
      { on: localDate(now, ctx.config.library.timezone) },
      now.toISOString(),
    )
  })
}

function pinContext(
  cipher: { decrypt(c: string, v: string | null): string | null },
  row: repo.PatronRow,
): PinContext {
  return {
    birthDate: cipher.decrypt('birth_date_enc', row.birth_date_enc),
    phone: cipher.decrypt('phone_enc', row.phone_enc),
  }
}

export interface PinCheck {
  patronId: string
  cardStatus: CardStatus
  /** The patron's registration has lapsed. */
  expired: boolean
}

/**
 * The card a right PIN was checked against, as it was then: its id and a digest of its PIN hash
 * (which changes with the PIN), never the hash itself.
 */
export interface VerifiedPin {
  cardId: string
  pinTag: string
}

const pinTag = (pinHash: string | null) =>
  createHash('sha256')
    .update(pinHash ?? '')
    .digest('base64url')

const BAD_CREDENTIALS = () =>
  ruleViolation('INVALID_CREDENTIALS', 'The card number or PIN is not right.')
const LOCKED = () =>
  new AppError('locked', 'CARD_LOCKED', 'Too many wrong PINs: this card is locked for a while.')

/**
 * The one PIN check every entry point uses (desk, API, self-check, portal). An unknown card and a
 * wrong PIN give the same answer after the same work, and both count towards the same lockout.
 */
export async function verifyPin(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  pin: string,
  origin?: AttemptOrigin,
): Promise<PinCheck> {
  return (await verifyPinForSession(ctx, actor, barcode, pin, origin)).check
}

/**
 * verifyPin for a terminal session that will remember the right PIN (src/sip2/pin-memory.ts):
 * also says which card, and which PIN of it, was verified, for recheckVerifiedPin.
 */
export async function verifyPinForSession(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  pin: string,
  origin?: AttemptOrigin,
): Promise<{ check: PinCheck; proof: VerifiedPin }> {
  requirePermission(actor, 'card.verify')
  // Per address first: one address trying many cards is slowed without locking those cards.
  const address = await reserveAddressAttempt(ctx, origin)
  const subject = lockoutSubject(ctx, barcode)
  if ((await reserveAttempt(ctx, subject)) === undefined) throw LOCKED()
  const card = await repo.findCardByBarcode(ctx.db, barcode.trim())
  const live = card !== undefined && card.pin_hash !== null && card.status !== 'replaced'
  const ok = live
    ? await ctx.hasher.verify(card.pin_hash ?? '', pin)
    : await ctx.hasher.verifyNothing(pin)
  if (!ok || card === undefined) {
    const locked =
      (await recentFailures(ctx.db, ctx, subject)) >= ctx.config.cards.lockoutMaxFailures
    if (card !== undefined) {
      const events: AuditEvent[] = [{ action: 'card.pin_failed', patronId: card.patron_id }]
      if (locked) events.push({ action: 'card.locked', patronId: card.patron_id })
      await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, events)
    }
    throw locked ? LOCKED() : BAD_CREDENTIALS()
  }
  await attemptSucceeded(ctx.db, subject)
  await giveBackAddressAttempt(ctx, address)
  const patron = await repo.findPatron(ctx.db, card.patron_id)
  return {
    check: {
      patronId: card.patron_id,
      cardStatus: card.status,
      expired:
        patron === undefined || patron.expires_on < ctx.clock.now().toISOString().slice(0, 10),
    },
    proof: { cardId: card.id, pinTag: pinTag(card.pin_hash) },
  }
}

/**
 * A terminal that already saw this card's PIN verified sends it again: one read confirms the card
 * is still the same, active, with the same PIN and not locked, without Argon2 and without touching
 * the lockout counts. Undefined means "check it properly" (verifyPin), which the caller must do.
 */
export async function recheckVerifiedPin(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  proof: VerifiedPin,
): Promise<PinCheck | undefined> {
  requirePermission(actor, 'card.verify')
  const row = await ctx.db
    .selectFrom('cards')
    .leftJoin('patrons', 'patrons.id', 'cards.patron_id')
    .select((eb) => [
      'cards.id as card_id',
      'cards.status as status',
      'cards.pin_hash as pin_hash',
      'cards.patron_id as patron_id',
      'patrons.expires_on as expires_on',
      eb
        .selectFrom('pin_failures')
        .select((f) => f.fn.countAll<number>().as('n'))
        .where('subject', '=', lockoutSubject(ctx, barcode))
        .where('failed_at', '>', windowStart(ctx))
        .as('failures'),
    ])
    .where('cards.barcode', '=', barcode.trim())
    .executeTakeFirst()
  if (
    row === undefined ||
    row.card_id !== proof.cardId ||
    pinTag(row.pin_hash) !== proof.pinTag ||
    row.status !== 'active' ||
    Number(row.failures ?? 0) >= ctx.config.cards.lockoutMaxFailures
  )
    return undefined
  return {
    patronId: row.patron_id,
    cardStatus: row.status,
    expired: row.expires_on === null || row.expires_on < ctx.clock.now().toISOString().slice(0, 10),
  }
}

/**
 * Whose card this is, for a terminal about to read that patron (the read is audited there):
 * one indexed lookup, nothing decrypted. Undefined for an unknown number.
 */
export async function cardHolderId(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
): Promise<string | undefined> {
  requirePermission(actor, 'patron.read')
  return (await repo.findCardByBarcode(ctx.db, barcode.trim()))?.patron_id
}

/** A terminal found whose card this is and will not read them: the finding itself is audited. */
export async function auditCardLookup(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<void> {
  requirePermission(actor, 'patron.read')
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'patron.search_hit', patronId, detail: { by: 'barcode' } },
  ])
}

/** A patron changes their own PIN: the current PIN is checked through the same lockout. */
export async function changePin(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  currentPin: string,
  newPin: string,
  origin?: AttemptOrigin,
): Promise<void> {
  // The card holder, or desk staff who manage cards; never a role that only reads (privacy officer).
  if (actor.type !== 'patron') requirePermission(actor, 'card.manage')
  const checked = await verifyPin(ctx, actor, barcode, currentPin, origin)
  if (actor.type === 'patron' && actor.id !== checked.patronId)
    throw forbidden('FORBIDDEN', 'Not your card.')
  const card = await getCard(ctx, barcode)
  const { row, cipher } = await loadLive(ctx, checked.patronId)
  checkPin(ctx, newPin, pinContext(cipher, row))
  await storePin(ctx, actor, card, await ctx.hasher.hash(newPin))
}

/**
 * Desk staff lift a card's PIN lockout at once (the patron is at the desk with the card); the
 * attempt is audited against the patron. An unknown number is refused, never unlocked.
 */
export async function unlockCard(ctx: AppContext, actor: Actor, barcode: string): Promise<void> {
  requirePermission(actor, 'card.manage')
  const card = await getCard(ctx, barcode)
  await ctx.db.transaction().execute(async (trx) => {
    await clearFailures(trx, lockoutSubject(ctx, card.barcode))
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'card.unlock', patronId: card.patron_id },
    ])
  })
}

export async function listPatronCards(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<CardView[]> {
  requirePermission(actor, 'patron.read')
  await loadLive(ctx, patronId)
  const cards = await repo.listCards(ctx.db, [patronId])
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'patron.read', patronId, detail: { part: 'cards' } },
  ])
  return cards.map(toCardView)
}
