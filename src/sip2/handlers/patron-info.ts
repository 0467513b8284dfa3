import { loansOf } from '../../circulation/loans.service.js'
import { holdViews } from '../../circulation/holds.service.js'
import type { Field } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import {
  auditLookup,
  checkPin,
  DENIED_STATUS,
  holderOf,
  readPatron,
  statusFlags,
} from '../patron.js'
import {
  amount,
  count4,
  CURRENCY,
  echo,
  field,
  institution,
  language,
  reply,
  screen,
  yn,
} from './reply.js'
import type { BaseContext, TxHandler } from './types.js'
import type { SipMessage } from '../codec/spec.js'

const LIST_IDS = ['AS', 'AT', 'AU', 'AV', 'BU', 'CD'] as const
const MAX_LIST = 50
const UNKNOWN_COUNT = '    '

/** The one list the summary asks for (first Y in positions 0–5), cut to BP..BQ (1-based). */
function listFor(req: SipMessage<'63'>, lists: readonly string[][]): Field[] {
  const wanted = req.fixed.summary.slice(0, 6).indexOf('Y')
  const id = LIST_IDS[wanted]
  const values = lists[wanted]
  if (id === undefined || values === undefined) return []
  const start = Math.max(1, Number.parseInt(fieldValue(req, 'BP') ?? '1', 10) || 1)
  const requestedEnd = Number.parseInt(fieldValue(req, 'BQ') ?? '', 10)
  const end = Math.min(
    Number.isNaN(requestedEnd) ? values.length : requestedEnd,
    start + MAX_LIST - 1,
  )
  return values.slice(start - 1, end).map((v) => [id, v] as const)
}

function refusal(
  req: SipMessage<'63'>,
  hc: BaseContext,
  a: { validPatron?: boolean; pinOk?: boolean; screen?: string },
) {
  return reply(
    '64',
    {
      patronStatus: DENIED_STATUS,
      language: language(req.fixed.language),
      transactionDate: hc.date,
      // Counts are withheld (unknown) unless the patron is known and authenticated.
      holdItemsCount: a.validPatron === false ? '0000' : UNKNOWN_COUNT,
      overdueItemsCount: a.validPatron === false ? '0000' : UNKNOWN_COUNT,
      chargedItemsCount: a.validPatron === false ? '0000' : UNKNOWN_COUNT,
      fineItemsCount: a.validPatron === false ? '0000' : UNKNOWN_COUNT,
      recallItemsCount: a.validPatron === false ? '0000' : UNKNOWN_COUNT,
      unavailableHoldsCount: a.validPatron === false ? '0000' : UNKNOWN_COUNT,
    },
    institution(req, hc),
    echo(req, 'AA'),
    ['AE', ''],
    a.validPatron !== undefined && ['BL', yn(a.validPatron)],
    a.pinOk !== undefined && ['CQ', yn(a.pinOk)],
    screen(a.screen),
  )
}

/** 63 → 64: status, counts, one item list on request, and only the personal fields the account may receive. */
export const patronInfoHandler: TxHandler<'63'> = {
  response: '64',
  bx: 7,
  async handle(req, hc) {
    const barcode = fieldValue(req, 'AA') ?? ''
    const pin = await checkPin(hc, barcode, fieldValue(req, 'AD'))
    const pinOk = pin.given ? pin.ok : undefined
    // Read next (audited), or the finding is audited on its own below.
    const id = await holderOf(hc, barcode)
    if (id === undefined)
      return refusal(req, hc, {
        validPatron: false,
        pinOk,
        screen: 'Invalid patron: no card has that number.',
      })
    if (pin.given && !pin.ok) {
      await auditLookup(hc, id)
      return refusal(req, hc, { validPatron: true, pinOk, screen: pin.screen })
    }
    // The patron is read (and the read audited) first; the loans and holds are theirs.
    const patron = await readPatron(hc, id, barcode)
    const [loans, holds] = await Promise.all([loansOf(hc.ctx, id, false), holdViews(hc.ctx, id)])
    const ready = holds.filter((h) => h.status === 'ready').map((h) => h.title)
    const waiting = holds
      .filter((h) => h.status === 'queued' || h.status === 'in_transit')
      .map((h) => h.title)
    const overdue = loans.filter((l) => l.overdue).map((l) => l.itemBarcode)
    const charged = loans.map((l) => l.itemBarcode)
    const fines = patron.fees.map(
      (f) => `${amount(f.outstandingCents)} ${f.kind} ${f.createdAt.slice(0, 10)}`,
    )
    const r = patron.released
    return reply(
      '64',
      {
        patronStatus: statusFlags(patron),
        language: language(req.fixed.language),
        transactionDate: hc.date,
        holdItemsCount: count4(ready.length),
        overdueItemsCount: count4(overdue.length),
        chargedItemsCount: count4(charged.length),
        fineItemsCount: count4(fines.length),
        recallItemsCount: count4(0),
        unavailableHoldsCount: count4(waiting.length),
      },
      institution(req, hc),
      echo(req, 'AA'),
      ['AE', r.name ?? ''],
      ['BL', 'Y'],
      pinOk !== undefined && ['CQ', yn(pinOk)],
      ['BH', CURRENCY],
      ['BV', amount(patron.owedCents)],
      ['CC', amount(patron.maxOwedCents)],
      listFor(req, [ready, overdue, charged, fines, [], waiting]),
      field('BD', r.address),
      field('BE', r.email),
      field('BF', r.phone),
      field('PB', r.birthDate),
      field('PC', r.patronClass),
      field('PI', r.internetProfile),
      field('AQ', r.homeLibrary),
    )
  },
  fail: (req, hc, f) =>
    refusal(req, hc, { validPatron: f.validPatron, pinOk: f.pinOk, screen: f.screen }),
}
