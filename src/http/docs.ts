import fastifySwagger from '@fastify/swagger'
import type { Api } from './types.js'

const TAGS = [
  { name: 'health', description: 'Is the server and its stores up?' },
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

export function docsRoute(app: Api): void {
  // Served as JSON only: no UI, so nothing is fetched from a CDN.
  app.get('/api/docs', { schema: { hide: true } }, (_request, reply) => reply.send(app.swagger()))
}
