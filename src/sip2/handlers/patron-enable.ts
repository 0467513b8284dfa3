import { setCardStatus } from '../../patrons/card.service.js'
import { fieldValue } from '../codec/parse.js'
import { checkPin, findPatronId, readPatron } from '../patron.js'
import { statusReply } from './patron-status.js'
import type { TxHandler } from './types.js'

/**
 * 25 → 26. Re-activates the card, only when AD is absent or right. Like blocking, it needs a
 * permission SIP accounts do not have by default, and BX says so.
 */
export const patronEnableHandler: TxHandler<'25'> = {
  response: '26',
  bx: 12,
  needs: 'card.manage',
  async handle(req, hc) {
    const barcode = fieldValue(req, 'AA') ?? ''
    const pin = await checkPin(hc, barcode, fieldValue(req, 'AD'))
    const pinOk = pin.given ? pin.ok : undefined
    const id = await findPatronId(hc, barcode)
    if (id === undefined)
      return statusReply('26', req, hc, '000', {
        validPatron: false,
        pinOk,
        screen: 'Invalid patron: no card has that number.',
      })
    if (pin.given && !pin.ok)
      return statusReply('26', req, hc, '000', { validPatron: true, pinOk, screen: pin.screen })
    await setCardStatus(hc.ctx, hc.actor, barcode, 'active')
    const patron = await readPatron(hc, id, barcode)
    return statusReply('26', req, hc, '000', { patron, validPatron: true, pinOk })
  },
  fail: (req, hc, f) =>
    statusReply('26', req, hc, '000', {
      validPatron: f.validPatron,
      pinOk: f.pinOk,
      screen: f.screen,
    }),
}
