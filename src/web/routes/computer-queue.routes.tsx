import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { joinQueue, leaveQueue } from '../../computers/queue-join.js'
import {
  branchName,
  placeOf,
  queueDisplay,
  queueGroups,
  ticketsToday,
} from '../../computers/queue-views.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { INTL_TAG } from '../../i18n/catalog.js'
import { problemFor, retryAfterSeconds } from '../../http/error-handler.js'
import { originOf } from '../../http/origin.js'
import { publicChrome } from '../chrome.js'
import { bodyOf, queryOf, type Form } from '../forms.js'
import type { I18n } from '../locale.js'
import { checkDailyCap, guardPublicForm, PUBLIC_FORM_BODY_LIMIT } from '../public-forms.js'
import { seeOther, sendPage } from '../render.js'
import { formToken } from '../security.js'
import {
  QueueDisplayPage,
  QueueJoinPage,
  QueueLeavePage,
  QueueLeftPage,
  QueuePlacePage,
  type QueueProblem,
} from '../views/public/computer-queue.js'

const JOIN_FORM = 'computer-queue-join'
const LEAVE_FORM = 'computer-queue-leave'
/** How often the screen on the library's wall reloads itself. */
const SCREEN_REFRESH_SECONDS = 15

type Title = 'join' | 'place' | 'leave' | 'left' | 'display'

/** The words for a refusal the patron can act on; anything else is not theirs to fix. */
function problemOf(err: unknown, i18n: I18n, stage: 'guard' | 'service'): QueueProblem {
  if (!(err instanceof AppError)) throw err
  const { t } = i18n
  const minutes = () => Math.max(1, Math.ceil(retryAfterSeconds(err) / 60))
  if (err.code === 'FORM_EXPIRED') return { code: err.code, text: t('common.forms.expired') }
  if (err.code === 'FORM_DAILY_LIMIT') return { code: err.code, text: t('common.forms.dailyLimit') }
  if (err.code === 'RATE_LIMITED')
    return {
      code: err.code,
      text:
        stage === 'guard'
          ? t('common.forms.throttled', { count: minutes() })
          : t('computerQueue.problems.RATE_LIMITED', { count: minutes() }),
    }
  if (!KNOWN.has(err.code)) throw err
  // The catalog's keys for these are the codes themselves.
  const text = (t as unknown as (k: string) => string)(`computerQueue.problems.${err.code}`)
  return { code: err.code, text }
}

const KNOWN = new Set([
  'INVALID_CREDENTIALS',
  'CARD_LOCKED',
  'CARD_NOT_USABLE',
  'NOT_ALLOWED',
  'ALREADY_IN_QUEUE',
  'NOT_IN_QUEUE',
  'COMPUTER_GROUP_NOT_FOUND',
  'INVALID_INPUT',
])

/**
 * The computer waiting list on the public site (`/computers/queue`, `/es/computers/queue`): join
 * with card and PIN behind the shared public-form defences, see a ticket's place, leave (after
 * a confirmation), and the screen for the library's wall. No page sets a cookie or loads a script.
 */
export function computerQueueRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const chromeOf = (request: FastifyRequest, title: Title, refreshSeconds?: number) => {
    const chrome = publicChrome(ctx, request, '')
    return {
      ...chrome,
      title: chrome.i18n.t(`computerQueue.titles.${title}`),
      // The screen on the wall is a device, not a reader: it is not counted.
      ...(refreshSeconds !== undefined && { refreshSeconds, statistics: false }),
    }
  }
  const timeOf = (i18n: I18n) => {
    const f = new Intl.DateTimeFormat(INTL_TAG[i18n.locale], {
      timeZone: ctx.config.library.timezone,
      timeStyle: 'short',
    })
    return (iso: string) => f.format(new Date(iso))
  }
  const groups = async () =>
    (await queueGroups(ctx)).map((g) => ({
      id: g.id,
      branch: g.branch,
      name: g.name,
      branchName: g.branch_name,
    }))
  const token = (form: string) => formToken(formKey, form, ctx.clock.now().getTime())

  const joinForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { body?: Form; problem?: QueueProblem; status?: number } = {},
  ) =>
    sendPage(
      reply,
      <QueueJoinPage
        chrome={chromeOf(request, 'join')}
        token={token(JOIN_FORM)}
        groups={await groups()}
        callMinutes={ctx.config.computers.callMinutes}
        values={{ groupId: extra.body?.text('groupId'), barcode: extra.body?.text('barcode') }}
        problem={extra.problem}
      />,
      extra.status ?? 200,
    )

  app.get('/computers/queue', async (request, reply) => joinForm(request, reply))

  app.post('/computers/queue', { bodyLimit: PUBLIC_FORM_BODY_LIMIT }, async (request, reply) => {
    const body = bodyOf(request)
    const { link } = publicChrome(ctx, request, '').i18n
    let stage: 'guard' | 'service' = 'guard'
    try {
      const outcome = await guardPublicForm(ctx, request, formKey, JOIN_FORM, body)
      // A program filled in the hidden field: it is sent on as a person would be, nothing is kept.
      if (outcome === 'discard') return seeOther(reply, link('/computers/queue'))
      checkDailyCap(ctx, await ticketsToday(ctx))
      stage = 'service'
      const ticket = await joinQueue(
        ctx,
        {
          groupId: body.text('groupId') ?? '',
          barcode: body.text('barcode') ?? '',
          pin: body.secret('pin'),
        },
        originOf(request),
      )
      return seeOther(
        reply,
        link(
          `/computers/queue/place?branch=${encodeURIComponent(ticket.branch)}&ticket=${ticket.ticket}`,
        ),
      )
    } catch (err) {
      const problem = problemOf(err, publicChrome(ctx, request, '').i18n, stage)
      if (problem.code === 'RATE_LIMITED' || problem.code === 'FORM_DAILY_LIMIT')
        void reply.header('retry-after', String(retryAfterSeconds(err)))
      return joinForm(request, reply, { body, problem, status: problemFor(err).status })
    }
  })

  app.get('/computers/queue/place', async (request, reply) => {
    const query = queryOf(request)
    const branch = query.text('branch') ?? ''
    const ticket = query.integer('ticket')
    if (ticket === undefined || branch.length > 40)
      return seeOther(reply, publicChrome(ctx, request, '').i18n.link('/computers/queue'))
    const place = await placeOf(ctx, branch, ticket)
    const chrome = chromeOf(request, 'place')
    return sendPage(
      reply,
      <QueuePlacePage
        chrome={chrome}
        self={`/computers/queue/place?branch=${encodeURIComponent(branch)}&ticket=${ticket}`}
        ticket={ticket}
        place={place}
        time={timeOf(chrome.i18n)}
      />,
    )
  })

  const leaveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { body?: Form; problem?: QueueProblem; status?: number } = {},
  ) =>
    sendPage(
      reply,
      <QueueLeavePage
        chrome={chromeOf(request, 'leave')}
        token={token(LEAVE_FORM)}
        groups={await groups()}
        values={{ branch: extra.body?.text('branch'), barcode: extra.body?.text('barcode') }}
        problem={extra.problem}
      />,
      extra.status ?? 200,
    )

  app.get('/computers/queue/leave', async (request, reply) => leaveForm(request, reply))

  app.post(
    '/computers/queue/leave',
    { bodyLimit: PUBLIC_FORM_BODY_LIMIT },
    async (request, reply) => {
      const body = bodyOf(request)
      const { link } = publicChrome(ctx, request, '').i18n
      let stage: 'guard' | 'service' = 'guard'
      try {
        const outcome = await guardPublicForm(ctx, request, formKey, LEAVE_FORM, body)
        if (outcome === 'discard') return seeOther(reply, link('/computers/queue/left'))
        stage = 'service'
        await leaveQueue(
          ctx,
          {
            branch: body.text('branch') ?? '',
            barcode: body.text('barcode') ?? '',
            pin: body.secret('pin'),
          },
          originOf(request),
        )
      } catch (err) {
        const problem = problemOf(err, publicChrome(ctx, request, '').i18n, stage)
        if (problem.code === 'RATE_LIMITED')
          void reply.header('retry-after', String(retryAfterSeconds(err)))
        return leaveForm(request, reply, { body, problem, status: problemFor(err).status })
      }
      return seeOther(reply, link('/computers/queue/left'))
    },
  )

  app.get('/computers/queue/left', async (request, reply) =>
    sendPage(reply, <QueueLeftPage chrome={chromeOf(request, 'left')} />),
  )

  app.get<{ Params: { branch: string } }>(
    '/computers/queue/display/:branch',
    async (request, reply) => {
      const name = await branchName(ctx, request.params.branch)
      if (name === undefined) return reply.callNotFound()
      const screen = queryOf(request).text('screen') === '1'
      const chrome = chromeOf(request, 'display', screen ? SCREEN_REFRESH_SECONDS : undefined)
      const joinAddress = `${ctx.config.http.publicUrl.replace(/\/+$/, '')}${chrome.i18n.link('/computers/queue')}`
      return sendPage(
        reply,
        <QueueDisplayPage
          chrome={{ ...chrome, title: `${chrome.title}: ${name}` }}
          branchName={name}
          display={await queueDisplay(ctx, request.params.branch)}
          joinAddress={joinAddress}
          time={timeOf(chrome.i18n)}
        />,
      )
    },
  )
}
