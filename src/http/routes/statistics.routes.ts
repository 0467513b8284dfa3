import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { BEACON_SCRIPT, PIXEL_GIF } from '../../analytics/beacon-script.js'
import type { Hit } from '../../analytics/ingest.js'
import type { AppContext } from '../../context.js'
import { problem, sendProblem } from '../error-handler.js'
import type { Api, TypeBoxProvider } from '../types.js'

/** A page address and a referrer, each at most 2,000 characters, and a little JSON around them. */
export const EVENT_BODY_LIMIT = 4 * 1024
const MAX_URL = 2000

const first = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v

function hitOf(request: FastifyRequest, url: string, referrer: string | undefined): Hit {
  const h = request.headers
  return {
    url,
    referrer,
    address: request.ip,
    headers: {
      userAgent: first(h['user-agent']),
      gpc: first(h['sec-gpc']),
      dnt: first(h.dnt),
      purpose: first(h.purpose),
      secPurpose: first(h['sec-purpose']),
    },
  }
}

/** `{ "u": page, "r": referrer }` from a sendBeacon body (text/plain) or a JSON one. */
function readEvent(body: unknown): { u: string; r?: string } | undefined {
  let value = body
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body)
    } catch {
      return undefined
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const { u, r } = value as Record<string, unknown>
  if (typeof u !== 'string' || u.length === 0 || u.length > MAX_URL) return undefined
  if (r !== undefined && r !== null && (typeof r !== 'string' || r.length > MAX_URL))
    return undefined
  return { u, ...(typeof r === 'string' && { r }) }
}

/**
 * The statistics endpoints, outside the API and the pages: `POST /statistics/event` (the
 * script's beacon), `GET /statistics/pixel.gif` (pages read without script) and `GET
 * /statistics/script.js`. Every well-formed request gets the same answer whether or not it was
 * counted, so a client learns nothing; none sets a cookie. Other origins may call the event and
 * the pixel only when they are in `statistics.allowedSites`, and never with credentials.
 */
export async function statisticsRoutes(app: Api, ctx: AppContext): Promise<void> {
  if (!ctx.config.statistics.enabled) return
  const allowedOrigin = (request: FastifyRequest): string | undefined => {
    const origin = first(request.headers.origin)
    if (origin === undefined) return undefined
    try {
      const { host, protocol } = new URL(origin)
      const own = new URL(ctx.config.http.publicUrl).host
      if (protocol !== 'http:' && protocol !== 'https:') return undefined
      return host !== own && ctx.website.allows(host) ? origin : undefined
    } catch {
      return undefined
    }
  }
  const cors = (request: FastifyRequest, reply: FastifyReply): void => {
    reply.header('vary', 'Origin')
    const origin = allowedOrigin(request)
    if (origin !== undefined) reply.header('access-control-allow-origin', origin)
  }
  await app.register((scope, _options, done) => {
    const api = scope.withTypeProvider<TypeBoxProvider>()
    api.addHook('onRoute', (route) => {
      route.schema = { ...(route.schema ?? {}), hide: true }
    })
    api.addContentTypeParser(
      'text/plain',
      { parseAs: 'string', bodyLimit: EVENT_BODY_LIMIT },
      (_request, body, parsed) => parsed(null, body),
    )
    const preflight = async (request: FastifyRequest, reply: FastifyReply) => {
      cors(request, reply)
      if (allowedOrigin(request) !== undefined)
        reply
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'Content-Type')
          .header('access-control-max-age', '86400')
      return reply.code(204).send()
    }
    api.options('/statistics/event', preflight)
    api.options('/statistics/pixel.gif', preflight)

    api.post('/statistics/event', { bodyLimit: EVENT_BODY_LIMIT }, async (request, reply) => {
      cors(request, reply)
      const event = readEvent(request.body)
      if (event === undefined)
        return sendProblem(
          reply,
          problem(
            400,
            'STATISTICS_EVENT_INVALID',
            'Send {"u": "<page address>", "r": "<referring page>"} as JSON, each at most 2000 characters.',
          ),
        )
      ctx.website.record(hitOf(request, event.u, event.r))
      return reply.code(204).send()
    })

    api.get(
      '/statistics/pixel.gif',
      {
        schema: {
          querystring: Type.Object(
            {
              u: Type.Optional(Type.String({ maxLength: MAX_URL })),
              r: Type.Optional(Type.String({ maxLength: MAX_URL })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        cors(request, reply)
        // Without a page address the pixel stands for the page that shows it.
        const url = request.query.u ?? first(request.headers.referer)
        if (url !== undefined && url.length <= MAX_URL)
          ctx.website.record(hitOf(request, url, request.query.r))
        return reply
          .header('cross-origin-resource-policy', 'cross-origin')
          .type('image/gif')
          .send(PIXEL_GIF)
      },
    )

    api.get('/statistics/script.js', async (_request, reply) =>
      reply
        .header('cross-origin-resource-policy', 'cross-origin')
        .type('text/javascript; charset=utf-8')
        .send(BEACON_SCRIPT),
    )
    // The script holds nothing personal and changes only with Carrel: it may be cached.
    api.addHook('onSend', async (request, reply, payload) => {
      if (request.routeOptions.url === '/statistics/script.js')
        reply.header('cache-control', 'public, max-age=3600')
      return payload
    })
    done()
  })
}
