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
  ['get', '/readyz'],
  ['get', '/metrics'],
  ['post', '/api/v1/auth/login'],
  ['get', '/api/v1/staff/me'],
  ['get', '/api/v1/staff'],
  ['post', '/api/v1/staff'],
  ['patch', '/api/v1/staff/{id}'],
  ['post', '/api/v1/staff/{id}/unlock'],
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
  ['post', '/api/v1/cards/{barcode}/unlock'],
  ['get', '/api/v1/patrons/{id}/ledger'],
  ['post', '/api/v1/patrons/{id}/ledger'],
  ['get', '/api/v1/patrons/{id}/notes'],
  ['post', '/api/v1/patrons/{id}/notes'],
  ['get', '/api/v1/audit'],
  ['get', '/api/v1/audit/verify'],
  ['get', '/api/v1/library'],
  ['put', '/api/v1/library/branches/{code}'],
  ['put', '/api/v1/library/item-types/{code}'],
  ['put', '/api/v1/library/patron-categories/{code}'],
  ['get', '/api/v1/library/loan-rules'],
  ['put', '/api/v1/library/loan-rules'],
  ['delete', '/api/v1/library/loan-rules/{id}'],
  ['get', '/api/v1/library/closed-days'],
  ['post', '/api/v1/library/closed-days'],
  ['delete', '/api/v1/library/closed-days/{id}'],
  ['get', '/api/v1/library/branch-details'],
  ['get', '/api/v1/library/branches/{code}/details'],
  ['put', '/api/v1/library/branches/{code}/details'],
  ['get', '/api/v1/catalog/records'],
  ['get', '/api/v1/catalog/records/{id}'],
  ['post', '/api/v1/catalog/records'],
  ['patch', '/api/v1/catalog/records/{id}'],
  ['post', '/api/v1/catalog/items'],
  ['patch', '/api/v1/catalog/items/{barcode}'],
  ['post', '/api/v1/circulation/checkouts'],
  ['post', '/api/v1/circulation/checkins'],
  ['post', '/api/v1/circulation/renewals'],
  ['post', '/api/v1/circulation/lost'],
  ['get', '/api/v1/patrons/{id}/loans'],
  ['get', '/api/v1/patrons/{id}/reading-history'],
  ['put', '/api/v1/patrons/{id}/reading-history'],
  ['post', '/api/v1/holds'],
  ['delete', '/api/v1/holds/{id}'],
  ['post', '/api/v1/holds/{id}/suspension'],
  ['delete', '/api/v1/holds/{id}/suspension'],
  ['get', '/api/v1/patrons/{id}/holds'],
  ['get', '/api/v1/holds/shelf'],
  ['get', '/api/v1/patrons/{id}/fees'],
  ['post', '/api/v1/patrons/{id}/payments'],
  ['post', '/api/v1/fees/{id}/waiver'],
  ['post', '/api/v1/requests'],
  ['get', '/api/v1/requests'],
  ['put', '/api/v1/requests/{id}/status'],
  ['get', '/api/v1/sip-accounts'],
  ['post', '/api/v1/sip-accounts'],
  ['patch', '/api/v1/sip-accounts/{id}'],
  ['get', '/api/v1/retention/preview'],
  ['post', '/api/v1/retention/runs'],
  ['get', '/api/v1/retention/disposals'],
  ['get', '/api/v1/legal-holds'],
  ['post', '/api/v1/legal-holds'],
  ['delete', '/api/v1/legal-holds/{id}'],
  ['get', '/api/v1/legal-requests'],
  ['post', '/api/v1/legal-requests'],
  ['post', '/api/v1/legal-requests/{id}/decision'],
  ['post', '/api/v1/legal-requests/{id}/release'],
  ['get', '/api/v1/legal-requests/{id}/acknowledgement'],
  ['get', '/api/v1/jobs'],
  ['post', '/api/v1/jobs/{name}/run'],
  ['post', '/api/devices/session'],
  ['post', '/api/devices/status'],
  ['post', '/api/devices/logoff'],
  ['post', '/api/devices/queue'],
  ['post', '/api/devices/lock'],
  ['post', '/api/devices/unlock'],
  ['get', '/api/devices/events'],
] as const

const PUBLIC = new Set(['/healthz', '/readyz', '/api/v1/auth/login'])

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
      deviceToken: containing({ type: 'http', scheme: 'bearer' }),
      metricsToken: containing({ type: 'http', scheme: 'bearer' }),
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
      if (path === '/metrics') {
        // Not a JSON route: refused, it answers like an address that does not exist.
        expect(Object.keys(op.responses['404']?.content ?? {})).toEqual([
          'text/html; charset=utf-8',
        ])
        expect(op.security).toEqual([{ metricsToken: [] }, {}])
        continue
      }
      expect(Object.keys(op.responses['4XX']?.content ?? {}), `${method} ${path}`).toEqual([
        'application/problem+json',
      ])
      if (PUBLIC.has(path)) expect(op.security, path).toEqual([])
      else if (path.startsWith('/api/devices/'))
        expect(op.security, path).toEqual([{ deviceToken: [] }])
      else expect(op.security, path).toBeUndefined()
    }
    const verify = doc.paths['/api/v1/cards/verify']?.post as Operation & {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } }
    }
    expect(verify.requestBody.content['application/json'].schema.required).toEqual([
      'barcode',
      'pin',
    ])
    // A refused checkout documents its block codes; other routes' problems carry field names only.
    const detailsOf = (path: string, method: string): string[] => {
      const op = doc.paths[path]?.[method] as Operation
      const content = op.responses['4XX']?.content?.['application/problem+json'] as {
        schema: { properties: { details: { properties: Record<string, unknown> } } }
      }
      return Object.keys(content.schema.properties.details.properties)
    }
    expect(detailsOf('/api/v1/circulation/checkouts', 'post')).toEqual([
      'fields',
      'blocks',
      'overridable',
    ])
    expect(detailsOf('/api/v1/circulation/renewals', 'post')).toEqual(['fields'])
  })

  it('answers /healthz and /readyz without a token', async () => {
    const res = await call(app(), { method: 'GET', url: '/healthz' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
    expect((await call(app(), { method: 'GET', url: '/readyz' })).body).toEqual({ status: 'ready' })
    expect(res.headers['cache-control']).toBe('no-store')
  })
})
