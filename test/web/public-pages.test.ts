import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { textOf, WebClient, withoutStatisticsScript } from './web-client.js'
import { useWebApp } from './web-harness.js'

const ATTR = /\s(?:href|action|src)="([^"]*)"/g

/** Same-site addresses a page links to or loads (forms included), with entities decoded. */
function linksOf(html: string): string[] {
  return [...html.matchAll(ATTR)]
    .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
    .filter((u) => u.startsWith('/') && !u.startsWith('//'))
}

function expectStrictPolicy(url: string, headers: Record<string, unknown>): void {
  const csp = String(headers['content-security-policy'])
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ])
    expect(csp, url).toContain(directive)
  expect(csp, url).not.toMatch(/unsafe-inline|unsafe-eval|https?:/)
  expect(headers['x-frame-options'], url).toBe('DENY')
  expect(['same-origin', 'no-referrer'], url).toContain(headers['referrer-policy'])
}

describeEngines('web: public pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('sets no cookie and loads no script anywhere a visitor can reach without signing in (P7)', async () => {
    const lib = await setUpLibrary(env().ctx)
    const { record } = await lib.title([{}, { branch: 'east' }], 'Crawlable Meadows')
    const queue = [
      '/',
      '/search',
      '/search?q=Meadows',
      '/search?title=Crawlable&author=Mercer',
      `/records/${record.id}`,
      '/privacy',
      '/wifi',
      '/databases',
      '/leaving?to=https%3A%2F%2Fencyclopedia.example.com%2F',
      '/account',
      '/account/sign-in',
      `/account/holds/new?record=${record.id}`,
      '/staff',
      '/staff/sign-in',
      '/no-such-page',
    ]
    const visited = new Set<string>()
    const html: string[] = []
    while (queue.length > 0 && visited.size < 200) {
      const url = queue.shift() ?? '/'
      if (visited.has(url)) continue
      visited.add(url)
      // A fresh visitor each time: no cookie could have come from an earlier page.
      const page = await new WebClient(app).get(url)
      expect(page.setCookies, url).toEqual([])
      expect(page.status, url).toBeLessThan(500)
      if (page.location !== undefined) queue.push(page.location)
      if (!String(page.headers['content-type']).startsWith('text/html')) continue
      html.push(url)
      expectStrictPolicy(url, page.headers)
      // No script on public pages but the site's own statistics beacon; none from elsewhere, nor
      // inline, anywhere.
      expect(withoutStatisticsScript(page.body), url).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i)
      queue.push(...linksOf(page.body).filter((u) => !u.includes('/sign-out')))
    }
    expect(html.length).toBeGreaterThan(12)
    for (const must of [
      '/',
      '/privacy',
      '/wifi',
      '/databases',
      '/transparency',
      '/account/sign-in',
      '/staff/sign-in',
    ])
      expect(visited, must).toContain(must)
    expect([...visited].some((u) => u.startsWith('/leaving?to='))).toBe(true)
    expect([...visited].some((u) => u.startsWith('/assets/carrel.css'))).toBe(true)
  })

  it('publishes counts of requests for patron records by kind and year, and nothing more (P8)', async () => {
    const { ctx } = env()
    const { staffActor } = await import('../harness/factories.js')
    const { registerLegalRequest, decideLegalRequest } =
      await import('../../src/privacy/legal/legal-requests.service.js')
    const officer = await staffActor(ctx, 'privacy_officer')
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const req = await registerLegalRequest(ctx, officer, {
      kind: 'other',
      requesterName: 'Pat Requester',
      requesterAgency: 'Acme Employment Checks',
      documents: 'Letter asking for a borrowing record',
      patronId: p.id,
      scope: { parts: ['registration'], fields: ['familyName'] },
    })
    await decideLegalRequest(ctx, officer, req.id, { decision: 'refuse', note: 'No court order' })
    const page = await new WebClient(app).get('/transparency')
    expect(page.status).toBe(200)
    expect(page.setCookies).toEqual([])
    const text = textOf(page.body)
    expect(text).toMatch(/2026\s*Other requests\s*\d+\s*0\s*\d+/)
    for (const secret of [p.id, p.barcode, 'Pat Requester', 'Acme'])
      expect(page.body).not.toContain(secret)
  })

  it('searches by words, title, author and ISBN and shows availability by branch', async () => {
    const lib = await setUpLibrary(env().ctx)
    const { record } = await lib.title([{}, {}, { branch: 'east' }], 'Lanterns of Evenfall')
    const c = new WebClient(app)
    const found = await c.get('/search?q=lanterns%20evenfall')
    expect(found.status).toBe(200)
    const text = textOf(found.body)
    expect(text).toContain('1 title found')
    expect(text).toContain('Lanterns of Evenfall')
    expect(text).toMatch(/East Branch: 1 available \(1 copy\)/)
    expect(text).toMatch(/Main: 2 available \(2 copies\)/)
    expect(found.body).toContain(`href="/records/${record.id}"`)
    expect(textOf((await c.get('/search?author=mercer&title=evenfall')).body)).toContain(
      '1 title found',
    )
    expect(textOf((await c.get('/search?q=zzzznothing')).body)).toContain('No titles found')

    const detail = await c.get(`/records/${record.id}`)
    expect(textOf(detail.body)).toMatch(/Main .* On the shelf/)
    const hold = `/account/holds/new?record=${record.id}`
    expect(detail.body).toContain(`href="${hold.replace('&', '&amp;')}"`)
    const toSignIn = await c.get(hold)
    expect(toSignIn.status).toBe(303)
    expect(toSignIn.location).toBe(`/account/sign-in?next=${encodeURIComponent(hold)}`)
    const signIn = await c.get(toSignIn.location ?? '')
    expect(signIn.body).toContain(`name="next" value="${hold.replace('&', '&amp;')}"`)
  })

  it('refuses bad input with a page, never a 500', async () => {
    const c = new WebClient(app)
    const bad = [
      ['/search?q=' + 'x'.repeat(300), 400],
      ['/search?isbn=' + '9'.repeat(40), 400],
      ['/search?q=a&offset=-5', 200],
      ['/search?q=%00', 400],
      ['/records/not-a-record', 404],
      ['/leaving?to=javascript%3Aalert(1)', 400],
      ['/leaving?to=https%3A%2F%2Fuser%3Apass%40evil.example%2F', 400],
      ['/leaving', 400],
      ['/assets/nothing.js', 404],
    ] as const
    for (const [url, status] of bad) {
      const page = await c.get(url)
      expect({ url, status: page.status }).toEqual({ url, status })
      expect(page.headers['content-type'], url).toMatch(/^text\/html/)
    }
    // The JSON API keeps its own answers.
    const api = await c.get('/api/v1/nowhere')
    expect(api.status).toBe(404)
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('explains the Wi-Fi plainly, marks databases as setting cookies and leaves without a referrer (P14, P15)', async () => {
    const c = new WebClient(app)
    expect(textOf((await c.get('/wifi')).body)).toContain(
      "Traffic on the library's wireless network is not encrypted.",
    )
    const dbs = await c.get('/databases')
    const dbText = textOf(dbs.body)
    for (const db of env().ctx.config.web.thirdPartyDatabases) {
      expect(dbText).toContain(db.name)
      expect(dbs.body).toContain(`href="/leaving?to=${encodeURIComponent(db.url)}"`)
      expect(dbs.body).not.toContain(`href="${db.url}"`)
    }
    expect(dbText.match(/Sets its own cookies/g)).toHaveLength(
      env().ctx.config.web.thirdPartyDatabases.length,
    )

    const exit = await c.get('/leaving?to=https%3A%2F%2Fnews-archive.example.com%2Fpaper%3Fid%3D7')
    expect(exit.status).toBe(200)
    expect(exit.headers['referrer-policy']).toBe('no-referrer')
    expect(textOf(exit.body)).toContain('news-archive.example.com')
    expect(exit.body).toMatch(
      /<a class="button" href="https:\/\/news-archive\.example\.com\/paper\?id=7" rel="noopener noreferrer" referrerpolicy="no-referrer">Continue to news-archive\.example\.com<\/a>/,
    )
  })
})
