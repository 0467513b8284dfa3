import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { itemLabels } from '../../catalog/item-labels.js'
import { checkout } from '../../circulation/checkout.service.js'
import { listFees } from '../../circulation/fees.service.js'
import { cancelHold, patronHolds } from '../../circulation/holds.service.js'
import { currentLoans, renew } from '../../circulation/loans.service.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { localDate } from '../../library/calendar.js'
import { getLibraryStructure } from '../../library/library.service.js'
import { findPatrons, getPatron } from '../../patrons/patron.service.js'
import { can } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { undoOffers } from '../desk-session.js'
import { bodyOf, queryOf } from '../forms.js'
import { codeLabel, formats } from '../format.js'
import { libraryNames } from '../library-names.js'
import { postedPatronSearch } from '../patron-search.js'
import { isHtmx, seeOther, sendFragment, sendPage } from '../render.js'
import { sessionString, setFlash, type Flash } from '../sessions.js'
import { deskAlerts } from '../views/staff/desk-alerts.js'
import { DeskPage, SEARCH_BY } from '../views/staff/desk.js'
import { PolicyReviewReminder } from '../views/staff/policy.js'
import { reviewOverdue } from '../../policy/policy-versions.js'
import { CircPanel, PatronPage } from '../views/staff/patron.js'
import { HoldCancelConfirmPage } from '../views/staff/lost.js'
import { lostUndoWindowMs, staffLostRoutes } from './staff-lost.routes.js'

/** Path parameters go back into a Location header: encoded, they cannot break it. */
export const patronPath = (id: string, rest = ''): string =>
  `/staff/patrons/${encodeURIComponent(id)}${rest}`

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

/** A refused checkout, with the override offer when the role may override every block found. */
export function refusal(err: AppError, itemBarcode: string): Flash {
  const blocks = strings(err.details?.blocks)
  const overridable = strings(err.details?.overridable)
  const text =
    blocks.length > 1
      ? `${err.message} Also: ${blocks.slice(1).map(codeLabel).join(', ')}.`
      : err.message
  return blocks.length > 0 && blocks.every((b) => overridable.includes(b))
    ? { kind: 'error', text, override: { itemBarcode, blocks } }
    : { kind: 'error', text }
}

export function staffDeskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  const branchOf = (request: FastifyRequest) => sessionString(request, 'branch') ?? ''

  app.get('/staff', async (request, reply) => {
    const chrome = staffChrome(ctx, request, reply, 'Desk')
    const { branches } = await getLibraryStructure(ctx.db)
    const overdue = can(signedInActor(request), 'policy.manage')
      ? await reviewOverdue(ctx)
      : undefined
    const on = SEARCH_BY.filter(
      (o) =>
        (o.value !== 'phone' || ctx.config.patrons.fields.phone) &&
        (o.value !== 'licenceNumber' || ctx.config.patrons.fields.licenceNumber),
    )
    return sendPage(
      reply,
      <DeskPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        branches={branches.map((b) => ({ value: b.code, label: b.name }))}
        branch={branchOf(request)}
        searchBy={on}
        focusSearch={queryOf(request).text('find') !== undefined}
        reminders={overdue && <PolicyReviewReminder version={overdue} fmt={fmt} />}
      />,
    )
  })

  /** A search the service refuses (too short, badly formed) goes back to the desk with why. */
  const backToDesk = (request: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof AppError) || err.kind !== 'validation') throw err
    const text =
      err.code === 'INVALID_INPUT'
        ? 'Give at least two letters of a surname, or a whole email address, phone or card number.'
        : err.message
    setFlash(request, { kind: 'error', text })
    return seeOther(reply, '/staff')
  }

  // Posted, not a query string: a card number or a surname must not sit in an address or a log.
  app.post('/staff/lookup', async (request, reply) => {
    const barcode = bodyOf(request).text('barcode')
    if (barcode === undefined) {
      setFlash(request, { kind: 'error', text: 'Scan or type a card number first.' })
      return seeOther(reply, '/staff')
    }
    try {
      const first = (await findPatrons(ctx, signedInActor(request), { barcode }))[0]
      if (first !== undefined) return seeOther(reply, patronPath(first.id))
      setFlash(request, { kind: 'error', text: 'No patron has that card number.' })
      return seeOther(reply, '/staff')
    } catch (err) {
      return backToDesk(request, reply, err)
    }
  })

  // Posted, so the words never sit in an address or a log; the browser is sent on to a results
  // page whose address holds only a session-held token (../patron-search.ts), so Back works.
  app.post('/staff/patrons/search', async (request, reply) => postedPatronSearch(request, reply))

  const panelFor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    flash?: Flash,
  ) => {
    const actor = signedInActor(request)
    const patron = await getPatron(ctx, actor, id)
    const card = patron.cards.find((c) => c.status === 'active')?.barcode
    return {
      patron,
      panel: {
        patronId: id,
        cardBarcode: card,
        csrf: reply.generateCsrf(),
        fmt,
        loans: await currentLoans(ctx, actor, id),
        flash,
      },
    }
  }

  app.get<{ Params: { id: string } }>('/staff/patrons/:id', async (request, reply) => {
    const actor = signedInActor(request)
    const chrome = staffChrome(ctx, request, reply, 'Patron at the desk')
    // The library's own date: a card ends at the end of its last local day.
    const today = localDate(ctx.clock.now(), ctx.config.library.timezone)
    const names = await libraryNames(ctx)
    // Roles without the desk permission see the record but not its loans and holds.
    if (!can(actor, 'circ.desk')) {
      const patron = await getPatron(ctx, actor, request.params.id)
      const fees = await listFees(ctx, actor, patron.id)
      return sendPage(
        reply,
        <PatronPage
          chrome={chrome}
          fmt={fmt}
          today={today}
          patron={patron}
          owedCents={fees.owedCents}
          names={names}
          alerts={deskAlerts({ patron, owedCents: fees.owedCents, holds: undefined, names, today })}
        />,
      )
    }
    const { patron, panel } = await panelFor(request, reply, request.params.id, chrome.flash)
    const [holds, fees] = await Promise.all([
      patronHolds(ctx, actor, patron.id),
      listFees(ctx, actor, patron.id),
    ])
    const offers = undoOffers(request, ctx.clock.now().getTime(), lostUndoWindowMs(ctx)).filter(
      (o) => o.patronId === patron.id,
    )
    const labels = await itemLabels(
      ctx.db,
      offers.map((o) => o.barcode),
    )
    return sendPage(
      reply,
      <PatronPage
        chrome={{ ...chrome, flash: undefined }}
        fmt={fmt}
        today={today}
        patron={patron}
        owedCents={fees.owedCents}
        names={names}
        alerts={deskAlerts({ patron, owedCents: fees.owedCents, holds, names, today })}
        desk={{
          holds,
          panel,
          undo: offers.map((o) => ({
            itemBarcode: o.barcode,
            title: labels.get(o.barcode)?.title ?? o.barcode,
          })),
        }}
      />,
    )
  })

  /** htmx gets the panel back in place; a plain form post is redirected to the whole page. */
  const panelAnswer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    flash: Flash,
  ) => {
    if (!isHtmx(request)) {
      setFlash(request, flash)
      return seeOther(reply, patronPath(id))
    }
    const { panel } = await panelFor(request, reply, id, flash)
    return sendFragment(reply, <CircPanel {...panel} />)
  }

  app.post<{ Params: { id: string } }>('/staff/patrons/:id/checkout', async (request, reply) => {
    const body = bodyOf(request)
    const itemBarcode = body.text('itemBarcode') ?? ''
    const override = body.all('override')
    let flash: Flash
    try {
      const done = await checkout(ctx, signedInActor(request), {
        patronBarcode: body.text('patronBarcode') ?? '',
        itemBarcode,
        branch: branchOf(request),
        ...(override.length > 0 && { override }),
      })
      const noted =
        done.overridden.length > 0
          ? ` Override recorded: ${done.overridden.map(codeLabel).join(', ')}.`
          : ''
      flash = {
        kind: 'ok',
        text: `Checked out “${done.title}” (${done.itemBarcode}), due ${fmt.date(done.dueAt)}.${noted}`,
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      flash = refusal(err, itemBarcode)
    }
    return panelAnswer(request, reply, request.params.id, flash)
  })

  app.post<{ Params: { id: string } }>('/staff/patrons/:id/renew', async (request, reply) => {
    const itemBarcode = bodyOf(request).text('itemBarcode') ?? ''
    let flash: Flash
    try {
      const done = await renew(ctx, signedInActor(request), { itemBarcode })
      flash = { kind: 'ok', text: `Renewed ${itemBarcode}: now due ${fmt.date(done.dueAt)}.` }
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      flash = { kind: 'error', text: err.message }
    }
    return panelAnswer(request, reply, request.params.id, flash)
  })

  staffLostRoutes(app, ctx)

  // Canceling gives up the patron's place, so it takes two steps: this page, then its button.
  app.get<{ Params: { id: string; hold: string } }>(
    '/staff/patrons/:id/holds/:hold/cancel',
    async (request, reply) => {
      const { id, hold } = request.params
      const found = (await patronHolds(ctx, signedInActor(request), id)).find((h) => h.id === hold)
      if (found === undefined) {
        setFlash(request, { kind: 'error', text: 'That hold is no longer there.' })
        return seeOther(reply, patronPath(id))
      }
      const chrome = staffChrome(ctx, request, reply, 'Cancel a hold')
      return sendPage(
        reply,
        <HoldCancelConfirmPage
          chrome={chrome}
          csrf={chrome.user?.csrf ?? ''}
          patronId={id}
          hold={{
            id: found.id,
            title: found.title,
            status: found.status,
            position: found.position,
            branch: (await libraryNames(ctx)).branch(found.pickupBranch),
          }}
        />,
      )
    },
  )

  app.post<{ Params: { id: string; hold: string } }>(
    '/staff/patrons/:id/holds/:hold/cancel',
    async (request, reply) => {
      const { id, hold } = request.params
      // A post that did not come from the confirmation page is sent there first.
      if (bodyOf(request).text('confirmed') !== 'yes')
        return seeOther(reply, patronPath(id, `/holds/${encodeURIComponent(hold)}/cancel`))
      return act(request, reply, patronPath(id), async () => {
        await cancelHold(ctx, signedInActor(request), hold)
        return 'Hold canceled.'
      })
    },
  )
}
