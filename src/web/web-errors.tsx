import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { notFoundHandler, problemFor, retryAfterSeconds } from '../http/error-handler.js'
import { bareChrome } from './chrome.js'
import { isHtmx, sendPage } from './render.js'
import { applyPageHeaders } from './security.js'
import type { I18n } from './locale.js'
import { Page, type Chrome } from './views/layout.js'

export function areaOf(url: string): Chrome['area'] {
  if (url === '/staff' || url.startsWith('/staff/') || url.startsWith('/staff?')) return 'staff'
  if (url === '/account' || url.startsWith('/account/') || url.startsWith('/account?'))
    return 'account'
  return 'public'
}

const HEADED = new Set([400, 403, 404, 409, 413, 415, 422, 423, 429, 500])

/**
 * An error page in the page's language. `detail` is either a sentence already in that language
 * or a function of the translator (for the fixed sentences of the catalog).
 */
export function sendErrorPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string | ((i18n: I18n) => string),
): FastifyReply {
  const area = areaOf(request.url)
  const chrome = bareChrome(ctx, request, '', area)
  const { t, link } = chrome.i18n
  const heading = HEADED.has(status)
    ? t(`errors.heading.${String(status) as '400'}`)
    : status >= 500
      ? t('errors.heading.500')
      : t('errors.heading.other')
  const home = area === 'public' ? '/' : `/${area}`
  return sendPage(
    reply,
    <Page chrome={{ ...chrome, title: heading }}>
      <h1>{heading}</h1>
      <p class="lead">{typeof detail === 'string' ? detail : detail(chrome.i18n)}</p>
      <p>
        <a href={link(home)}>{area === 'public' ? t('errors.homeLink') : t('errors.startAgain')}</a>
      </p>
    </Page>,
    status,
  )
}

/**
 * What a patron-facing page says about a refusal: the catalog's sentence for its code, the
 * service's own (English) sentence on staff pages, a general sentence otherwise.
 */
export function refusalText(i18n: I18n, code: unknown, english: string): string {
  const key = `errors.codes.${typeof code === 'string' ? code : ''}`
  const known = i18n.t(key, { defaultValue: '' })
  if (known !== '') return known
  return i18n.locale === 'en' ? english : i18n.t('errors.generic')
}

/** Every failure in the web pages becomes a page; the messages are the services' safe ones. */
export function webErrorHandler(ctx: AppContext) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    // htmx swaps only successful answers; a failed partial update reloads the whole page instead.
    if (isHtmx(request)) reply.header('hx-refresh', 'true')
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string' && code.startsWith('FST_CSRF_'))
      return sendErrorPage(ctx, request, reply, 403, ({ t }) => t('errors.formExpired'))
    const p = problemFor(error)
    if (p.status >= 500) request.log.error({ err: error }, 'page failed')
    if (p.status === 429) reply.header('retry-after', String(retryAfterSeconds(error)))
    if (p.status >= 500)
      return sendErrorPage(ctx, request, reply, p.status, ({ t }) => t('errors.serverError'))
    return sendErrorPage(ctx, request, reply, p.status, (i18n) =>
      areaOf(request.url) === 'staff' ? p.detail : refusalText(i18n, code, p.detail),
    )
  }
}

const API_PATHS = /^\/(api|healthz|readyz)(\/|\?|$)/

/**
 * The one not-found handler: the JSON API keeps its problem answers, everything else gets a page.
 * It runs outside the web scopes, so it sets the page headers itself.
 */
export function pageOrProblemNotFound(ctx: AppContext) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (API_PATHS.test(request.url)) return notFoundHandler(request, reply)
    applyPageHeaders(reply)
    return sendErrorPage(ctx, request, reply, 404, ({ t }) => t('errors.notFound'))
  }
}
