import { expect, it } from 'vitest'
import { CSP, SITE_REFERRER_POLICY } from '../../src/web/security.js'
import { describeEngines } from '../harness/engines.js'
import { WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

/** The protective headers every page carries (helmet inside the web scopes, set by hand outside). */
const PAGE_HEADERS = {
  'content-security-policy': CSP,
  'referrer-policy': SITE_REFERRER_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const

/** A policy's directives, whatever the spacing after each ";" (helmet writes none). */
const directives = (csp: unknown) =>
  String(csp)
    .split(';')
    .map((d) => d.trim())

const pageHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(PAGE_HEADERS).map((name) => [
      name,
      name === 'content-security-policy' ? directives(headers[name]) : headers[name],
    ]),
  )

describeEngines('web: page headers', (env) => {
  const app = useWebApp(() => env().ctx)

  it('the not-found page, made outside the web scopes, carries the same protective headers as every other page', async () => {
    const c = new WebClient(app)
    const missing = await c.get('/no-such-page')
    expect(missing.status).toBe(404)
    expect(missing.headers['content-type']).toMatch(/^text\/html/)
    // Never sniffed into a script or style, never opened into another site's window group.
    expect(missing.headers['x-content-type-options']).toBe('nosniff')
    expect(missing.headers['cross-origin-opener-policy']).toBe('same-origin')
    expect(pageHeaders(missing.headers)).toEqual(pageHeaders(PAGE_HEADERS))
    // The same set, value for value, as a page served inside the web scopes.
    const home = await c.get('/')
    expect(home.status).toBe(200)
    expect(pageHeaders(missing.headers)).toEqual(pageHeaders(home.headers))
  })

  it('over a real connection the not-found page arrives whole, every protective header included', async () => {
    // app.inject does not check header names; a socket does, and one bad name loses the page.
    const server = app()
    await server.listen({ port: 0, host: '127.0.0.1' })
    const address = server.server.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    const answer = await fetch(`http://127.0.0.1:${port}/no-such-page`)
    const body = await answer.text()
    expect(answer.status).toBe(404)
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toContain('There is no page at this address.')
    const received = Object.fromEntries(
      Object.keys(PAGE_HEADERS).map((name) => [name, answer.headers.get(name)]),
    )
    expect(pageHeaders(received)).toEqual(pageHeaders(PAGE_HEADERS))
  })
})
