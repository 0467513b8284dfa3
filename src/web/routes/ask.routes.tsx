import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  publicInquiriesSince,
  QUESTION_MAX,
  submitPublicInquiry,
} from '../../comms/inquiry-submit.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor, retryAfterSeconds } from '../../http/error-handler.js'
import { publicChrome } from '../chrome.js'
import { bodyOf } from '../forms.js'
import {
  checkDailyCap,
  guardPublicForm,
  PUBLIC_FORM_BODY_LIMIT,
  startOfToday,
} from '../public-forms.js'
import { seeOther, sendPage } from '../render.js'
import { formToken } from '../security.js'
import { AskPage, AskSentPage, type AskValues } from '../views/public/ask.js'

const FORM = 'ask-a-librarian'

type Problem = Parameters<typeof AskPage>[0]

/**
 * Ask a librarian on the public site (`/ask`, `/es/ask`): the shared public-form defences (form
 * token, honeypot, per-address budget, the day's cap), then the question is stored sealed under
 * a key of its own. The thank-you page is a redirect away, so reloading it sends nothing again.
 */
export function askRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const keepDays = (): number => ctx.config.inquiries.keepClosedDays

  const form = (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<Pick<Problem, 'values' | 'problem' | 'errors' | 'code'>> = {},
    status = 200,
  ) => {
    const chrome = publicChrome(ctx, request, '')
    return sendPage(
      reply,
      <AskPage
        chrome={{ ...chrome, title: chrome.i18n.t('inquiries.titles.ask') }}
        token={formToken(formKey, FORM, ctx.clock.now().getTime())}
        keepDays={keepDays()}
        {...extra}
      />,
      status,
    )
  }

  app.get('/ask', async (request, reply) => form(request, reply))

  app.post('/ask', { bodyLimit: PUBLIC_FORM_BODY_LIMIT }, async (request, reply) => {
    const body = bodyOf(request)
    const { t, locale, link } = publicChrome(ctx, request, '').i18n
    const values: AskValues = {
      question: body.text('question'),
      name: body.text('name'),
      email: body.text('email'),
      replyBy: body.text('replyBy'),
    }
    const replyBy = values.replyBy === 'desk' ? 'desk' : 'email'
    try {
      const outcome = await guardPublicForm(ctx, request, formKey, FORM, body)
      // A program filled in the hidden field: it is told what a person would be, nothing is kept.
      if (outcome === 'discard') return seeOther(reply, link(`/ask/sent?by=${replyBy}`))
      checkDailyCap(ctx, await publicInquiriesSince(ctx, startOfToday(ctx)))
      await submitPublicInquiry(ctx, {
        question: values.question ?? '',
        ...(values.name !== undefined && { name: values.name }),
        replyBy: values.replyBy ?? 'email',
        ...(replyBy === 'email' && values.email !== undefined && { email: values.email }),
        language: locale,
      })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      const status = problemFor(err).status
      if (err.kind === 'throttled') {
        void reply.header('retry-after', String(retryAfterSeconds(err)))
        const problem =
          err.code === 'FORM_DAILY_LIMIT'
            ? t('common.forms.dailyLimit')
            : t('common.forms.throttled', {
                count: Math.max(1, Math.ceil(retryAfterSeconds(err) / 60)),
              })
        return form(request, reply, { values, problem, code: err.code }, status)
      }
      if (err.code === 'FORM_EXPIRED')
        return form(
          request,
          reply,
          { values, problem: t('common.forms.expired'), code: err.code },
          status,
        )
      if (err.kind !== 'validation') throw err
      return form(request, reply, { values, errors: fieldProblems(err, t), code: err.code }, status)
    }
    return seeOther(reply, link(`/ask/sent?by=${replyBy}`))
  })

  app.get('/ask/sent', async (request, reply) => {
    const by = (request.query as { by?: unknown }).by === 'desk' ? 'desk' : 'email'
    const chrome = publicChrome(ctx, request, '')
    return sendPage(
      reply,
      <AskSentPage
        chrome={{ ...chrome, title: chrome.i18n.t('inquiries.titles.sent') }}
        by={by}
        keepDays={keepDays()}
      />,
    )
  })
}

/** Which fields a refusal is about, in the page's words (never the service's English). */
function fieldProblems(
  err: AppError,
  t: ReturnType<typeof publicChrome>['i18n']['t'],
): Partial<Record<'question' | 'email' | 'name', string>> {
  const named = new Set<string>()
  const fields: unknown = err.details?.fields
  if (Array.isArray(fields)) for (const f of fields) if (typeof f === 'string') named.add(f)
  const problems: unknown = err.details?.problems
  if (Array.isArray(problems))
    for (const p of problems as { field?: unknown }[])
      if (typeof p.field === 'string') named.add(p.field.split('.')[0] ?? p.field)
  const out: Partial<Record<'question' | 'email' | 'name', string>> = {}
  if (named.has('question'))
    out.question = t('inquiries.problems.question', { count: QUESTION_MAX })
  if (named.has('email')) out.email = t('inquiries.problems.email')
  if (named.has('name')) out.name = t('inquiries.problems.name')
  if (Object.keys(out).length === 0)
    out.question = t('inquiries.problems.question', { count: QUESTION_MAX })
  return out
}
