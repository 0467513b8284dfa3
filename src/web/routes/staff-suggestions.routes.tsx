import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import {
  answerSuggestion,
  closeSuggestion,
  getSuggestion,
  listSuggestions,
} from '../../records/suggestions.service.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import {
  ConfirmAnswerPage,
  suggestionHref,
  SuggestionListPage,
  SuggestionPage,
} from '../views/staff/suggestions.js'

type WithId = { Params: { id: string } }

/** Suggestions for staff with `suggestions.manage`: read, answer (after a look at the answer), close. */
export function staffSuggestionsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/suggestions', async (request, reply) => {
    const showing = queryOf(request).text('show') === 'all' ? 'all' : 'open'
    const list = await listSuggestions(
      ctx,
      signedInActor(request),
      showing === 'open' ? { status: 'open' } : {},
    )
    const chrome = staffChrome(ctx, request, reply, 'Suggestions')
    return sendPage(
      reply,
      <SuggestionListPage chrome={chrome} fmt={fmt} list={list} showing={showing} />,
    )
  })

  app.get<WithId>('/staff/suggestions/:id', async (request, reply) => {
    const s = await getSuggestion(ctx, signedInActor(request), request.params.id)
    const chrome = staffChrome(ctx, request, reply, 'Suggestion')
    return sendPage(
      reply,
      <SuggestionPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} fmt={fmt} s={s} />,
    )
  })

  app.post<WithId>('/staff/suggestions/:id/answer', async (request, reply) => {
    const answer = bodyOf(request).text('answer')
    if (answer === undefined) {
      setFlash(request, { kind: 'error', text: 'Write the answer first.' })
      return seeOther(reply, suggestionHref(request.params.id))
    }
    const s = await getSuggestion(ctx, signedInActor(request), request.params.id)
    const chrome = staffChrome(ctx, request, reply, 'Send this answer?')
    return sendPage(
      reply,
      <ConfirmAnswerPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} s={s} answer={answer} />,
    )
  })

  app.post<WithId>('/staff/suggestions/:id/answer/send', async (request, reply) =>
    act(request, reply, suggestionHref(request.params.id), async () => {
      const { emailed } = await answerSuggestion(
        ctx,
        signedInActor(request),
        request.params.id,
        bodyOf(request).text('answer'),
      )
      return emailed ? 'The answer was sent.' : 'The answer is recorded.'
    }),
  )

  app.post<WithId>('/staff/suggestions/:id/close', async (request, reply) => {
    try {
      await closeSuggestion(ctx, signedInActor(request), request.params.id)
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'rule') throw err
      setFlash(request, { kind: 'error', text: err.message })
      return seeOther(reply, suggestionHref(request.params.id))
    }
    setFlash(request, { kind: 'ok', text: 'The suggestion is closed.' })
    return seeOther(reply, '/staff/suggestions')
  })
}
