import { describe, expect, it } from 'vitest'
import { prefersHtml } from '../../src/http/api-docs-page.js'
import { CSP } from '../../src/web/security.js'
import { describeEngines } from '../harness/engines.js'
import { call, useApp } from './http-harness.js'

/** What Chromium and Firefox send when a person opens an address. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

/** Every address a page makes the browser fetch: scripts, stylesheets, images, icons. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '')
}

describeEngines('http: the API reference page at /api/docs', (env) => {
  const app = useApp(env)

  it('gives a browser a page that loads only files from this site, under the site policy', async () => {
    const res = await call(app(), {
      method: 'GET',
      url: '/api/docs',
      headers: { accept: BROWSER_ACCEPT },
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers.vary).toMatch(/accept/i)
    const html = res.raw
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).toContain('<title>Carrel API reference</title>')

    // The site's policy, with data: images allowed for Swagger UI's icons and nothing else.
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toBe(CSP.replace("img-src 'self'", "img-src 'self' data:"))
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("style-src 'self'")
    expect(csp).toContain("connect-src 'self';")
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['set-cookie']).toBeUndefined()

    // No inline code the policy would refuse: every script has a src, no style element or attribute.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i)

    const urls = referencedUrls(html)
    expect(urls.length).toBeGreaterThanOrEqual(4)
    for (const url of urls) {
      // A path on this site: not another origin, not protocol-relative, not a data: or blob: URL.
      expect(url, url).toMatch(/^\/(?!\/)[\w./-]+$/)
      const asset = await call(app(), { method: 'GET', url })
      expect(asset.status, url).toBe(200)
      expect(asset.raw.length, url).toBeGreaterThan(0)
      expect(asset.headers['x-content-type-options'], url).toBe('nosniff')
      if (url.endsWith('.js'))
        expect(asset.headers['content-type'], url).toBe('text/javascript; charset=utf-8')
      else if (url.endsWith('.css'))
        expect(asset.headers['content-type'], url).toBe('text/css; charset=utf-8')
      else expect(asset.headers['content-type'], url).toMatch(/^application\/json/)
    }
    const scripts = urls.filter((u) => u.endsWith('.js'))
    expect(scripts).toEqual([
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/api-docs.js',
    ])
    // The viewer starts on our own document and sends it to no validator elsewhere.
    const starter = await call(app(), { method: 'GET', url: '/api/docs/assets/api-docs.js' })
    expect(starter.raw).toContain("url: '/api/docs/openapi.json'")
    expect(starter.raw).toContain('validatorUrl: null')
    expect(starter.raw).toContain('persistAuthorization: false')
    expect(starter.raw).not.toMatch(/https?:/)
  })

  it('serves the files with a validator and refuses any other name with a 404 problem', async () => {
    const first = await call(app(), { method: 'GET', url: '/api/docs/assets/swagger-ui.css' })
    expect(first.status).toBe(200)
    expect(first.headers['cache-control']).toBe('public, max-age=3600')
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^"[\w-]{22}"$/)
    const again = await call(app(), {
      method: 'GET',
      url: '/api/docs/assets/swagger-ui.css',
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
    expect(again.raw).toBe('')

    for (const url of [
      '/api/docs/assets/index.html',
      '/api/docs/assets/swagger-ui-bundle.js.map',
      '/api/docs/assets/..%2F..%2Fpackage.json',
      '/api/docs/assets/%2e%2e',
      '/api/docs/assets/swagger-ui.css%00',
    ]) {
      const res = await call(app(), { method: 'GET', url })
      expect(res.status, url).toBeGreaterThanOrEqual(400)
      expect(res.status, url).toBeLessThan(500)
      expect(res.headers['cache-control'], url).toBe('no-store')
      expect(res.raw, url).not.toContain('"name": "carrel"')
    }
    const missing = await call(app(), { method: 'GET', url: '/api/docs/assets/nothing.js' })
    expect(missing.status).toBe(404)
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('keeps the JSON document at /api/docs for API clients, the same at /api/docs/openapi.json', async () => {
    await app().ready()
    const reference = app().swagger() as unknown
    expect(reference).toMatchObject({ openapi: '3.1.0', info: { title: 'Carrel JSON API' } })
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html']) {
      const res = await call(app(), {
        method: 'GET',
        url: '/api/docs',
        ...(accept !== undefined && { headers: { accept } }),
      })
      expect(res.status, String(accept)).toBe(200)
      expect(res.headers['content-type'], String(accept)).toBe('application/json; charset=utf-8')
      expect(res.headers['cache-control'], String(accept)).toBe('no-store')
      expect(res.body, String(accept)).toEqual(reference)
      // The JSON answer is what it was before the page existed: no page policy on it.
      expect(res.headers['content-security-policy'], String(accept)).toBeUndefined()
    }
    const plain = await call(app(), { method: 'GET', url: '/api/docs/openapi.json' })
    expect(plain.status).toBe(200)
    expect(plain.body).toEqual(reference)
    const fromBrowser = await call(app(), {
      method: 'GET',
      url: '/api/docs/openapi.json',
      headers: { accept: BROWSER_ACCEPT },
    })
    expect(fromBrowser.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(fromBrowser.body).toEqual(reference)
    // The page and its files are not API operations.
    const paths = Object.keys((reference as { paths: Record<string, unknown> }).paths)
    expect(paths.filter((p) => p.startsWith('/api/docs'))).toEqual([])
  })
})

describe('http: choosing between the page and the JSON document', () => {
  it('gives HTML only to a client that prefers it to JSON', () => {
    expect(prefersHtml(BROWSER_ACCEPT)).toBe(true)
    expect(prefersHtml('text/html')).toBe(true)
    expect(prefersHtml('text/*, application/json;q=0.5')).toBe(true)
    expect(prefersHtml('application/json;q=0.4, text/html;q=0.5')).toBe(true)

    expect(prefersHtml(undefined)).toBe(false)
    expect(prefersHtml('')).toBe(false)
    expect(prefersHtml('*/*')).toBe(false)
    expect(prefersHtml('application/json')).toBe(false)
    expect(prefersHtml('text/html;q=0.5, application/json')).toBe(false)
    expect(prefersHtml('text/html, application/json')).toBe(false)
    expect(prefersHtml('text/html;q=0, */*')).toBe(false)
    expect(prefersHtml('TEXT/HTML;Q=0.2, application/*;q=0.1')).toBe(true)
  })

  it('reads a malformed header as no preference, never as an error', () => {
    for (const accept of [
      ',,,',
      ';q=1',
      'text/html;q=abc',
      'text/html;q=2',
      'text/html;q=-1',
      'nonsense',
      '\u0000',
    ]) {
      expect(() => prefersHtml(accept), accept).not.toThrow()
      expect(prefersHtml(accept), accept).toBe(false)
    }
  })
})
