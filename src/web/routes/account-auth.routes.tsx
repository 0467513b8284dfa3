import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor, retryAfterSeconds } from '../../http/error-handler.js'
import { originOf } from '../../http/origin.js'
import { endOwnSessions, patronSessionStands, signInPatron } from '../../patrons/self-service.js'
import type { Locale } from '../../i18n/catalog.js'
import { signedInActor } from '../actions.js'
import { addressLocale, requestI18n, type I18n } from '../locale.js'
import { bareChrome, pageI18n } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { seeOther, sendPage } from '../render.js'
import { checkFormToken, formToken } from '../security.js'
import { endSession, sessionNumber, sessionString, setFlash, startSession } from '../sessions.js'
import { PatronSignInPage } from '../views/sign-in.js'
import { refusalText } from '../web-errors.js'

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
): Promise<{ id: string; language: Locale | null } | undefined> {
  const id = sessionString(request, 'patron')
  const issued = sessionNumber(request, 'iat')
  const version = sessionNumber(request, 'sv')
  if (id === undefined || issued === undefined || version === undefined) return undefined
  const age = ctx.clock.now().getTime() - issued
  if (age < 0 || age >= PATRON_SESSION_MINUTES * 60_000) return undefined
  const stands = await patronSessionStands(ctx, id, version)
  return stands === undefined ? undefined : { id, language: stands.language }
}

export function requirePatron(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const patron = await patronFromSession(ctx, request)
    if (patron !== undefined) {
      request.actor = { type: 'patron', id: patron.id }
      request.patronLocale = patron.language
      return
    }
    if (sessionString(request, 'patron') !== undefined) endSession(request)
    const next = request.method === 'GET' ? request.url : '/account'
    const lang = addressLocale(request)
    await seeOther(
      reply,
      `/account/sign-in?next=${encodeURIComponent(next)}${lang === undefined ? '' : `&lang=${lang}`}`,
    )
  }
}

export function accountSignInRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const form = (
    request: FastifyRequest,
    reply: FastifyReply,
    next: string,
    extra: {
      barcode?: string | undefined
      problem?: (i18n: I18n) => string
      notice?: ((i18n: I18n) => string) | undefined
      status?: number
    } = {},
  ) => {
    const chrome = bareChrome(ctx, request, '', 'public')
    return sendPage(
      reply,
      <PatronSignInPage
        chrome={{ ...chrome, title: chrome.i18n.t('public.titles.signIn') }}
        token={formToken(formKey, FORM, ctx.clock.now().getTime())}
        next={next}
        barcode={extra.barcode}
        problem={extra.problem?.(chrome.i18n)}
        notice={extra.notice?.(chrome.i18n)}
      />,
      extra.status ?? 200,
    )
  }

  app.get('/account/sign-in', async (request, reply) => {
    const next = safeNext(queryOf(request).text('next'))
    if ((await patronFromSession(ctx, request)) !== undefined) return seeOther(reply, next)
    const changedPin = queryOf(request).text('changed') === 'pin'
    return form(request, reply, next, {
      notice: changedPin ? ({ t }) => t('public.signIn.pinChanged') : undefined,
    })
  })

  app.post('/account/sign-in', async (request, reply) => {
    const body = bodyOf(request)
    const next = safeNext(body.text('next'))
    const barcode = body.text('barcode')
    if (!checkFormToken(formKey, FORM, body.text('_form'), ctx.clock.now().getTime()))
      return form(request, reply, next, {
        barcode,
        problem: ({ t }) => t('public.signIn.formExpired'),
        status: 403,
      })
    try {
      const signedIn = await signInPatron(ctx, barcode ?? '', body.secret('pin'), originOf(request))
      startSession(request, reply, {
        patron: signedIn.patronId,
        iat: ctx.clock.now().getTime(),
        sv: signedIn.sessionVersion,
      })
      if (signedIn.expired) {
        // Said in the language the next page will be in: the address, the patron's, the browser's.
        const stored = await patronSessionStands(ctx, signedIn.patronId, signedIn.sessionVersion)
        const { t } = requestI18n(request, ctx.config.library.timezone, stored?.language)
        setFlash(request, { kind: 'error', text: t('public.signIn.cardExpired') })
      }
      // A language chosen in the address stays with the patron to the page they asked for.
      return seeOther(reply, pageI18n(ctx, request, 'public').link(next))
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // A throttled address is told when to come back, as on the API.
      if (err.kind === 'throttled') void reply.header('retry-after', String(retryAfterSeconds(err)))
      const problem = (i18n: I18n): string => {
        if (err.kind === 'validation') return i18n.t('public.signIn.missing')
        if (err.kind === 'throttled')
          return i18n.t('public.signIn.throttled', {
            count: Math.max(1, Math.ceil(retryAfterSeconds(err) / 60)),
          })
        return refusalText(i18n, err.code, err.message)
      }
      return form(request, reply, next, { barcode, problem, status: problemFor(err).status })
    }
  })
}

/** Signing out ends every session of the account, not just this browser's. */
export function accountSignOutRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post('/account/sign-out', async (request, reply) => {
    await endOwnSessions(ctx, signedInActor(request))
    endSession(request)
    // The public site, in the language the account was in.
    return seeOther(reply, pageI18n(ctx, request, 'account').link('/'))
  })
}
