import { checkin, type CheckinResult } from '../../circulation/checkin.service.js'
import type { Route } from '../../circulation/routing.js'
import { itemSecurity, mayHandleStrip, type ItemSecurity } from '../../catalog/item-security.js'
import { AppError } from '../../errors.js'
import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import { echo, field, institution, reply, screen, yn } from './reply.js'
import type { BaseContext, TxHandler } from './types.js'

/** Alert type (CV, the 3M extension) and destination for where the item goes next. */
function routing(route: Route): { alert: boolean; cv?: string; ct?: string; note?: string } {
  switch (route.action) {
    case 'shelve':
      return { alert: false }
    case 'hold_shelf':
      return {
        alert: true,
        cv: '01',
        ct: route.branch,
        note: `Hold: put it on the hold shelf under pickup code ${route.pickupCode}.`,
      }
    case 'transit':
      return {
        alert: true,
        cv: route.forHold ? '02' : '04',
        ct: route.branch,
        note: `Send it to ${route.branch}.`,
      }
  }
}

function checkinReply(
  req: SipMessage,
  hc: BaseContext,
  r: {
    ok: boolean
    /** The copy's strip; undefined for an unknown copy or a refused request. */
    strip: ItemSecurity | undefined
    alert: boolean
    home: string
    title?: string
    cv?: string
    ct?: string
    note?: string
  },
) {
  return reply(
    '10',
    {
      ok: r.ok ? '1' : '0',
      // A copy that is back in the library is armed again, unless it is magnetic media.
      resensitize: yn(r.strip !== undefined && mayHandleStrip(r.strip)),
      magneticMedia: r.strip?.magneticMedia ?? 'U',
      alert: yn(r.alert),
      transactionDate: hc.date,
    },
    institution(req, hc),
    echo(req, 'AB'),
    ['AQ', r.home],
    field('AJ', r.title),
    field('CT', r.ct),
    field('CV', r.cv),
    screen(r.note),
  )
}

/**
 * 09 → 10. The patron who had the item is never named (AA is left out): returned means forgotten.
 * An item that was not on loan answers ok=0, as Evergreen and Koha do, but is still routed, and
 * is resensitized: it is in the library and should be secured.
 */
export const checkinHandler: TxHandler<'09'> = {
  response: '10',
  bx: 2,
  async handle(req, hc) {
    const itemBarcode = fieldValue(req, 'AB') ?? ''
    let result: CheckinResult
    try {
      result = await checkin(hc.ctx, hc.actor, { itemBarcode, branch: hc.account.location })
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'ITEM_NOT_FOUND') throw err
      return checkinReply(req, hc, {
        ok: false,
        strip: undefined,
        alert: true,
        home: '',
        cv: '99',
        note: 'Invalid item: no item has that barcode.',
      })
    }
    const item = await itemSecurity(hc.ctx.db, itemBarcode)
    const r = result.route
    // Shelved, or sent home, it is going to its permanent location.
    const home =
      r.action === 'shelve' || (r.action === 'transit' && !r.forHold)
        ? r.branch
        : (item?.homeBranch ?? '')
    const route = routing(r)
    return checkinReply(req, hc, {
      ...route,
      ok: result.wasOnLoan,
      strip: item,
      home,
      title: result.title,
      note: result.wasOnLoan
        ? route.note
        : ['This item was not checked out.', route.note].filter(Boolean).join(' '),
    })
  },
  fail: (req, hc, f) =>
    checkinReply(req, hc, { ok: false, strip: undefined, alert: false, home: '', note: f.screen }),
}
