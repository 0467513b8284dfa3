import { currentLoans, renew } from '../../circulation/loans.service.js'
import { AppError } from '../../errors.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import type { SipFailure } from '../errors.js'
import { findPatronId } from '../patron.js'
import { pinRefusal } from './checkout.js'
import { count4, institution, reply, screen } from './reply.js'
import type { BaseContext, TxHandler } from './types.js'

function refusal(req: SipMessage, hc: BaseContext, f: SipFailure) {
  return reply(
    '66',
    { ok: '0', renewedCount: '0000', unrenewedCount: '0000', transactionDate: hc.date },
    institution(req, hc),
    screen(f.screen),
  )
}

/** 65 → 66: renews each current loan in turn; BM lists the renewed, BN the rest. */
export const renewAllHandler: TxHandler<'65'> = {
  response: '66',
  bx: 15,
  async handle(req, hc) {
    const refused = await pinRefusal(hc, req)
    if (refused !== undefined) return refusal(req, hc, refused)
    const patronBarcode = fieldValue(req, 'AA') ?? ''
    const id = await findPatronId(hc, patronBarcode)
    if (id === undefined)
      return refusal(req, hc, { screen: 'Invalid patron: no card has that number.' })
    const renewed: string[] = []
    const unrenewed: string[] = []
    for (const loan of await currentLoans(hc.ctx, hc.actor, id)) {
      try {
        await renew(hc.ctx, hc.actor, { itemBarcode: loan.itemBarcode, patronBarcode })
        renewed.push(loan.itemBarcode)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        unrenewed.push(loan.itemBarcode)
      }
    }
    return reply(
      '66',
      {
        ok: '1',
        renewedCount: count4(renewed.length),
        unrenewedCount: count4(unrenewed.length),
        transactionDate: hc.date,
      },
      institution(req, hc),
      renewed.map((b) => ['BM', b] as const),
      unrenewed.map((b) => ['BN', b] as const),
      screen(`Renewed ${renewed.length} of ${renewed.length + unrenewed.length} items.`),
    )
  },
  fail: refusal,
}
