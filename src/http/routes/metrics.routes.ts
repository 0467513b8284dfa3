import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { noticeOutboxDepth } from '../../comms/outbox-depth.js'
import type { AppContext } from '../../context.js'
import { AddressAllowList, SecretMatcher } from '../address-allow.js'
import type { Api } from '../types.js'

/** The token after "Bearer " in the Authorization header, if any. */
function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null
  return match?.[1]
}

/**
 * GET /metrics in the Prometheus text format, for the addresses in `metrics.allow` (loopback by
 * default) and for whoever sends `metrics.token` as a bearer token. Anyone else gets exactly what
 * an address that does not exist gets, so the endpoint is not advertised. The client address is
 * request.ip, which honours http.trustProxy and http.proxyHops like every other check.
 */
export function metricsRoutes(app: Api, ctx: AppContext): void {
  const allowed = new AddressAllowList(ctx.config.metrics.allow)
  const token =
    ctx.config.metrics.token === undefined ? undefined : new SecretMatcher(ctx.config.metrics.token)
  const mayRead = (request: FastifyRequest): boolean =>
    allowed.allows(request.ip) || (token !== undefined && token.matches(bearer(request)))

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['health'],
        summary: 'Operating numbers for Prometheus',
        description:
          'Counts and timings in the Prometheus text format: HTTP requests by method, route pattern and status class; SIP2 connections and messages by command code; scheduled job runs by job and outcome; the notice outbox by state; and the serving process’s memory, CPU and event loop. No label carries a patron, card, item, staff or barcode identifier. Only from the addresses in `metrics.allow` (loopback by default) or with `metrics.token` as a bearer token; anyone else gets 404, as for an address that does not exist.',
        security: [{ metricsToken: [] }, {}],
        response: {
          200: {
            description: 'The Prometheus text exposition format, version 0.0.4.',
            content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: Type.String() } },
          },
          404: {
            description: 'Not allowed from this address without the token (or no such address).',
            content: { 'text/html; charset=utf-8': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      if (!mayRead(request)) return reply.callNotFound()
      // Read at scrape time, so the numbers are the table's and every process reports the same.
      ctx.metrics.outboxDepth(
        await noticeOutboxDepth(ctx).catch((err: unknown) => {
          request.log.warn({ err }, 'metrics: the notice outbox could not be counted')
          return undefined
        }),
      )
      const { contentType, text } = await ctx.metrics.render()
      return reply.type(contentType).send(text)
    },
  )
}
