import { hkdfSync, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { forbidden } from '../errors.js'
import { hmac } from '../privacy/crypto.js'

/**
 * One policy for every page: nothing from another origin, no inline script or style, no framing,
 * forms post only here. The pages carry no inline script at all, so no nonce is needed.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
} as const

export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ')

/**
 * `same-origin`: a page's address never leaves the site, yet a form post still carries its
 * Origin header (which `no-referrer` would turn into "null"). The exit notice goes further.
 */
export const SITE_REFERRER_POLICY = 'same-origin'
export const EXIT_REFERRER_POLICY = 'no-referrer'

/** The same headers helmet sets, for the few answers made outside the web scopes (the 404 page). */
export function applyPageHeaders(reply: FastifyReply): void {
  reply
    .header('content-security-policy', CSP)
    .header('referrer-policy', SITE_REFERRER_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('cross-origin-resource-policy', 'same-origin')
}

/** Keys for the web layer, each derived for one job from the keyring's web key. */
export interface WebKeys {
  account: Buffer
  staff: Buffer
  form: Buffer
}

export function webKeys(ctx: AppContext): WebKeys {
  const derive = (info: string) =>
    Buffer.from(
      hkdfSync('sha256', ctx.keyring.webSession, Buffer.alloc(0), `carrel/web/${info}`, 32),
    )
  return { account: derive('account-cookie'), staff: derive('staff-cookie'), form: derive('form') }
}

/**
 * A browser says where a post came from (Sec-Fetch-Site, or at least Origin); anything but this
 * site is refused. A client that sends neither is no browser, and the form token still applies.
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site']
  if (site !== undefined) return site === 'same-origin'
  const origin = request.headers.origin
  if (origin === undefined) return true
  return origin === `${request.protocol}://${request.host}`
}

/**
 * The newsletter's unsubscribe address takes RFC 8058 one-click posts from mail programs, which
 * may come from any site: the token in the address is the authority, and the post can only
 * erase the subscription that token names.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/newsletter\/unsubscribe\/[^/?#]+(?:\?|$)/

export function refuseCrossSitePosts(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (err?: Error) => void,
): void {
  if (
    request.method !== 'GET' &&
    request.method !== 'HEAD' &&
    !ONE_CLICK_UNSUBSCRIBE.test(request.url) &&
    !sameOrigin(request)
  )
    done(forbidden('CROSS_SITE_POST', 'This form was sent from another site, so it was refused.'))
  else done()
}

const WINDOW_MS = 20 * 60_000

/**
 * The sign-in forms must not set a cookie, so their token is stateless: an HMAC over the form's
 * name and a 20-minute window, accepted for the current and the previous window.
 */
export function formToken(key: Buffer, form: string, nowMs: number): string {
  const window = Math.floor(nowMs / WINDOW_MS)
  return `${window}.${hmac(key, `${form}:${window}`).toString('base64url')}`
}

export function checkFormToken(key: Buffer, form: string, token: unknown, nowMs: number): boolean {
  if (typeof token !== 'string') return false
  const [windowText, sig] = token.split('.')
  if (windowText === undefined || sig === undefined || !/^\d{1,12}$/.test(windowText)) return false
  const window = Number(windowText)
  const current = Math.floor(nowMs / WINDOW_MS)
  if (window !== current && window !== current - 1) return false
  const expected = hmac(key, `${form}:${window}`)
  const given = Buffer.from(sig, 'base64url')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
