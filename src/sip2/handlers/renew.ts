import { renew } from '../../circulation/loans.service.js'
import { itemSecurity } from '../../catalog/item-security.js'
import { notFound } from '../../errors.js'
import { fieldValue } from '../codec/parse.js'
import { sipFailure } from '../errors.js'
import { checkedRefusal, loanRefusal, loanReply, pinRefusal } from './checkout.js'
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
    const itemBarcode = fieldValue(req, 'AB') ?? ''
    const item = itemBarcode === '' ? undefined : await itemSecurity(hc.ctx.db, itemBarcode)
    try {
      const refused = await pinRefusal(hc, req)
      if (refused !== undefined) return await checkedRefusal('30', req, hc, refused, item)
      if (itemBarcode === '')
        return await checkedRefusal(
          '30',
          req,
          hc,
          { screen: 'Scan the item barcode (AB) to renew.' },
          undefined,
        )
      if (item === undefined) throw notFound('ITEM_NOT_FOUND', 'No item has that barcode.')
      const renewed = await renew(hc.ctx, hc.actor, {
        itemBarcode,
        patronBarcode: fieldValue(req, 'AA') ?? '',
      })
      return loanReply('30', req, hc, {
        item,
        dueAt: renewed.dueAt,
        renewal: true,
        desensitize: false,
      })
    } catch (err) {
      return checkedRefusal('30', req, hc, sipFailure(err, hc.ctx.logger), item)
    }
  },
  fail: (req, hc, f) => loanRefusal('30', req, hc, f),
}
