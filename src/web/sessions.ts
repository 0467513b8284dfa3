import fastifyCsrf from '@fastify/csrf-protection'
import fastifySecureSession from '@fastify/secure-session'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * What a session cookie may hold: ids, times and the last action's outcome. A patron's holds no
 * personal value. A staff member's also carries the desk's working state for that session only:
 * recent patron searches and audit-log patron filters behind opaque references
 * (session-refs.ts), this session's returns and undo offers (desk-session.ts); all sealed, never
 * readable by script, and gone at sign-out or when the browser closes.
 */
export interface WebSessionData {
  patron: string
  staff: string
  /** When the session began, by the application's clock (ms). */
  iat: number
  /** The account's session version at sign-in; the row's number moving on ends this session. */
  sv: number
  name: string
  branch: string
  /** The branch's name, for the header. */
  place: string
  flash: Flash | undefined
  _csrf: string
}

declare module '@fastify/secure-session' {
  // Declaration merging needs an interface; its members are WebSessionData's.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SessionData extends WebSessionData {}
}

/**
 * P7: signing in sets one cookie, sealed (XSalsa20-Poly1305) with a key derived from the master
 * key. It lives only until the browser closes (no Max-Age or Expires), is never readable by
 * script, is sent only to its own path and never on a request started by another site. The
 * cookie is the only client state; the server keeps no session records, only one number per
 * account (its session version), which every signed-in request compares with the cookie's copy.
 * Signing out, a PIN or password change, a lost card or a role change raises that number and so
 * ends every session of the account, on every instance.
 */
export interface SessionScope {
  cookieName: string
  path: '/account' | '/staff'
  key: Buffer
  /** A backstop in the sealed payload; the routes check their own, shorter, limits. */
  expirySeconds: number
}

export async function useSession(app: FastifyInstance, scope: SessionScope): Promise<void> {
  await app.register(fastifySecureSession, {
    key: scope.key,
    cookieName: scope.cookieName,
    expiry: scope.expirySeconds,
    cookie: { path: scope.path, httpOnly: true, sameSite: 'strict', secure: 'auto' },
  })
  // The token secret lives in the same sealed cookie, so there is still one cookie.
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' })
}

/** Every signed-in post carries the token whose secret is sealed in the session cookie. */
export function csrfOnPosts(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    if (request.method === 'POST') app.csrfProtection(request, reply, done)
    else done()
  }
}

/** Fills a fresh session; the token secret is made now so the sign-in answer carries one cookie. */
export function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  data: Partial<WebSessionData>,
): void {
  request.session.regenerate()
  for (const [key, value] of Object.entries(data) as [keyof WebSessionData, never][])
    request.session.set(key, value)
  reply.generateCsrf()
}

export function endSession(request: FastifyRequest): void {
  request.session.delete()
}

export function sessionString(
  request: FastifyRequest,
  key: 'patron' | 'staff' | 'name' | 'branch' | 'place',
): string | undefined {
  const value: unknown = request.session.get(key)
  return typeof value === 'string' ? value : undefined
}

export function sessionNumber(request: FastifyRequest, key: 'iat' | 'sv'): number | undefined {
  const value: unknown = request.session.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** What a check-in did with an item, for the slip: never a name, never a card number (P10). */
export interface Slip {
  title: string
  action: 'shelve' | 'transit' | 'hold_shelf'
  branch: string
  forHold: boolean
  pickupCode?: string
  keepUntil?: string
  fineCents: number
  forgotten: boolean
}

/** A refused checkout the signed-in role could override. */
export interface OverrideOffer {
  itemBarcode: string
  blocks: string[]
}

/** The outcome of the last action, shown once on the page the browser is sent back to. */
export interface Flash {
  kind: 'ok' | 'error'
  text: string
  slip?: Slip
  override?: OverrideOffer
}

export function setFlash(request: FastifyRequest, flash: Flash): void {
  request.session.set('flash', flash)
}

export function takeFlash(request: FastifyRequest): Flash | undefined {
  const value: unknown = request.session.get('flash')
  if (value === undefined || value === null) return undefined
  request.session.set('flash', undefined)
  if (typeof value !== 'object' || typeof (value as { text?: unknown }).text !== 'string')
    return undefined
  return value as Flash
}
