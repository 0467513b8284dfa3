import fc from 'fast-check'
import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { call, signIn, useApp } from './http-harness.js'

/** Arrays inside arrays, `depth` deep, as raw JSON text (no recursion needed to build or send). */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

describeEngines('http: input of any depth and size', (env) => {
  const app = useApp(env)

  it('refuses deeply nested JSON before sign-in with 400 INPUT_TOO_DEEP, never a 500', async () => {
    for (const depth of [33, 1_000, 2_000, 100_000]) {
      for (const body of [nested(depth), nestedObject(depth)]) {
        const res = await call(app(), {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: body,
          headers: { 'content-type': 'application/json' },
        })
        // Past the body limit the size answers first (413); below it, the depth (400).
        if (body.length > 64 * 1024) {
          expect([400, 413], `depth ${depth}`).toContain(res.status)
          continue
        }
        expect(res.status, `depth ${depth}`).toBe(400)
        expect(res.body).toMatchObject({ code: 'INPUT_TOO_DEEP' })
      }
    }
    // As deep as any real document goes, it is an ordinary validation error.
    const shallow = await call(app(), {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: nested(20),
      headers: { 'content-type': 'application/json' },
    })
    expect(shallow.status).toBe(400)
    expect(shallow.body).not.toMatchObject({ code: 'INPUT_TOO_DEEP' })
  })

  it('takes an audit page number past the largest entry as "the newest", and refuses an unsafe one', async () => {
    const { ctx } = env()
    const { token } = await signIn(app(), ctx, 'privacy_officer')
    for (const before of ['2147483647', '2147483648', String(Number.MAX_SAFE_INTEGER)]) {
      const res = await call(app(), { method: 'GET', url: `/api/v1/audit?before=${before}`, token })
      expect(res.status, before).toBe(200)
      expect((res.body as { seq: number }[]).length).toBeGreaterThan(0)
    }
    const unsafe = await call(app(), {
      method: 'GET',
      url: '/api/v1/audit?before=99999999999999999999',
      token,
    })
    expect(unsafe.status).toBe(400)
  })

  it('tells browsers not to guess the type of any answer', async () => {
    for (const url of ['/api/v1/auth/login', '/api/docs', '/healthz', '/api/v1/nowhere']) {
      const res = await call(app(), { method: 'GET', url })
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
    }
  })

  it('answers generated JSON of any shape on every route without a 5xx', async () => {
    const { ctx } = env()
    const { token } = await signIn(app(), ctx, 'admin')
    const doc = (await call(app(), { method: 'GET', url: '/api/docs' })).body as {
      paths: Record<string, Record<string, unknown>>
    }
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({
          method: m.toUpperCase() as 'POST' | 'PUT' | 'PATCH' | 'DELETE',
          // Path parameters get a plausible but unknown value.
          url: `/api/v1${path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, 'x0')}`,
        })),
    )
    expect(routes.length).toBeGreaterThan(20)
    // Whatever JSON arrives — deep, wide, odd — the answer is a clear 4xx, never a 5xx. (Some
    // shapes a route accepts may do real work, which is fine: the point is no crash.)
    const anyJson = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.integer({ min: 30, max: 5_000 }).map(nested),
      fc.integer({ min: 30, max: 5_000 }).map(nestedObject),
      fc.string({ maxLength: 200 }),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), anyJson, fc.boolean(), async (r, body, auth) => {
        const res = await call(app(), {
          method: r.method,
          url: r.url,
          payload: body,
          headers: { 'content-type': 'application/json' },
          ...(auth && { token }),
        })
        expect(res.status, `${r.method} ${r.url} ${body.slice(0, 60)}`).toBeLessThan(500)
      }),
      { numRuns: 150 },
    )
  })
})
