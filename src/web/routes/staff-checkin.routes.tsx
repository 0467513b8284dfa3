import type { FastifyInstance, FastifyRequest } from 'fastify'
import { checkin } from '../../circulation/checkin.service.js'
import { expireHolds, holdShelf } from '../../circulation/holds.service.js'
import type { AppContext } from '../../context.js'
import { AppError, forbidden } from '../../errors.js'
import { getLibraryStructure } from '../../library/library.service.js'
import { can } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { sessionString, setFlash, type Slip } from '../sessions.js'
import { CheckinPage, HoldShelfPage } from '../views/staff/checkin.js'
import { branchNames } from './public.routes.js'

/** Check-in routes each copy (to a hold, another branch or the shelf) and prints a slip for it. */
export function staffCheckinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  const branchOf = (request: FastifyRequest) => sessionString(request, 'branch') ?? ''

  app.get('/staff/checkin', async (request, reply) => {
    const chrome = staffChrome(ctx, request, reply, 'Check in')
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
      />,
    )
  })

  app.post('/staff/checkin', async (request, reply) => {
    const itemBarcode = bodyOf(request).text('itemBarcode') ?? ''
    try {
      const done = await checkin(ctx, signedInActor(request), {
        itemBarcode,
        branch: branchOf(request),
      })
      const r = done.route
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
