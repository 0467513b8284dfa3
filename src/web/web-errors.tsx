import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { notFoundHandler, problemFor, retryAfterSeconds } from '../http/error-handler.js'
import { bareChrome } from './chrome.js'
import { isHtmx, sendPage } from './render.js'
import { applyPageHeaders } from './security.js'
import { Page, type Chrome } from './views/layout.js'

const HEADINGS: Record<number, string> = {
  400: 'Something in the request was not right',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That could not be done',
  413: 'That was too much to send',
  415: 'That kind of form is not accepted',
  422: 'That could not be done',
  423: 'Locked for now',
  429: 'Too many attempts',
  500: 'Something went wrong',
}

const CSRF_TEXT =
  'This form has expired or did not come from this page. Go back, reload the page and try again.'

export function areaOf(url: string): Chrome['area'] {
  if (url === '/staff' || url.startsWith('/staff/') || url.startsWith('/staff?')) return 'staff'
  if (url === '/account' || url.startsWith('/account/') || url.startsWith('/account?'))
    return 'account'
  return 'public'
}

export function sendErrorPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
): FastifyReply {
  const heading = HEADINGS[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work')
  const area = areaOf(request.url)
  const home = area === 'public' ? '/' : `/${area}`
  return sendPage(
    reply,
    <Page chrome={bareChrome(ctx, request, heading, area)}>
      <h1>{heading}</h1>
      <p class="lead">{detail}</p>
      <p>
        <a href={home}>{area === 'public' ? 'Go to the home page' : 'Start again'}</a>
      </p>
    </Page>,
    status,
  )
}

/** Every failure in the web pages becomes a page; the messages are the services' safe ones. */
export function webErrorHandler(ctx: AppContext) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    // htmx swaps only successful answers; a failed partial update reloads the whole page instead.
    if (isHtmx(request)) reply.header('hx-refresh', 'true')
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string' && code.startsWith('FST_CSRF_'))
      return sendErrorPage(ctx, request, reply, 403, CSRF_TEXT)
    const p = problemFor(error)
    if (p.status >= 500) request.log.error({ err: error }, 'page failed')
    if (p.status === 429) reply.header('retry-after', String(retryAfterSeconds(error)))
    return sendErrorPage(ctx, request, reply, p.status, p.detail)
  }
}

const API_PATHS = /^\/(api|healthz)(\/|\?|$)/

/**
 * The one not-found handler: the JSON API keeps its problem answers, everything else gets a page.
 * It runs outside the web scopes, so it sets the page headers itself.
 */
export function pageOrProblemNotFound(ctx: AppContext) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (API_PATHS.test(request.url)) return notFoundHandler(request, reply)
    applyPageHeaders(reply)
    return sendErrorPage(
      ctx,
      request,
      reply,
      404,
      'There is no page at this address. It may have moved, or the link may be mistyped.',
    )
  }
}
