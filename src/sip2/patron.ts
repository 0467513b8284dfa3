import { listFees, type FeeView } from '../circulation/fees.service.js'
import { AppError } from '../errors.js'
import { localDate } from '../library/calendar.js'
import { getLibraryStructure } from '../library/library.service.js'
import {
  auditCardLookup,
  cardHolderId,
  recheckVerifiedPin,
  verifyPinForSession,
} from '../patrons/card.service.js'
import { getPatron } from '../patrons/patron.service.js'
import type { PatronView } from '../patrons/patron-views.js'
import type { CardStatus } from '../patrons/patron.tables.js'
import type { SipPersonalField } from '../selfcheck/sip-account.schemas.js'
import type { TxContext } from './handlers/types.js'

/** The personal values a SIP account may receive; nothing else leaves this file. */
export interface ReleasedFields {
  name?: string
  address?: string
  email?: string
  phone?: string
  /** YYYYMMDD, as EnvisionWare's PB extension carries it. */
  birthDate?: string
  /** PC: the patron category's code. */
  patronClass?: string
  /** AQ: the home branch's code. */
  homeLibrary?: string
  /** PI: the category's internet profile, when it has one. */
  internetProfile?: string
}

/**
 * The one place personal fields are filtered for SIP2, driven by the account's personal_fields.
 * Address, email, phone and birth date stay behind unless the library allowed them.
 */
export function releasable(
  view: PatronView,
  allowed: readonly SipPersonalField[],
  internetProfile?: string | null,
): ReleasedFields {
  const out: ReleasedFields = {}
  if (allowed.includes('name')) {
    const name = [view.givenName, view.familyName].filter((p) => p != null && p !== '').join(' ')
    if (name !== '') out.name = name
  }
  if (allowed.includes('address') && view.address != null) {
    const a = view.address
    out.address = [a.line1, a.line2, a.city, [a.region, a.postcode].filter(Boolean).join(' ')]
      .filter((p) => p !== undefined && p !== '')
      .join(', ')
  }
  if (allowed.includes('email') && view.email != null) out.email = view.email
  if (allowed.includes('phone') && view.phone != null) out.phone = view.phone
  if (allowed.includes('birthDate') && view.birthDate != null)
    out.birthDate = view.birthDate.replaceAll('-', '')
  if (allowed.includes('patronClass')) out.patronClass = view.category
  if (allowed.includes('homeLibrary')) out.homeLibrary = view.homeBranch
  if (allowed.includes('internetProfile') && internetProfile != null)
    out.internetProfile = internetProfile
  return out
}

export interface SipPatron {
  id: string
  /** Status of the card that was presented. */
  cardStatus: CardStatus | undefined
  expired: boolean
  owedCents: number
  maxOwedCents: number
  fees: FeeView[]
  released: ReleasedFields
}

const plausibleBarcode = (barcode: string) => barcode.length >= 1 && barcode.length <= 32

/**
 * The holder of a card, not audited by itself: only for a handler that goes on to read the
 * patron (readPatron is audited) or, when it does not, audits the finding (auditLookup).
 */
export async function holderOf(hc: TxContext, barcode: string): Promise<string | undefined> {
  if (!plausibleBarcode(barcode)) return undefined
  return cardHolderId(hc.ctx, hc.actor, barcode)
}

/** Audits that this terminal found whose card it is (a read of the patron would say as much). */
export async function auditLookup(hc: TxContext, patronId: string): Promise<void> {
  await auditCardLookup(hc.ctx, hc.actor, patronId)
}

/** Finds the holder of a card; the hit is audited with the SIP account as actor. */
export async function findPatronId(hc: TxContext, barcode: string): Promise<string | undefined> {
  const id = await holderOf(hc, barcode)
  if (id !== undefined) await auditLookup(hc, id)
  return id
}

/** Reads a patron (an audited read) and keeps only what the account may receive. */
export async function readPatron(hc: TxContext, id: string, barcode: string): Promise<SipPatron> {
  const [view, fees, structure] = await Promise.all([
    getPatron(hc.ctx, hc.actor, id),
    listFees(hc.ctx, hc.actor, id),
    getLibraryStructure(hc.ctx.db),
  ])
  const today = localDate(hc.now, hc.ctx.config.library.timezone)
  const category = structure.patronCategories.find((c) => c.code === view.category)
  return {
    id,
    cardStatus: view.cards.find((c) => c.barcode === barcode.trim())?.status,
    expired: view.status !== 'active' || view.expiresOn < today,
    owedCents: fees.owedCents,
    maxOwedCents: category?.maxOwedCents ?? 0,
    fees: fees.fees.filter((f) => f.outstandingCents > 0),
    released: releasable(view, hc.account.personalFields, category?.internetProfile),
  }
}

export type PinResult = { given: false } | { given: true; ok: boolean; screen?: string }

/**
 * Checks a PIN through the shared lockout; an empty AD means the terminal sent none. The same card
 * and PIN already verified on this connection are recognised from the session's memory after one
 * read of the card; anything else (another card, another PIN, a wrong one) takes the full check.
 */
export async function checkPin(
  hc: TxContext,
  barcode: string,
  pin: string | undefined,
): Promise<PinResult> {
  if (pin === undefined || pin === '') return { given: false }
  const memory = hc.session.pins
  const now = hc.now.getTime()
  const remembered = memory.recall(barcode, pin, now)
  if (remembered !== undefined) {
    if ((await recheckVerifiedPin(hc.ctx, hc.actor, barcode, remembered)) !== undefined) {
      memory.touch(now)
      return { given: true, ok: true }
    }
  }
  memory.forget()
  try {
    const { check, proof } = await verifyPinForSession(
      hc.ctx,
      hc.actor,
      barcode,
      pin,
      hc.session.origin,
    )
    if (check.cardStatus === 'active') memory.remember(barcode, pin, proof, now)
    return { given: true, ok: true }
  } catch (err) {
    if (err instanceof AppError && (err.code === 'CARD_LOCKED' || err.code === 'RATE_LIMITED'))
      return { given: true, ok: false, screen: err.message }
    if (
      err instanceof AppError &&
      ['INVALID_CREDENTIALS', 'CARD_NOT_FOUND', 'INVALID_INPUT'].includes(err.code)
    )
      return { given: true, ok: false, screen: 'The card number or PIN is not right.' }
    throw err
  }
}

/** Privileges denied, no other flags: an unknown card, or one whose PIN was not accepted. */
export const DENIED_STATUS = 'YYYY' + ' '.repeat(10)

/** The 14 patron-status flags (reference §6.1): Y where a condition holds, space where not. */
export function statusFlags(p: SipPatron): string {
  const lost = p.cardStatus === 'lost' || p.cardStatus === 'replaced'
  const unusable = lost || p.cardStatus === undefined || p.cardStatus === 'expired' || p.expired
  const fines = p.owedCents > p.maxOwedCents
  const flags = [
    unusable || fines, // 0 charge privileges denied
    unusable, // 1 renewal privileges denied
    false, // 2 recall privileges denied: Carrel has no recalls
    unusable, // 3 hold privileges denied
    lost, // 4 card reported lost
    false,
    false,
    false,
    false,
    false,
    fines, // 10 excessive outstanding fines
    false,
    false,
    false,
  ]
  return flags.map((f) => (f ? 'Y' : ' ')).join('')
}
