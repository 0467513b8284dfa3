import type { ItemStatus } from '../../catalog/catalog.tables.js'
import { itemStatus } from '../../selfcheck/item-status.service.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import { sipDate } from '../sip-dates.js'
import { endOfLocalDay } from '../../library/calendar.js'
import { echo, field, reply, screen } from './reply.js'
import type { BaseContext, TxHandler } from './types.js'

/** Circulation status codes (reference §6.4); withdrawn and not-for-loan copies are "other". */
const CIRCULATION_STATUS: Record<ItemStatus, string> = {
  available: '03',
  on_loan: '04',
  on_hold_shelf: '08',
  in_transit: '10',
  lost: '12',
  not_for_loan: '01',
  withdrawn: '01',
}

/** Media type (CK, reference §6.8) by catalogue material type. */
export const MEDIA_TYPE: Record<string, string> = {
  book: '001',
  serial: '002',
  audiobook: '006',
  music: '006',
  video: '005',
}

function unknownItem(req: SipMessage, hc: BaseContext, note: string) {
  return reply(
    '18',
    { circulationStatus: '01', securityMarker: '01', feeType: '01', transactionDate: hc.date },
    echo(req, 'AB'),
    ['AJ', ''],
    screen(note),
  )
}

/** 17 → 18: status, due date and queue length; never who has the copy or who waits for it. */
export const itemInfoHandler: TxHandler<'17'> = {
  response: '18',
  bx: 10,
  async handle(req, hc) {
    const item = await itemStatus(hc.ctx, hc.actor, fieldValue(req, 'AB') ?? '')
    const tz = hc.ctx.config.library.timezone
    return reply(
      '18',
      {
        circulationStatus: CIRCULATION_STATUS[item.status],
        securityMarker: item.securityMarker,
        feeType: '01',
        transactionDate: hc.date,
      },
      ['CF', String(item.holdQueueLength)],
      item.dueAt !== null && ['AH', sipDate(new Date(item.dueAt), tz)],
      item.holdShelfUntil !== null && ['CM', sipDate(endOfLocalDay(item.holdShelfUntil, tz), tz)],
      ['AB', item.barcode],
      ['AJ', item.title],
      ['BG', hc.account.institutionId],
      field('CK', MEDIA_TYPE[item.materialType] ?? '000'),
      ['AQ', item.homeBranch],
      ['AP', item.currentBranch],
      field('CS', item.callNumber),
    )
  },
  fail: (req, hc, f) => unknownItem(req, hc, f.screen),
}
