import fastifySwagger from '@fastify/swagger'
import { applyPageHeaders } from '../web/security.js'
import { docsAsset } from './api-docs-assets.js'
import {
  DOCS_ASSET_PREFIX,
  DOCS_CSP,
  DOCS_PAGE,
  OPENAPI_JSON_PATH,
  prefersHtml,
} from './api-docs-page.js'
import type { Api } from './types.js'

const TAGS = [
  {
    name: 'health',
    description:
      'Is the process alive (/healthz), ready to serve (/readyz), and how is it doing (/metrics)?',
  },
  { name: 'auth', description: 'Staff sign-in.' },
  { name: 'staff', description: 'Individual staff accounts and roles.' },
  {
    name: 'patrons',
    description: 'Registration records: every read, search hit and change is audited.',
  },
  { name: 'cards', description: 'Library cards and PINs. PINs are accepted, never returned.' },
  { name: 'ledger', description: 'Card-account credits and debits.' },
  { name: 'notes', description: 'Encrypted staff notes on a card account.' },
  { name: 'audit', description: 'The hash-chained audit log.' },
  {
    name: 'jobs',
    description: 'Scheduled jobs (fines, hold shelf, retention): their state, and running one now.',
  },
  {
    name: 'devices',
    description:
      "The public computers' own API: sign-in, status, log off, screen lock, and an event stream. Each computer sends its own device credential.",
  },
  {
    name: 'libki',
    description:
      "Opt-in: the part of Libki's kiosk client protocol Carrel answers, on the library network only.",
  },
]

interface RouteSchema {
  response?: Record<string, unknown>
  [key: string]: unknown
}

/**
 * Routes declare their error schema as a plain schema (so handlers stay type-checked and errors
 * are serialised by it); the document tells clients the media type those answers really carry.
 */
function problemMediaType(schema: RouteSchema | undefined): RouteSchema | undefined {
  if (schema?.response === undefined) return schema
  const response = { ...schema.response }
  for (const key of ['4xx', '5xx']) {
    const problem = response[key] as { description?: string } | undefined
    if (problem === undefined) continue
    response[key] = {
      description: problem.description,
      content: { 'application/problem+json': { schema: problem } },
    }
  }
  return { ...schema, response }
}

/** Must be registered before the routes: it collects them as they are added. */
export async function registerOpenApi(app: Api): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carrel JSON API',
        version: '1',
        description:
          'Staff API of the Carrel library records system. Errors are application/problem+json with a stable `code`.',
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token from POST /api/v1/auth/login.',
          },
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              "A public computer's device credential, issued by an administrator (shown once).",
          },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'The `metrics.token` setting (CARREL_METRICS_TOKEN), for a scraper outside `metrics.allow`.',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: ({ schema, url }) => ({
      schema: problemMediaType(schema as RouteSchema | undefined) as typeof schema,
      url,
    }),
  })
}

/**
 * `/api/docs` answers with the OpenAPI document (JSON) unless the client prefers HTML, as a
 * browser does; then it gets a reference page whose every file is served from here.
 */
export async function docsRoutes(app: Api): Promise<void> {
  const hidden = { schema: { hide: true } }
  app.get('/api/docs', hidden, (request, reply) => {
    reply.header('vary', 'accept')
    if (!prefersHtml(request.headers.accept)) return reply.send(app.swagger())
    applyPageHeaders(reply)
    return reply
      .header('content-security-policy', DOCS_CSP)
      .type('text/html; charset=utf-8')
      .send(DOCS_PAGE)
  })
  app.get(OPENAPI_JSON_PATH, hidden, (_request, reply) => reply.send(app.swagger()))
  // A scope of its own: these files hold no patron data, so they may be cached.
  await app.register((scope, _options, done) => {
    scope.addHook('onSend', (_request, reply, payload, next) => {
      if (reply.statusCode < 400) reply.header('cache-control', 'public, max-age=3600')
      next(null, payload)
    })
    scope.get<{ Params: { name: string } }>(
      `${DOCS_ASSET_PREFIX}:name`,
      hidden,
      (request, reply) => {
        const found = docsAsset(request.params.name)
        if (found === undefined) return reply.callNotFound()
        reply.header('etag', found.etag)
        if (request.headers['if-none-match'] === found.etag) return reply.code(304).send()
        return reply.type(found.type).send(found.body)
      },
    )
    done()
  })
}
