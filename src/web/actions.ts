import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../actor.js'
import { AppError } from '../errors.js'
import { seeOther } from './render.js'
import { setFlash, type Flash } from './sessions.js'

/**
 * Runs one action from a posted form and sends the browser back with its outcome (post, redirect,
 * get). A refusal from a service becomes the message; anything else is a real failure.
 */
export async function act(
  request: FastifyRequest,
  reply: FastifyReply,
  back: string,
  action: () => Promise<string | Flash>,
): Promise<FastifyReply> {
  try {
    const outcome = await action()
    setFlash(request, typeof outcome === 'string' ? { kind: 'ok', text: outcome } : outcome)
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    setFlash(request, { kind: 'error', text: err.message })
  }
  return seeOther(reply, back)
}

/** The actor the area's sign-in check put on the request. */
export function signedInActor(request: FastifyRequest): Actor {
  if (request.actor === null) throw new Error(`${request.url}: no signed-in actor`)
  return request.actor
}
