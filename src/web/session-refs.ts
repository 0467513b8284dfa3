import { randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

/** A value kept in the sealed session under a short random token the address can carry. */
export interface SessionRef<T> {
  r: string
  v: T
}

/** A patron search as the desk posted it. */
export interface PatronSearchQuery {
  by: string
  value: string
}

/**
 * What a desk address may point to without naming it. A search's words (a surname, an email, a
 * phone number) and a patron the audit log is filtered by must not sit in an address, a log or
 * the browser's history; the address carries a token, and the words stay in the staff session
 * cookie, which is sealed, readable by no script, sent only to /staff and gone at sign-out.
 */
export interface RefKinds {
  searches: PatronSearchQuery
  auditPatrons: { patronId: string }
}

declare module '@fastify/secure-session' {
  interface SessionData {
    searches: SessionRef<PatronSearchQuery>[]
    auditPatrons: SessionRef<{ patronId: string }>[]
  }
}

/** How many of each kind a session keeps: enough for Back through a few pages. */
export const REFS_KEPT = 5

/**
 * At most this many characters of each kind, so the one cookie (which carries other things too)
 * stays well under the 4 KB a browser keeps: long searches mean fewer are kept, never a lost
 * session. The newest is always kept.
 */
export const REFS_BUDGET = 700

const TOKEN = /^[A-Za-z0-9_-]{8,16}$/

function refsOf<K extends keyof RefKinds>(
  request: FastifyRequest,
  kind: K,
): SessionRef<RefKinds[K]>[] {
  const value: unknown = request.session.get(kind)
  if (!Array.isArray(value)) return []
  return (value as unknown[]).filter(
    (x): x is SessionRef<RefKinds[K]> =>
      x !== null &&
      typeof x === 'object' &&
      typeof (x as { r?: unknown }).r === 'string' &&
      typeof (x as { v?: unknown }).v === 'object' &&
      (x as { v?: unknown }).v !== null,
  )
}

/** Keeps a value and returns its token; the oldest of the kind is dropped past REFS_KEPT. */
export function keepRef<K extends keyof RefKinds>(
  request: FastifyRequest,
  kind: K,
  value: RefKinds[K],
): string {
  const token = randomBytes(6).toString('base64url')
  const kept = [...refsOf(request, kind).slice(-(REFS_KEPT - 1)), { r: token, v: value }]
  while (kept.length > 1 && JSON.stringify(kept).length > REFS_BUDGET) kept.shift()
  // The session's type pairs each key with its own kind; TypeScript cannot see that through K.
  request.session.set(kind, kept as never)
  return token
}

/** The value a token names in this session; undefined when it is unknown, dropped or malformed. */
export function recallRef<K extends keyof RefKinds>(
  request: FastifyRequest,
  kind: K,
  token: string | undefined,
): RefKinds[K] | undefined {
  if (token === undefined || !TOKEN.test(token)) return undefined
  return refsOf(request, kind).find((x) => x.r === token)?.v
}
