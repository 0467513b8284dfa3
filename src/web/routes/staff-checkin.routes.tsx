import type { FastifyInstance, FastifyRequest } from 'fastify'
import { itemLabels } from '../../catalog/item-labels.js'
import { checkin } from '../../circulation/checkin.service.js'
import { expireHolds, holdShelf } from '../../circulation/holds.service.js'
import type { AppContext } from '../../context.js'
import { AppError, forbidden, notFound } from '../../errors.js'
import { localDate } from '../../library/calendar.js'
import { getLibraryStructure } from '../../library/library.service.js'
import { can } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { findReturn, rememberReturn, sessionReturns, type ReturnRoute } from '../desk-session.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { libraryNames } from '../library-names.js'
import { seeOther, sendPage } from '../render.js'
import { sessionString, setFlash, type Slip } from '../sessions.js'
import { CheckinPage, HoldShelfPage } from '../views/staff/checkin.js'
import { PrintableSlipPage, type SlipHold } from '../views/staff/slips.js'
import { branchNames } from './public.routes.js'

/**
 * Check-in routes each copy (to a hold, another branch or the shelf) and prints a slip for it; the
 * session keeps a list of its returns, and a printable slip for any of them sent onward.
 */
export function staffCheckinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  const branchOf = (request: FastifyRequest) => sessionString(request, 'branch') ?? ''

  app.get('/staff/checkin', async (request, reply) => {
    const chrome = staffChrome(ctx, request, reply, 'Check in')
    const returns = sessionReturns(request)
    const [names, labels] = await Promise.all([
      libraryNames(ctx),
      itemLabels(
        ctx.db,
        returns.map((r) => r.barcode),
      ),
    ])
    return sendPage(
      reply,
      <CheckinPage
        chrome={{
          ...chrome,
          flash: chrome.flash && { kind: chrome.flash.kind, text: chrome.flash.text },
        }}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        slip={chrome.flash?.slip}
        branches={await branchNames(ctx)}
        names={names}
        returns={returns}
        labels={labels}
      />,
    )
  })

  app.post('/staff/checkin', async (request, reply) => {
    const itemBarcode = bodyOf(request).text('itemBarcode') ?? ''
    const branch = branchOf(request)
    try {
      const done = await checkin(ctx, signedInActor(request), { itemBarcode, branch })
      const r = done.route
      const route: ReturnRoute =
        r.action === 'shelve'
          ? 'shelf'
          : r.action === 'hold_shelf'
            ? 'hold_shelf'
            : r.forHold
              ? 'hold_transit'
              : 'transit'
      rememberReturn(request, {
        barcode: done.itemBarcode,
        route,
        from: branch,
        to: r.branch,
        day: localDate(ctx.clock.now(), ctx.config.library.timezone),
      })
      const slip: Slip = {
        title: done.title,
        action: r.action,
        branch: r.branch,
        forHold: r.action === 'hold_shelf' || (r.action === 'transit' && r.forHold),
        ...(r.action === 'hold_shelf' && { pickupCode: r.pickupCode, keepUntil: r.expiresOn }),
        fineCents: done.fineCents,
        forgotten: done.forgotten,
      }
      const what =
        r.action === 'hold_shelf'
          ? `a hold: shelve it under pickup code ${r.pickupCode}`
          : r.action === 'transit'
            ? 'another branch: send it on'
            : 'the shelf'
      setFlash(request, {
        kind: 'ok',
        text: `Checked in “${done.title}”. It goes to ${what}.`,
        slip,
      })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      setFlash(request, { kind: 'error', text: err.message })
    }
    return seeOther(reply, '/staff/checkin')
  })

  app.get<{ Params: { barcode: string } }>(
    '/staff/checkin/slips/:barcode',
    async (request, reply) => {
      const actor = signedInActor(request)
      if (!can(actor, 'circ.desk'))
        throw forbidden('FORBIDDEN', 'Your role may not print check-in slips.')
      const entry = findReturn(request, request.params.barcode)
      if (entry === undefined || entry.route === 'shelf')
        throw notFound(
          'SLIP_NOT_FOUND',
          'No slip for that item: it was not sent to a hold or another branch in this session.',
        )
      let hold: SlipHold | undefined
      if (entry.route === 'hold_shelf') {
        // Read now, not from the session: a hold collected or canceled since prints no slip.
        const shelf = await holdShelf(ctx, actor, entry.to)
        const found = shelf.ready.find((e) => e.itemBarcode === entry.barcode)
        hold =
          found === undefined
            ? 'gone'
            : { pickupCode: found.pickupCode, expiresOn: found.expiresOn }
      }
      const [names, labels] = await Promise.all([
        libraryNames(ctx),
        itemLabels(ctx.db, [entry.barcode]),
      ])
      return sendPage(
        reply,
        <PrintableSlipPage
          chrome={staffChrome(ctx, request, reply, 'Slip')}
          fmt={fmt}
          entry={entry}
          label={labels.get(entry.barcode)}
          names={names}
          hold={hold}
        />,
      )
    },
  )

  app.get('/staff/holds', async (request, reply) => {
    const { branches } = await getLibraryStructure(ctx.db)
    const wanted = queryOf(request).text('branch')
    const branch = branches.find((b) => b.code === wanted)?.code ?? branchOf(request)
    const shelf = await holdShelf(ctx, signedInActor(request), branch)
    const chrome = staffChrome(ctx, request, reply, 'Hold shelf')
    return sendPage(
      reply,
      <HoldShelfPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        branch={branch}
        branches={branches.map((b) => ({ value: b.code, label: b.name }))}
        ready={shelf.ready}
        expired={shelf.expired}
      />,
    )
  })

  app.post('/staff/holds/expire', async (request, reply) => {
    const branch = bodyOf(request).text('branch') ?? branchOf(request)
    return act(request, reply, `/staff/holds?branch=${encodeURIComponent(branch)}`, async () => {
      // The daily job's own function takes no actor, so the desk permission is checked here.
      if (!can(signedInActor(request), 'circ.desk'))
        throw forbidden('FORBIDDEN', 'Your role may not expire holds.')
      const { expired } = await expireHolds(ctx)
      return expired === 0
        ? 'No hold was past its date.'
        : `${expired} ${expired === 1 ? 'hold has' : 'holds have'} expired; pull the copies listed below.`
    })
  })
}
