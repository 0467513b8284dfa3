import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { unauthorized } from '../errors.js'
import { actorFromToken } from '../staff/staff.service.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` on every staff route; null elsewhere. */
    actor: Actor | null
  }
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]{1,2048}=*) *$/i

export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header)?.[1]
}

const unauthenticated = () =>
  unauthorized('UNAUTHENTICATED', 'Sign in and send the token as "Authorization: Bearer <token>".')

/**
 * Runs before the body is read, so an anonymous caller cannot make the server parse anything.
 * The account is looked up on every request: switching it off takes effect at once.
 */
export function authenticate(ctx: AppContext): onRequestAsyncHookHandler {
  return async (request) => {
    const token = bearerToken(request.headers.authorization)
    const actor = token === undefined ? undefined : await actorFromToken(ctx, token)
    if (actor === undefined) throw unauthenticated()
    request.actor = actor
  }
}

export function actorOf(request: FastifyRequest): Actor {
  // A route that reaches here without an actor was registered outside the authenticated scope.
  if (request.actor === null)
    throw new Error(`route ${request.routeOptions.url ?? '?'} is not authenticated`)
  return request.actor
}
