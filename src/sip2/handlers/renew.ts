import { renew } from '../../circulation/loans.service.js'
import { itemStatus } from '../../selfcheck/item-status.service.js'
import { fieldValue } from '../codec/parse.js'
import { loanRefusal, loanReply, pinRefusal } from './checkout.js'
import type { TxHandler } from './types.js'

/**
 * 29 → 30. Renewals are always for the patron in AA (renew checks the loan is theirs), so a
 * third-party renewal is never made whatever the terminal allows. Desensitize is N: the item is
 * already out.
 */
export const renewHandler: TxHandler<'29'> = {
  response: '30',
  bx: 14,
  async handle(req, hc) {
    const refused = await pinRefusal(hc, req)
    if (refused !== undefined) return loanRefusal('30', req, hc, refused)
    const itemBarcode = fieldValue(req, 'AB') ?? ''
    if (itemBarcode === '')
      return loanRefusal('30', req, hc, { screen: 'Scan the item barcode (AB) to renew.' })
    const { title } = await itemStatus(hc.ctx, hc.actor, itemBarcode)
    const renewed = await renew(hc.ctx, hc.actor, {
      itemBarcode,
      patronBarcode: fieldValue(req, 'AA') ?? '',
    })
    return loanReply('30', req, hc, {
      title,
      dueAt: renewed.dueAt,
      renewal: true,
      desensitize: false,
    })
  },
  fail: (req, hc, f) => loanRefusal('30', req, hc, f),
}
