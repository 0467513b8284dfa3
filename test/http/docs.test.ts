import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { anyString, call, containing, useApp } from './http-harness.js'

interface Operation {
  summary?: string
  tags?: string[]
  security?: unknown[]
  responses: Record<string, { content?: Record<string, unknown> }>
}
interface OpenApi {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, unknown> }
  security: unknown[]
}

const ROUTES = [
  ['get', '/healthz'],
  ['post', '/api/v1/auth/login'],
  ['get', '/api/v1/staff/me'],
  ['get', '/api/v1/staff'],
  ['post', '/api/v1/staff'],
  ['patch', '/api/v1/staff/{id}'],
  ['post', '/api/v1/patrons'],
  ['get', '/api/v1/patrons'],
  ['get', '/api/v1/patrons/{id}'],
  ['patch', '/api/v1/patrons/{id}'],
  ['delete', '/api/v1/patrons/{id}'],
  ['get', '/api/v1/patrons/{id}/export'],
  ['get', '/api/v1/patrons/{id}/cards'],
  ['post', '/api/v1/patrons/{id}/cards'],
  ['post', '/api/v1/cards/{barcode}/replacement'],
  ['put', '/api/v1/cards/{barcode}/status'],
  ['put', '/api/v1/cards/{barcode}/pin'],
  ['post', '/api/v1/cards/verify'],
  ['post', '/api/v1/cards/{barcode}/pin-change'],
  ['get', '/api/v1/patrons/{id}/ledger'],
  ['post', '/api/v1/patrons/{id}/ledger'],
  ['get', '/api/v1/patrons/{id}/notes'],
  ['post', '/api/v1/patrons/{id}/notes'],
  ['get', '/api/v1/audit'],
  ['get', '/api/v1/audit/verify'],
] as const

const PUBLIC = new Set(['/healthz', '/api/v1/auth/login'])

describeEngines('http: OpenAPI document and health', (env) => {
  const app = useApp(env)

  it('describes every route, its answers and the bearer scheme at /api/docs', async () => {
    const res = await call(app(), { method: 'GET', url: '/api/docs' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const doc = res.body as OpenApi
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: containing({ type: 'http', scheme: 'bearer' }),
    })
    expect(doc.security).toEqual([{ bearerAuth: [] }])

    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    )
    expect(listed.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort())
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path]?.[method] as Operation
      expect(op.summary, `${method} ${path}`).toEqual(anyString)
      expect(op.tags, `${method} ${path}`).toHaveLength(1)
      const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s))
      expect(success, `${method} ${path}`).toHaveLength(1)
      expect(
        Object.keys(op.responses[success[0] ?? ''] ?? {}).length,
        `${method} ${path}`,
      ).toBeGreaterThan(0)
      expect(Object.keys(op.responses['4XX']?.content ?? {}), `${method} ${path}`).toEqual([
        'application/problem+json',
      ])
      if (PUBLIC.has(path)) expect(op.security, path).toEqual([])
      else expect(op.security, path).toBeUndefined()
    }
    const verify = doc.paths['/api/v1/cards/verify']?.post as Operation & {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } }
    }
    expect(verify.requestBody.content['application/json'].schema.required).toEqual([
      'barcode',
      'pin',
    ])
  })

  it('answers /healthz without a token once both stores respond', async () => {
    const res = await call(app(), { method: 'GET', url: '/healthz' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
    expect(res.headers['cache-control']).toBe('no-store')
  })
})
