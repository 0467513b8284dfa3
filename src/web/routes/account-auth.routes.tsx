import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor, retryAfterSeconds } from '../../http/error-handler.js'
import { originOf } from '../../http/origin.js'
import { endOwnSessions, patronSessionStands, signInPatron } from '../../patrons/self-service.js'
import { signedInActor } from '../actions.js'
import { bareChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { seeOther, sendPage } from '../render.js'
import { checkFormToken, formToken } from '../security.js'
import { endSession, sessionNumber, sessionString, setFlash, startSession } from '../sessions.js'
import { PatronSignInPage } from '../views/sign-in.js'

/** A patron's session lasts an hour from signing in, whatever the browser does: library computers are shared. */
export const PATRON_SESSION_MINUTES = 60
const FORM = 'account-sign-in'

/** Only a path inside the account area: the sign-in form is no open redirect. */
export function safeNext(text: string | undefined): string {
  if (text === undefined || text.length > 300) return '/account'
  return /^\/account(?:[/?][\w\-./?=&%~]*)?$/.test(text) && !text.includes('//') ? text : '/account'
}

/**
 * The signed-in patron's id, or undefined when there is no session, it has run out, or the
 * account's session version has moved on (signed out elsewhere, new PIN, card lost or replaced).
 */
export async function patronFromSession(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<string | undefined> {
  const id = sessionString(request, 'patron')
  const issued = sessionNumber(request, 'iat')
  const version = sessionNumber(request, 'sv')
  if (id === undefined || issued === undefined || version === undefined) return undefined
  const age = ctx.clock.now().getTime() - issued
  if (age < 0 || age >= PATRON_SESSION_MINUTES * 60_000) return undefined
  return (await patronSessionStands(ctx, id, version)) ? id : undefined
}

export function requirePatron(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const id = await patronFromSession(ctx, request)
    if (id !== undefined) {
      request.actor = { type: 'patron', id }
      return
    }
    if (sessionString(request, 'patron') !== undefined) endSession(request)
    const next = request.method === 'GET' ? request.url : '/account'
    await seeOther(reply, `/account/sign-in?next=${encodeURIComponent(next)}`)
  }
}

export function accountSignInRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const form = (
    request: FastifyRequest,
    reply: FastifyReply,
    next: string,
    extra: {
      barcode?: string | undefined
      problem?: string
      notice?: string | undefined
      status?: number
    } = {},
  ) =>
    sendPage(
      reply,
      <PatronSignInPage
        chrome={bareChrome(ctx, request, 'Sign in', 'public')}
        token={formToken(formKey, FORM, ctx.clock.now().getTime())}
        next={next}
        barcode={extra.barcode}
        problem={extra.problem}
        notice={extra.notice}
      />,
      extra.status ?? 200,
    )

  app.get('/account/sign-in', async (request, reply) => {
    const next = safeNext(queryOf(request).text('next'))
    if ((await patronFromSession(ctx, request)) !== undefined) return seeOther(reply, next)
    const changedPin = queryOf(request).text('changed') === 'pin'
    return form(request, reply, next, {
      notice: changedPin
        ? 'Your PIN is changed. Every browser signed in to your account has been signed out: sign in with the new PIN.'
        : undefined,
    })
  })

  app.post('/account/sign-in', async (request, reply) => {
    const body = bodyOf(request)
    const next = safeNext(body.text('next'))
    const barcode = body.text('barcode')
    if (!checkFormToken(formKey, FORM, body.text('_form'), ctx.clock.now().getTime()))
      return form(request, reply, next, {
        barcode,
        problem: 'The sign-in form had expired. Please try again.',
        status: 403,
      })
    try {
      const signedIn = await signInPatron(ctx, barcode ?? '', body.secret('pin'), originOf(request))
      startSession(request, reply, {
        patron: signedIn.patronId,
        iat: ctx.clock.now().getTime(),
        sv: signedIn.sessionVersion,
      })
      if (signedIn.expired)
        setFlash(request, {
          kind: 'error',
          text: 'Your card has expired. You can still see your account; please renew the card at any desk.',
        })
      return seeOther(reply, next)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // A throttled address is told when to come back, as on the API.
      if (err.kind === 'throttled') void reply.header('retry-after', String(retryAfterSeconds(err)))
      const problem = err.kind === 'validation' ? 'Enter your card number and PIN.' : err.message
      return form(request, reply, next, { barcode, problem, status: problemFor(err).status })
    }
  })
}

/** Signing out ends every session of the account, not just this browser's. */
export function accountSignOutRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post('/account/sign-out', async (request, reply) => {
    await endOwnSessions(ctx, signedInActor(request))
    endSession(request)
    return seeOther(reply, '/')
  })
}
