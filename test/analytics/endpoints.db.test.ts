// The statistics endpoints over HTTP: the beacon, the pixel and the script; what they answer
// (the same whether or not a view was counted), CORS for allowed sites only, no cookie ever, and
// the script on the public pages only. Afterwards no records-store table holds the address.
import { gzipSync } from 'node:zlib'
import type { InjectOptions } from 'fastify'
import { expect, it } from 'vitest'
import { BEACON_SCRIPT } from '../../src/analytics/beacon-script.js'
import { describeEngines } from '../harness/engines.js'
import { useWebApp } from '../web/web-harness.js'
import { FIREFOX, siteRows } from './website-fixtures.js'

const OWN = 'localhost:3000'
const LIBRARY_SITE = 'www.mylibrary.example'
const ADDRESS = '203.0.113.77'
const V6 = '2001:db8:5:6:7:8:9:a'

describeEngines(
  'website statistics endpoints',
  (env) => {
    const app = useWebApp(() => env().ctx)
    const send = (options: InjectOptions) =>
      app().inject({
        remoteAddress: ADDRESS,
        ...options,
        headers: { 'user-agent': FIREFOX, ...options.headers },
      })
    const beacon = (body: string, headers: Record<string, string> = {}) =>
      send({
        method: 'POST',
        url: '/statistics/event',
        payload: body,
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
      })

    it('counts a beacon and answers 204 with no cookie, for counted and uncounted views alike', async () => {
      const { ctx } = env()
      const event = JSON.stringify({
        u: `http://${OWN}/branches?visit=me#map`,
        r: 'https://news.example/story',
      })
      const answers = [
        await beacon(event),
        await beacon(event, { 'sec-gpc': '1' }),
        await beacon(event, { dnt: '1' }),
        await beacon(event, { 'user-agent': 'curl/8.5.0' }),
      ]
      for (const a of answers) {
        expect(a.statusCode).toBe(204)
        expect(a.headers['set-cookie']).toBeUndefined()
        expect(a.body).toBe('')
      }
      await ctx.website.flush()
      const rows = await siteRows(ctx.statistics.db, OWN)
      expect(rows.views.filter((v) => v.path === '/branches')).toEqual([
        {
          day: rows.views[0]?.day,
          address: '203.0.113.0',
          path: '/branches',
          referrer_host: 'news.example',
        },
      ])
    })

    it('refuses malformed events with a stable code, and oversized ones', async () => {
      for (const body of [
        'not json',
        '[]',
        '{"u": 5}',
        '{"r": "x"}',
        JSON.stringify({ u: 'x'.repeat(2001) }),
      ]) {
        const a = await beacon(body)
        expect(a.statusCode, body).toBe(400)
        expect(a.headers['content-type']).toContain('application/problem+json')
        expect(a.json<{ code: string }>().code).toBe('STATISTICS_EVENT_INVALID')
      }
      const big = await beacon(JSON.stringify({ u: `http://${OWN}/`, r: 'y'.repeat(5000) }))
      expect(big.statusCode).toBe(413)
    })

    it('answers the pixel with a 1×1 GIF never cached, taking the page from Referer', async () => {
      const { ctx } = env()
      const pixel = await send({
        method: 'GET',
        url: '/statistics/pixel.gif',
        remoteAddress: V6,
        headers: { referer: `http://${OWN}/wifi?x=1` },
      })
      expect(pixel.statusCode).toBe(200)
      expect(pixel.headers['content-type']).toBe('image/gif')
      expect(pixel.headers['cache-control']).toBe('no-store')
      expect(pixel.headers['set-cookie']).toBeUndefined()
      expect(pixel.rawPayload.subarray(0, 6).toString('latin1')).toBe('GIF89a')
      const explicit = await send({
        method: 'GET',
        url: `/statistics/pixel.gif?u=${encodeURIComponent(`https://${LIBRARY_SITE}/events`)}`,
      })
      expect(explicit.statusCode).toBe(200)
      await ctx.website.flush()
      expect((await siteRows(ctx.statistics.db, OWN)).views).toContainEqual(
        expect.objectContaining({ path: '/wifi', address: '2001:db8:5::' }),
      )
      expect((await siteRows(ctx.statistics.db, LIBRARY_SITE)).views.map((v) => v.path)).toEqual([
        '/events',
      ])
    })

    it('serves a script under 1 KB gzipped that stores nothing and honours GPC and DNT', async () => {
      const script = await send({ method: 'GET', url: '/statistics/script.js' })
      expect(script.statusCode).toBe(200)
      expect(script.headers['content-type']).toContain('text/javascript')
      expect(script.headers['set-cookie']).toBeUndefined()
      expect(script.body).toBe(BEACON_SCRIPT)
      expect(gzipSync(script.rawPayload).length).toBeLessThan(1024)
      expect(script.body).not.toMatch(/cookie|localStorage|sessionStorage|indexedDB/)
      expect(script.body).toContain('globalPrivacyControl')
      expect(script.body).toContain('doNotTrack')
      expect(script.body).toContain('sendBeacon')
    })

    it('lets allowed sites call across origins, without credentials, and no one else', async () => {
      const allowed = await beacon(JSON.stringify({ u: `https://${LIBRARY_SITE}/` }), {
        origin: `https://${LIBRARY_SITE}`,
      })
      expect(allowed.headers['access-control-allow-origin']).toBe(`https://${LIBRARY_SITE}`)
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined()
      const other = await beacon(JSON.stringify({ u: `https://${LIBRARY_SITE}/` }), {
        origin: 'https://tracker.example',
      })
      expect(other.headers['access-control-allow-origin']).toBeUndefined()
      const preflight = await send({
        method: 'OPTIONS',
        url: '/statistics/event',
        headers: { origin: `https://${LIBRARY_SITE}`, 'access-control-request-method': 'POST' },
      })
      expect(preflight.statusCode).toBe(204)
      expect(preflight.headers['access-control-allow-origin']).toBe(`https://${LIBRARY_SITE}`)
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST')
      const refused = await send({
        method: 'OPTIONS',
        url: '/statistics/event',
        headers: { origin: 'https://tracker.example', 'access-control-request-method': 'POST' },
      })
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
      expect(refused.headers['access-control-allow-methods']).toBeUndefined()
    })

    it('puts the script and the no-script pixel on public pages only', async () => {
      for (const url of ['/', '/es/', '/privacy', '/es/privacy', '/newsletter']) {
        const page = await send({ method: 'GET', url })
        expect(page.statusCode, url).toBe(200)
        expect(page.headers['set-cookie'], url).toBeUndefined()
        expect(page.body, url).toContain('<script src="/statistics/script.js" defer></script>')
        expect(page.body, url).toMatch(/<noscript><img[^>]*src="\/statistics\/pixel.gif"/)
        expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
      }
      for (const url of ['/account/sign-in', '/staff/sign-in', '/kiosk', '/es/kiosk']) {
        const page = await send({ method: 'GET', url })
        expect(page.statusCode, url).toBe(200)
        expect(page.body, url).not.toContain('/statistics/')
      }
    })

    it('leaves no trace of the address in any table of the records store', async () => {
      const { ctx } = env()
      await beacon(JSON.stringify({ u: `http://${OWN}/search` }))
      await send({
        method: 'GET',
        url: '/statistics/pixel.gif',
        remoteAddress: V6,
        headers: { referer: `http://${OWN}/` },
      })
      await send({ method: 'GET', url: '/' })
      await ctx.website.flush()
      const needles = [ADDRESS, '203.0.113.0', '203.0.113.', V6, '2001:db8:5']
      const tables = await ctx.db.introspection.getTables()
      let scanned = 0
      for (const table of tables) {
        for (const column of table.columns) {
          if (!/char|text|clob/i.test(column.dataType)) continue
          scanned++
          for (const needle of needles) {
            const found = await ctx.db
              .selectFrom(table.name as 'patrons')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where(column.name as 'id', 'like', `%${needle}%`)
              .executeTakeFirstOrThrow()
            expect(Number(found.n), `${table.name}.${column.name} holds ${needle}`).toBe(0)
          }
        }
      }
      expect(scanned).toBeGreaterThan(50)
      // …while the statistics store does hold the truncated one.
      expect((await siteRows(ctx.statistics.db, OWN)).views.map((v) => v.address)).toContain(
        '203.0.113.0',
      )
    })

    it('answers none of it, and loads no script, when statistics are switched off', async () => {
      const off = await env().reopen({ statistics: { enabled: false } })
      const { buildHttpApp } = await import('../../src/http/app.js')
      const offApp = await buildHttpApp(off)
      try {
        const event = await offApp.inject({
          method: 'POST',
          url: '/statistics/event',
          payload: JSON.stringify({ u: `http://${OWN}/` }),
          headers: { 'content-type': 'text/plain' },
        })
        expect(event.statusCode).not.toBe(204)
        const page = await offApp.inject({ method: 'GET', url: '/' })
        expect(page.body).not.toContain('/statistics/')
      } finally {
        await offApp.close()
        await off.close()
      }
    })
  },
  { statistics: { allowedSites: [LIBRARY_SITE] } },
)
