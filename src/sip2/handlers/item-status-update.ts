import { AppError } from '../../errors.js'
import { itemStatus } from '../../selfcheck/item-status.service.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import { echo, field, reply, screen } from './reply.js'
import type { BaseContext, TxHandler } from './types.js'

function notStored(req: SipMessage, hc: BaseContext, note: string, title?: string) {
  return reply(
    '20',
    { itemPropertiesOk: '0', transactionDate: hc.date },
    echo(req, 'AB'),
    field('AJ', title),
    screen(note),
  )
}

/**
 * 19 → 20. Carrel keeps no item properties, so it answers properly that nothing was stored
 * (BX says N for this message, truthfully).
 */
export const itemStatusUpdateHandler: TxHandler<'19'> = {
  response: '20',
  bx: 11,
  notPerformed: true,
  async handle(req, hc) {
    try {
      const item = await itemStatus(hc.ctx, hc.actor, fieldValue(req, 'AB') ?? '')
      return notStored(req, hc, 'Carrel does not store item properties.', item.title)
    } catch (err) {
      if (err instanceof AppError && err.code === 'ITEM_NOT_FOUND')
        return notStored(req, hc, 'Invalid item: no item has that barcode.')
      throw err
    }
  },
  fail: (req, hc, f) => notStored(req, hc, f.screen),
}
