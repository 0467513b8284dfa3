import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { AppContext } from '../context.js'
import { deviceByToken, type ComputerDevice } from '../computers/computer-registry.service.js'
import { unauthorized } from '../errors.js'
import { bearerToken } from './auth.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on the device routes: the public computer whose credential came with the request. */
    device: ComputerDevice | null
  }
}

/**
 * A public computer's own credential, checked before the body is read. Looked up on every
 * request, so a re-issued credential stops the old one at once.
 */
export function authenticateDevice(ctx: AppContext): onRequestAsyncHookHandler {
  return async (request) => {
    const token = bearerToken(request.headers.authorization)
    const device = token === undefined ? undefined : await deviceByToken(ctx, token)
    if (device === undefined)
      throw unauthorized(
        'UNAUTHENTICATED',
        'Send this computer\'s device credential as "Authorization: Bearer <token>".',
      )
    request.device = device
  }
}

export function deviceOf(request: FastifyRequest): ComputerDevice {
  if (request.device === null)
    throw new Error(`route ${request.routeOptions.url ?? '?'} is not a device route`)
  return request.device
}
