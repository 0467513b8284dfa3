import type { FastifyRequest } from 'fastify'
import type { AttemptOrigin } from '../privacy/throttle.js'

/**
 * Where a request came from, for counting wrong secrets: the socket's address, or behind trusted
 * proxies the address the outermost of them saw (see http.trustProxy and http.proxyHops).
 */
export function originOf(request: FastifyRequest): AttemptOrigin {
  return { address: request.ip }
}
