import { setCardStatus } from '../../patrons/card.service.js'
import { fieldValue } from '../codec/parse.js'
import { findPatronId, readPatron } from '../patron.js'
import { statusReply } from './patron-status.js'
import type { TxHandler } from './types.js'

/**
 * 01 → 24. Blocking marks the card lost. SIP accounts may not manage cards under Carrel's roles,
 * so this is refused with a screen message (and BX says N) unless that permission is granted.
 */
export const blockPatronHandler: TxHandler<'01'> = {
  response: '24',
  bx: 3,
  needs: 'card.manage',
  async handle(req, hc) {
    const barcode = fieldValue(req, 'AA') ?? ''
    await setCardStatus(hc.ctx, hc.actor, barcode, 'lost')
    const id = await findPatronId(hc, barcode)
    const patron = id === undefined ? undefined : await readPatron(hc, id, barcode)
    return statusReply('24', req, hc, '000', {
      ...(patron !== undefined && { patron }),
      validPatron: patron !== undefined,
      screen: 'This card has been blocked.',
    })
  },
  fail: (req, hc, f) =>
    statusReply('24', req, hc, '000', {
      validPatron: f.validPatron,
      pinOk: f.pinOk,
      screen: f.screen,
    }),
}
