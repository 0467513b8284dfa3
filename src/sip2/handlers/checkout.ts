import { checkout } from '../../circulation/checkout.service.js'
import { renew } from '../../circulation/loans.service.js'
import { AppError } from '../../errors.js'
import { itemStatus } from '../../selfcheck/item-status.service.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import type { SipFailure } from '../errors.js'
import { checkPin } from '../patron.js'
import { parseSipDate, sipDate } from '../sip-dates.js'
import { echo, institution, reply, screen, yn, type FieldInput } from './reply.js'
import type { BaseContext, TxContext, TxHandler } from './types.js'

/** 12 and 30 share one layout: ok, renewal ok, magnetic media, desensitize. */
export function loanReply(
  code: '12' | '30',
  req: SipMessage,
  hc: BaseContext,
  r: { title: string; dueAt?: string; renewal: boolean; desensitize: boolean; screen?: string },
  ...extra: FieldInput[]
) {
  const ok = r.dueAt !== undefined
  return reply(
    code,
    {
      ok: ok ? '1' : '0',
      renewalOk: yn(r.renewal),
      // Carrel does not track magnetic media.
      magneticMedia: 'U',
      desensitize: yn(ok && r.desensitize),
      transactionDate: hc.date,
    },
    institution(req, hc),
    echo(req, 'AA'),
    echo(req, 'AB'),
    ['AJ', r.title],
    ['AH', r.dueAt === undefined ? '' : sipDate(new Date(r.dueAt), hc.ctx.config.library.timezone)],
    screen(r.screen),
    ...extra,
  )
}

export function loanRefusal(code: '12' | '30', req: SipMessage, hc: BaseContext, f: SipFailure) {
  return loanReply(
    code,
    req,
    hc,
    { title: '', renewal: false, desensitize: false, screen: f.screen },
    f.validPatron !== undefined && ['BL', yn(f.validPatron)],
    f.pinOk !== undefined && ['CQ', yn(f.pinOk)],
  )
}

/** A PIN the terminal sent must be right before anything is lent or renewed. */
export async function pinRefusal(hc: TxContext, req: SipMessage): Promise<SipFailure | undefined> {
  const pin = await checkPin(hc, fieldValue(req, 'AA') ?? '', fieldValue(req, 'AD'))
  return pin.given && !pin.ok ? { screen: pin.screen ?? '', pinOk: false } : undefined
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
    const refused = await pinRefusal(hc, req)
    if (refused !== undefined) return loanRefusal('12', req, hc, refused)
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
        title: loan.title,
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
      const { title } = await itemStatus(hc.ctx, hc.actor, itemBarcode)
      return loanReply('12', req, hc, {
        title,
        dueAt: renewed.dueAt,
        renewal: true,
        desensitize: true,
      })
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_ON_LOAN')
        return loanRefusal('12', req, hc, { screen: 'This item is checked out to another patron.' })
      throw err
    }
  },
  fail: (req, hc, f) => loanRefusal('12', req, hc, f),
}
