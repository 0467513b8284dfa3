import { takePayment } from '../../circulation/fees.service.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import type { SipFailure } from '../errors.js'
import { findPatronId } from '../patron.js'
import { pinRefusal } from './checkout.js'
import { amount, CURRENCY, echo, field, institution, reply, screen } from './reply.js'
import type { BaseContext, TxHandler } from './types.js'

/** "7", "7.5" or "7.50" in the currency's units, to cents; anything else is refused. */
export function parseAmount(text: string | undefined): number | undefined {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text ?? '')
  if (m === null) return undefined
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}

function paidReply(req: SipMessage, hc: BaseContext, accepted: boolean, note: string) {
  return reply(
    '38',
    { paymentAccepted: accepted ? 'Y' : 'N', transactionDate: hc.date },
    institution(req, hc),
    echo(req, 'AA'),
    field('BK', fieldValue(req, 'BK')),
    screen(note),
  )
}

const refuse = (req: SipMessage, hc: BaseContext, f: SipFailure) =>
  paidReply(req, hc, false, f.screen)

/**
 * 37 → 38. The amount goes to the patron's oldest fees first, as at the desk; a payment type of
 * 00 is cash, any other a card terminal. The device's transaction id is kept as the reference.
 */
export const feePaidHandler: TxHandler<'37'> = {
  response: '38',
  bx: 9,
  async handle(req, hc) {
    const cents = parseAmount(fieldValue(req, 'BV'))
    if (cents === undefined || cents === 0)
      return refuse(req, hc, { screen: 'The amount (BV) is not a valid sum of money.' })
    const currency = req.fixed.currencyType.trim()
    if (currency !== '' && currency !== CURRENCY)
      return refuse(req, hc, { screen: `Payments are taken in ${CURRENCY} only.` })
    const refused = await pinRefusal(hc, req)
    if (refused !== undefined) return refuse(req, hc, refused)
    const patronId = await findPatronId(hc, fieldValue(req, 'AA') ?? '')
    if (patronId === undefined)
      return refuse(req, hc, { screen: 'Invalid patron: no card has that number.' })
    const reference = fieldValue(req, 'BK')?.trim().slice(0, 60)
    const { owedCents } = await takePayment(hc.ctx, hc.actor, patronId, {
      amountCents: cents,
      method: req.fixed.paymentType === '00' ? 'cash' : 'card_terminal',
      ...(reference !== undefined && reference !== '' && { reference }),
    })
    return paidReply(req, hc, true, `Thank you. Still owed: ${amount(owedCents)}.`)
  },
  fail: refuse,
}
