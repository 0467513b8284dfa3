import { checkout } from '../../circulation/checkout.service.js'
import { renew } from '../../circulation/loans.service.js'
import { AppError } from '../../errors.js'
import { itemSecurity, mayHandleStrip, type ItemSecurityView } from '../../catalog/item-security.js'
import { cardKnown } from '../../selfcheck/card-known.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import { sipFailure, type SipFailure } from '../errors.js'
import { checkPin } from '../patron.js'
import { parseSipDate, sipDate } from '../sip-dates.js'
import { echo, institution, reply, screen, yn, type FieldInput } from './reply.js'
import type { BaseContext, TxContext, TxHandler } from './types.js'

/**
 * 12 and 30 share one layout: ok, renewal ok, magnetic media, desensitize. Magnetic media is the
 * copy's (U for an unknown copy, or one whose type does not say); a magnetic copy is never sent
 * to the desensitizer (reference §5.6, §9.7).
 */
export function loanReply(
  code: '12' | '30',
  req: SipMessage,
  hc: BaseContext,
  r: {
    item: ItemSecurityView | undefined
    dueAt?: string
    renewal: boolean
    desensitize: boolean
    screen?: string
  },
  ...extra: FieldInput[]
) {
  const ok = r.dueAt !== undefined
  return reply(
    code,
    {
      ok: ok ? '1' : '0',
      renewalOk: yn(r.renewal),
      magneticMedia: r.item?.magneticMedia ?? 'U',
      desensitize: yn(ok && r.desensitize && r.item !== undefined && mayHandleStrip(r.item)),
      transactionDate: hc.date,
    },
    institution(req, hc),
    echo(req, 'AA'),
    echo(req, 'AB'),
    ['AJ', r.item?.title ?? ''],
    ['AH', r.dueAt === undefined ? '' : sipDate(new Date(r.dueAt), hc.ctx.config.library.timezone)],
    screen(r.screen),
    ...extra,
  )
}

/**
 * A refusal: BL says whether the card is known, AJ names a known copy. Used as it is only for
 * requests refused before they were read (not logged in, not allowed, malformed), where nothing
 * is looked up and the patron is not established.
 */
export function loanRefusal(
  code: '12' | '30',
  req: SipMessage,
  hc: BaseContext,
  f: SipFailure,
  item?: ItemSecurityView,
) {
  return loanReply(
    code,
    req,
    hc,
    { item, renewal: false, desensitize: false, screen: f.screen },
    ['BL', yn(f.validPatron ?? false)],
    f.pinOk !== undefined && ['CQ', yn(f.pinOk)],
  )
}

/** A refusal of a request that was read: the card is looked up for BL; a known copy gives AJ. */
export async function checkedRefusal(
  code: '12' | '30',
  req: SipMessage,
  hc: TxContext,
  f: SipFailure,
  item: ItemSecurityView | undefined,
) {
  const validPatron = f.validPatron ?? (await cardKnown(hc.ctx, fieldValue(req, 'AA') ?? ''))
  return loanRefusal(code, req, hc, { ...f, validPatron }, item)
}

/** A PIN the terminal sent must be right before anything is lent or renewed. */
export async function pinRefusal(hc: TxContext, req: SipMessage): Promise<SipFailure | undefined> {
  const pin = await checkPin(hc, fieldValue(req, 'AA') ?? '', fieldValue(req, 'AD'))
  return pin.given && !pin.ok ? { screen: pin.screen ?? '', pinOk: false } : undefined
}

async function lend(req: SipMessage<'11'>, hc: TxContext, item: ItemSecurityView | undefined) {
  const refused = await pinRefusal(hc, req)
  if (refused !== undefined) return checkedRefusal('12', req, hc, refused, item)
  const patronBarcode = fieldValue(req, 'AA') ?? ''
  const itemBarcode = fieldValue(req, 'AB') ?? ''
  const noBlock = req.fixed.noBlock === 'Y'
  const at = noBlock
    ? parseSipDate(req.fixed.transactionDate, hc.ctx.config.library.timezone)
    : undefined
  try {
    const loan = await checkout(hc.ctx, hc.actor, {
      patronBarcode,
      itemBarcode,
      branch: hc.account.location,
      ...(noBlock && { noBlock: true }),
      ...(at !== undefined && at <= hc.now && { at: at.toISOString() }),
    })
    return loanReply('12', req, hc, {
      item,
      dueAt: loan.dueAt,
      renewal: false,
      desensitize: true,
    })
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'ITEM_ALREADY_ON_LOAN') throw err
    if (req.fixed.scRenewalPolicy !== 'Y' || noBlock) throw err
  }
  try {
    const renewed = await renew(hc.ctx, hc.actor, { itemBarcode, patronBarcode })
    return loanReply('12', req, hc, {
      item,
      dueAt: renewed.dueAt,
      renewal: true,
      desensitize: true,
    })
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_ON_LOAN')
      return checkedRefusal(
        '12',
        req,
        hc,
        { screen: 'This item is checked out to another patron.' },
        item,
      )
    throw err
  }
}

/**
 * 11 → 12. A no-block checkout already happened at the terminal while Carrel was unreachable:
 * it is recorded at its real time and blocks are noted, not enforced. An item the patron already
 * has is renewed when the terminal's renewal policy allows it.
 */
export const checkoutHandler: TxHandler<'11'> = {
  response: '12',
  bx: 1,
  async handle(req, hc) {
    const item = await itemSecurity(hc.ctx.db, fieldValue(req, 'AB') ?? '')
    try {
      return await lend(req, hc, item)
    } catch (err) {
      return checkedRefusal('12', req, hc, sipFailure(err, hc.ctx.logger), item)
    }
  },
  fail: (req, hc, f) => loanRefusal('12', req, hc, f),
}
