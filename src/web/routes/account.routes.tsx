import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
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
import type { Catalog } from '../../i18n/catalog.js'
import { AppError, notFound } from '../../errors.js'
import { ownAccount } from '../../patrons/self-service.js'
import { signedInActor } from '../actions.js'
import { accountChrome, pageI18n } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import type { I18n } from '../locale.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import {
  CancelHoldPage,
  FinesPage,
  HoldsPage,
  NewHoldPage,
  OverviewPage,
} from '../views/account/borrowing.js'
import { refusalText } from '../web-errors.js'
import { branchNames } from './public.routes.js'

/**
 * Runs one action from a posted account form and sends the browser back (post, redirect, get),
 * in the page's language: the outcome comes from the catalog, and a service's refusal becomes
 * the catalog's sentence for its code.
 */
export async function accountAction(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  back: string,
  action: (i18n: I18n) => Promise<string>,
): Promise<FastifyReply> {
  const i18n = pageI18n(ctx, request, 'account')
  try {
    setFlash(request, { kind: 'ok', text: await action(i18n) })
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    setFlash(request, { kind: 'error', text: refusalText(i18n, err.code, err.message) })
  }
  return seeOther(reply, i18n.link(back))
}

/** Checkouts, holds and fines: each page calls the services as the patron, who may see only their own. */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/account', async (request, reply) => {
    const actor = signedInActor(request)
    const [me, loans, holds, fees, branches] = await Promise.all([
      ownAccount(ctx, actor),
      currentLoans(ctx, actor, actor.id),
      patronHolds(ctx, actor, actor.id),
      listFees(ctx, actor, actor.id),
      branchNames(ctx),
    ])
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'overview'))
    return sendPage(
      reply,
      <OverviewPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        givenName={me.givenName ?? undefined}
        expiresOn={me.expiresOn}
        loans={loans}
        holds={holds}
        branches={branches}
        owedCents={fees.owedCents}
        balanceCents={me.balanceCents}
      />,
    )
  })

  app.post('/account/renew', async (request, reply) => {
    const actor = signedInActor(request)
    const item = bodyOf(request).text('item') ?? ''
    return accountAction(ctx, request, reply, '/account', async ({ t, fmt }) => {
      const loan = (await currentLoans(ctx, actor, actor.id)).find((l) => l.itemBarcode === item)
      const done = await renew(ctx, actor, { itemBarcode: item })
      const date = fmt.date(done.dueAt)
      return loan === undefined
        ? t('account.overview.renewedNoTitle', { date })
        : t('account.overview.renewed', { title: loan.title, date })
    })
  })

  app.get('/account/holds', async (request, reply) => {
    const actor = signedInActor(request)
    const holds = await patronHolds(ctx, actor, actor.id)
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'holds'))
    return sendPage(
      reply,
      <HoldsPage
        chrome={chrome}
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
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'newHold'))
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
    return accountAction(ctx, request, reply, '/account/holds', async ({ t }) => {
      const hold = await placeHold(ctx, actor, {
        patronId: actor.id,
        recordId,
        pickupBranch: body.text('pickupBranch') ?? '',
      })
      return t('account.holds.done.placed', { title: hold.title, position: hold.position ?? 1 })
    })
  })

  // Cancelling loses the place in line, so it is asked for on a page of its own first (no script).
  app.get<{ Params: { id: string } }>('/account/holds/:id/cancel', async (request, reply) => {
    const actor = signedInActor(request)
    const hold = (await patronHolds(ctx, actor, actor.id)).find((h) => h.id === request.params.id)
    if (hold === undefined) throw notFound('HOLD_NOT_FOUND', 'No such hold.')
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'cancelHold'))
    return sendPage(
      reply,
      <CancelHoldPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        hold={hold}
        branches={await branchNames(ctx)}
      />,
    )
  })

  app.post<{ Params: { id: string } }>('/account/holds/:id/cancel', async (request, reply) =>
    accountAction(ctx, request, reply, '/account/holds', async ({ t }) => {
      await cancelHold(ctx, signedInActor(request), request.params.id)
      return t('account.holds.done.cancelled')
    }),
  )

  app.post<{ Params: { id: string } }>('/account/holds/:id/suspend', async (request, reply) => {
    const until = bodyOf(request).text('until') ?? null
    return accountAction(ctx, request, reply, '/account/holds', async ({ t, fmt }) => {
      await suspendHold(ctx, signedInActor(request), request.params.id, { until })
      return until === null
        ? t('account.holds.done.pausedIndefinitely')
        : t('account.holds.done.pausedUntil', { date: fmt.date(until) })
    })
  })

  app.post<{ Params: { id: string } }>('/account/holds/:id/resume', async (request, reply) =>
    accountAction(ctx, request, reply, '/account/holds', async ({ t }) => {
      await resumeHold(ctx, signedInActor(request), request.params.id)
      return t('account.holds.done.resumed')
    }),
  )

  app.get('/account/fines', async (request, reply) => {
    const actor = signedInActor(request)
    const [fees, me] = await Promise.all([listFees(ctx, actor, actor.id), ownAccount(ctx, actor)])
    return sendPage(
      reply,
      <FinesPage
        chrome={accountChrome(ctx, request, reply, titleOf(ctx, request, 'fines'))}
        owedCents={fees.owedCents}
        balanceCents={me.balanceCents}
        fees={fees.fees}
      />,
    )
  })
}

/** A page's title in its own language, for the browser's tab and history. */
export function titleOf(
  ctx: AppContext,
  request: FastifyRequest,
  page: keyof Catalog['account']['titles'],
): string {
  return pageI18n(ctx, request, 'account').t(`account.titles.${page}`)
}
