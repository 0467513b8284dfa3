import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { retryAfterSeconds } from '../../http/error-handler.js'
import { isCalendarDate } from '../../validate.js'
import { MESSAGE_MAX } from '../../records/records.schemas.js'
import { requestsSince, submitRecordsRequest } from '../../records/records-requests.service.js'
import { todayOf } from '../../records/records-support.js'
import { submitSuggestion, suggestionsSince } from '../../records/suggestions.service.js'
import { publicChrome } from '../chrome.js'
import { bodyOf, queryOf, type Form } from '../forms.js'
import type { I18n } from '../locale.js'
import { checkDailyCap, guardPublicForm, PUBLIC_FORM_BODY_LIMIT } from '../public-forms.js'
import { seeOther, sendPage } from '../render.js'
import { formToken } from '../security.js'
import type { FormProblem } from '../views/public/records-form-parts.js'
import {
  RecordsRequestFormPage,
  RecordsRequestSentPage,
  type RequestValues,
} from '../views/public/records-requests.js'
import {
  SuggestionFormPage,
  SuggestionSentPage,
  type SuggestionValues,
} from '../views/public/suggestions.js'

const SUGGESTION_FORM = 'suggestion'
const REQUEST_FORM = 'records-request'

const FIELD_PROBLEMS = [
  'message',
  'description',
  'name',
  'email',
  'phone',
  'address',
  'contact',
  'format',
] as const

/** What a refusal says, in the page's language, with its status: never the service's English. */
function problemOf(err: AppError, i18n: I18n): { problem: FormProblem; status: number } {
  const { t } = i18n
  if (err.code === 'FORM_EXPIRED')
    return { problem: { text: t('common.forms.expired'), fields: {} }, status: 403 }
  if (err.code === 'FORM_DAILY_LIMIT')
    return { problem: { text: t('common.forms.dailyLimit'), fields: {} }, status: 429 }
  if (err.kind === 'throttled')
    return {
      problem: {
        text: t('common.forms.throttled', {
          count: Math.max(1, Math.ceil(retryAfterSeconds(err) / 60)),
        }),
        fields: {},
      },
      status: 429,
    }
  const named = new Set(
    ((err.details?.problems as { field: string }[] | undefined) ?? []).map(
      (p) => p.field.split('.')[0] ?? '',
    ),
  )
  const fields: Record<string, string> = {}
  for (const f of FIELD_PROBLEMS)
    if (named.has(f)) fields[f] = t(`records.problems.${f}`, { max: MESSAGE_MAX })
  if (Object.keys(fields).length === 0) fields.message = t('records.problems.heading')
  return { problem: { text: t('records.problems.heading'), fields }, status: 400 }
}

const valuesOf = <K extends string>(body: Form, keys: readonly K[]): Partial<Record<K, string>> =>
  Object.fromEntries(
    keys.flatMap((k) => (body.text(k) === undefined ? [] : [[k, body.text(k)]])),
  ) as Partial<Record<K, string>>

/**
 * The two public-record forms (P11): suggestions and records requests. Like every public page they
 * set no cookie; they share the public forms' defences (a form token, a honeypot, a per-address
 * budget and a daily cap), take small bodies only, and answer with post, redirect, get.
 */
export function publicRecordsRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const token = (form: string) => formToken(formKey, form, ctx.clock.now().getTime())
  const chromeOf = (
    request: FastifyRequest,
    title: 'suggestions' | 'suggestionSent' | 'requests' | 'requestSent',
  ) => {
    const chrome = publicChrome(ctx, request, '')
    return { ...chrome, title: chrome.i18n.t(`records.titles.${title}`) }
  }

  /** Runs the shared defences, then the store; a refusal comes back as the form with its problem. */
  async function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    form: string,
    since: (day: string) => Promise<number>,
    store: (body: Form, language: string) => Promise<string>,
    refused: (problem: FormProblem, status: number) => FastifyReply,
  ): Promise<FastifyReply> {
    const body = bodyOf(request)
    const i18n = publicChrome(ctx, request, '').i18n
    try {
      if ((await guardPublicForm(ctx, request, formKey, form, body)) === 'discard')
        return seeOther(
          reply,
          i18n.link(form === SUGGESTION_FORM ? '/suggestions/thanks' : '/records-requests/thanks'),
        )
      // The cap counts what the form's own table holds for the library's day (days are all it keeps).
      checkDailyCap(ctx, await since(todayOf(ctx)))
      return seeOther(reply, await store(body, i18n.locale))
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      const { problem, status } = problemOf(err, i18n)
      if (status === 429) void reply.header('retry-after', String(retryAfterSeconds(err)))
      return refused(problem, status)
    }
  }

  const suggestionForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: SuggestionValues,
    problem?: FormProblem,
    status = 200,
  ) =>
    sendPage(
      reply,
      <SuggestionFormPage
        chrome={chromeOf(request, 'suggestions')}
        token={token(SUGGESTION_FORM)}
        values={values ?? {}}
        problem={problem}
      />,
      status,
    )

  app.get('/suggestions', async (request, reply) => suggestionForm(request, reply))

  app.post('/suggestions', { bodyLimit: PUBLIC_FORM_BODY_LIMIT }, async (request, reply) => {
    const body = bodyOf(request)
    const values = valuesOf(body, ['message', 'name', 'email', 'phone'] as const)
    return handle(
      request,
      reply,
      SUGGESTION_FORM,
      (day) => suggestionsSince(ctx, day),
      async (_b, language) => {
        await submitSuggestion(ctx, { ...values, language })
        return publicChrome(ctx, request, '').i18n.link('/suggestions/thanks')
      },
      (problem, status) => suggestionForm(request, reply, values, problem, status),
    )
  })

  app.get('/suggestions/thanks', async (request, reply) =>
    sendPage(reply, <SuggestionSentPage chrome={chromeOf(request, 'suggestionSent')} />),
  )

  const requestForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: RequestValues,
    problem?: FormProblem,
    status = 200,
  ) =>
    sendPage(
      reply,
      <RecordsRequestFormPage
        chrome={chromeOf(request, 'requests')}
        token={token(REQUEST_FORM)}
        values={values ?? {}}
        problem={problem}
      />,
      status,
    )

  app.get('/records-requests', async (request, reply) => requestForm(request, reply))

  app.post('/records-requests', { bodyLimit: PUBLIC_FORM_BODY_LIMIT }, async (request, reply) => {
    const body = bodyOf(request)
    const values = valuesOf(body, [
      'name',
      'email',
      'phone',
      'address',
      'description',
      'format',
    ] as const)
    return handle(
      request,
      reply,
      REQUEST_FORM,
      (day) => requestsSince(ctx, day),
      async (_b, language) => {
        const { dueOn } = await submitRecordsRequest(ctx, { ...values, language })
        // Only the due day travels in the address: nothing about the requester.
        return publicChrome(ctx, request, '').i18n.link(`/records-requests/thanks?due=${dueOn}`)
      },
      (problem, status) => requestForm(request, reply, values, problem, status),
    )
  })

  app.get('/records-requests/thanks', async (request, reply) => {
    const due = queryOf(request).text('due')
    return sendPage(
      reply,
      <RecordsRequestSentPage
        chrome={chromeOf(request, 'requestSent')}
        dueOn={due !== undefined && isCalendarDate(due) ? due : undefined}
      />,
    )
  })
}
