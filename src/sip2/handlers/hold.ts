import { cancelHold, patronHolds, placeHold } from '../../circulation/holds.service.js'
import { itemStatus, titleStatus } from '../../selfcheck/item-status.service.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import type { SipFailure } from '../errors.js'
import { findPatronId } from '../patron.js'
import { pinRefusal } from './checkout.js'
import { echo, field, institution, reply, screen, yn } from './reply.js'
import type { BaseContext, TxContext, TxHandler } from './types.js'

function holdReply(
  req: SipMessage,
  hc: BaseContext,
  r: {
    ok: boolean
    available: boolean
    position?: number
    pickup?: string
    title?: string
    note?: string
  },
) {
  return reply(
    '16',
    { ok: r.ok ? '1' : '0', available: yn(r.available), transactionDate: hc.date },
    field('BR', r.position),
    field('BS', r.pickup),
    institution(req, hc),
    echo(req, 'AA'),
    field('AB', fieldValue(req, 'AB')),
    field('AJ', r.title ?? fieldValue(req, 'AJ')),
    screen(r.note),
  )
}

const refuse = (req: SipMessage, hc: BaseContext, f: SipFailure) =>
  holdReply(req, hc, { ok: false, available: false, note: f.screen })

/** The title a hold is for: the record of the item in AB, or AJ read as a catalogue record id. */
async function titleOf(hc: TxContext, req: SipMessage) {
  const itemBarcode = fieldValue(req, 'AB')
  const recordId =
    itemBarcode !== undefined && itemBarcode !== ''
      ? (await itemStatus(hc.ctx, hc.actor, itemBarcode)).recordId
      : (fieldValue(req, 'AJ') ?? '')
  if (recordId === '') return undefined
  return titleStatus(hc.ctx, hc.actor, recordId)
}

/**
 * 15 → 16. Carrel's holds are title-level: "+" places one, "-" cancels the patron's hold on the
 * title. "*" (change) is refused: cancel and place again. Expiry and hold type are not settable.
 */
export const holdHandler: TxHandler<'15'> = {
  response: '16',
  bx: 13,
  async handle(req, hc) {
    const mode = req.fixed.holdMode
    if (mode !== '+' && mode !== '-')
      return refuse(req, hc, {
        screen:
          mode === '*'
            ? 'Holds cannot be changed here; cancel the hold and place it again.'
            : 'Unknown hold mode.',
      })
    const refused = await pinRefusal(hc, req)
    if (refused !== undefined) return refuse(req, hc, refused)
    const patronId = await findPatronId(hc, fieldValue(req, 'AA') ?? '')
    if (patronId === undefined)
      return refuse(req, hc, { screen: 'Invalid patron: no card has that number.' })
    const title = await titleOf(hc, req)
    if (title === undefined)
      return refuse(req, hc, { screen: 'Give the item barcode (AB) or the title record id (AJ).' })
    const base = { available: title.availableCopies > 0, title: title.title }
    if (mode === '+') {
      const requested = fieldValue(req, 'BS')
      const hold = await placeHold(hc.ctx, hc.actor, {
        patronId,
        recordId: title.recordId,
        pickupBranch: requested !== undefined && requested !== '' ? requested : hc.account.location,
      })
      return holdReply(req, hc, {
        ...base,
        ok: true,
        pickup: hold.pickupBranch,
        ...(hold.position !== null && { position: hold.position }),
      })
    }
    const open = (await patronHolds(hc.ctx, hc.actor, patronId)).find(
      (h) => h.recordId === title.recordId,
    )
    if (open === undefined)
      return refuse(req, hc, { screen: 'This patron has no hold on that title.' })
    await cancelHold(hc.ctx, hc.actor, open.id)
    return holdReply(req, hc, {
      ...base,
      ok: true,
      pickup: open.pickupBranch,
      note: 'Hold cancelled.',
    })
  },
  fail: refuse,
}
