import type { FastifyInstance } from 'fastify'
import { getRecordWithItems } from '../../catalog/catalog.service.js'
import { listFees } from '../../circulation/fees.service.js'
import {
  cancelHold,
  patronHolds,
  placeHold,
  resumeHold,
  suspendHold,
} from '../../circulation/holds.service.js'
import { currentLoans, renew } from '../../circulation/loans.service.js'
import type { AppContext } from '../../context.js'
import { ownAccount } from '../../patrons/self-service.js'
import { act, signedInActor } from '../actions.js'
import { accountChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { sendPage } from '../render.js'
import { FinesPage, HoldsPage, NewHoldPage, OverviewPage } from '../views/account/borrowing.js'
import { branchNames } from './public.routes.js'

/** Checkouts, holds and fines: each page calls the services as the patron, who may see only their own. */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/account', async (request, reply) => {
    const actor = signedInActor(request)
    const [me, loans, holds, fees] = await Promise.all([
      ownAccount(ctx, actor),
      currentLoans(ctx, actor, actor.id),
      patronHolds(ctx, actor, actor.id),
      listFees(ctx, actor, actor.id),
    ])
    const chrome = accountChrome(ctx, request, reply, 'Your account')
    return sendPage(
      reply,
      <OverviewPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        givenName={me.givenName ?? undefined}
        expiresOn={me.expiresOn}
        loans={loans}
        holds={holds}
        owedCents={fees.owedCents}
        balanceCents={me.balanceCents}
      />,
    )
  })

  app.post('/account/renew', async (request, reply) => {
    const actor = signedInActor(request)
    const item = bodyOf(request).text('item') ?? ''
    return act(request, reply, '/account', async () => {
      const title = (await currentLoans(ctx, actor, actor.id)).find((l) => l.itemBarcode === item)
      const done = await renew(ctx, actor, { itemBarcode: item })
      return `Renewed${title ? ` “${title.title}”` : ''}. It is now due ${fmt.date(done.dueAt)}.`
    })
  })

  app.get('/account/holds', async (request, reply) => {
    const actor = signedInActor(request)
    const holds = await patronHolds(ctx, actor, actor.id)
    const chrome = accountChrome(ctx, request, reply, 'Holds')
    return sendPage(
      reply,
      <HoldsPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        holds={holds}
        branches={await branchNames(ctx)}
      />,
    )
  })

  app.get('/account/holds/new', async (request, reply) => {
    const actor = signedInActor(request)
    const recordId = queryOf(request).text('record') ?? ''
    const [record, me, branches] = await Promise.all([
      getRecordWithItems(ctx.db, recordId),
      ownAccount(ctx, actor),
      branchNames(ctx),
    ])
    const chrome = accountChrome(ctx, request, reply, 'Place a hold')
    return sendPage(
      reply,
      <NewHoldPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        recordId={record.id}
        title={record.title}
        branches={Object.entries(branches).map(([value, label]) => ({ value, label }))}
        homeBranch={me.homeBranch}
      />,
    )
  })

  app.post('/account/holds', async (request, reply) => {
    const actor = signedInActor(request)
    const body = bodyOf(request)
    const recordId = body.text('record') ?? ''
    return act(request, reply, '/account/holds', async () => {
      const hold = await placeHold(ctx, actor, {
        patronId: actor.id,
        recordId,
        pickupBranch: body.text('pickupBranch') ?? '',
      })
      return `Hold placed on “${hold.title}”. You are number ${hold.position ?? 1} in line.`
    })
  })

  app.post<{ Params: { id: string } }>('/account/holds/:id/cancel', async (request, reply) =>
    act(request, reply, '/account/holds', async () => {
      await cancelHold(ctx, signedInActor(request), request.params.id)
      return 'Hold cancelled.'
    }),
  )

  app.post<{ Params: { id: string } }>('/account/holds/:id/suspend', async (request, reply) => {
    const until = bodyOf(request).text('until') ?? null
    return act(request, reply, '/account/holds', async () => {
      await suspendHold(ctx, signedInActor(request), request.params.id, { until })
      return until === null
        ? 'Hold paused until you resume it. You keep your place in line.'
        : `Hold paused until ${fmt.date(until)}. You keep your place in line.`
    })
  })

  app.post<{ Params: { id: string } }>('/account/holds/:id/resume', async (request, reply) =>
    act(request, reply, '/account/holds', async () => {
      await resumeHold(ctx, signedInActor(request), request.params.id)
      return 'Hold resumed.'
    }),
  )

  app.get('/account/fines', async (request, reply) => {
    const actor = signedInActor(request)
    const [fees, me] = await Promise.all([listFees(ctx, actor, actor.id), ownAccount(ctx, actor)])
    return sendPage(
      reply,
      <FinesPage
        chrome={accountChrome(ctx, request, reply, 'Fines and balance')}
        fmt={fmt}
        owedCents={fees.owedCents}
        balanceCents={me.balanceCents}
        fees={fees.fees}
      />,
    )
  })
}
