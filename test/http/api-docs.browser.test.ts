import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from '../browser/browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: the API reference page in Chromium', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser.close()
    await server.close()
  })

  it('draws every operation from files on this site, with nothing refused by the policy', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    try {
      const problems = watchPolicy(page)
      // Blocked loads are reported by this event, whether or not the console mentions them.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content-Security-Policy refused ${e.violatedDirective} ${e.blockedURI}`),
        )
      })
      const requested: string[] = []
      page.on('request', (r) => requested.push(r.url()))
      const failed: string[] = []
      page.on('requestfailed', (r) => failed.push(r.url()))

      const res = await page.goto(`${server.url}/api/docs`, { waitUntil: 'networkidle' })
      expect(res?.status()).toBe(200)
      expect(await page.title()).toBe('Carrel API reference')
      await page.locator('.opblock').first().waitFor()

      await server.app.ready()
      const doc = server.app.swagger() as { paths: Record<string, Record<string, unknown>> }
      const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0)
      await expect.poll(() => page.locator('.opblock').count()).toBe(operations)

      // WCAG 2.1 AA, our colours included, except one rule Swagger UI's markup breaks on every
      // operation row (a copy button inside the row's toggle), which no stylesheet can mend.
      await expectAccessible(page, 'the API reference', ['nested-interactive'])

      // Trying an operation sends the request to this server, as the policy allows.
      const health = page.locator('.opblock', { hasText: '/healthz' })
      await health.locator('.opblock-summary').click()
      await health.getByRole('button', { name: 'Try it out' }).click()
      await health.getByRole('button', { name: 'Execute' }).click()
      await expect
        .poll(() =>
          health.locator('.live-responses-table tbody .response-col_status').first().textContent(),
        )
        .toMatch(/200/)

      expect(problems).toEqual([])
      expect(failed).toEqual([])
      expect(requested.length).toBeGreaterThan(4)
      for (const url of requested) expect(new URL(url).origin, url).toBe(server.url)
      expect(await page.context().cookies()).toEqual([])
      const stored = await page.evaluate(() => localStorage.length + sessionStorage.length)
      expect(stored).toBe(0)
    } finally {
      await context.close()
    }
  })
})
