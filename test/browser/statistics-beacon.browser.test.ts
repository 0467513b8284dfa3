// The statistics script and pixel in a real browser: a visitor's views are counted through the
// beacon (script on) and through the <noscript> pixel (script off), with no report against the
// page's security policy, no cookie and no storage; a GPC browser and an automated one send
// nothing; the public pages that carry them stay axe clean in English and Spanish.
import { createServer, type AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildHttpApp } from '../../src/http/app.js'
import { createTestEnv, type TestEnv } from '../harness/engines.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  watchPolicy,
} from './browser-harness.js'

/** What a person's Chrome says (Playwright's headless one names itself, and robots are not counted). */
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36'

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

describe.skipIf(!chromiumPresent())('browser: website statistics in Chromium', () => {
  let env: TestEnv
  let app: Awaited<ReturnType<typeof buildHttpApp>>
  let browser: Browser
  let url: string

  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    env = await createTestEnv('sqlite', { http: { publicUrl: url } })
    app = await buildHttpApp(env.ctx)
    await app.listen({ port, host: '127.0.0.1' })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await env?.close()
  })

  const viewedPaths = async () => {
    await env.ctx.website.flush()
    const rows = await env.ctx.statistics.db.selectFrom('page_views').select('path').execute()
    return rows.map((r) => r.path).sort()
  }

  it(
    'counts views through the beacon and, without script, the pixel',
    { timeout: 60_000 },
    async () => {
      // A person's browser (Playwright's marks itself as automated, which the script respects).
      const person = await browser.newContext({ baseURL: url, userAgent: CHROME })
      await person.addInitScript(() =>
        Object.defineProperty(navigator, 'webdriver', { get: () => false }),
      )
      const page = await person.newPage()
      const policy = watchPolicy(page)
      const beacon = page.waitForRequest((r) => r.url().endsWith('/statistics/event'))
      await page.goto('/branches?name=secret')
      await beacon
      await expectAccessible(page, 'public page with the statistics script')
      await page.goto('/es/')
      await expectAccessible(page, 'Spanish public page with the statistics script')
      expect(
        await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]),
      ).toEqual(['', 0, 0])
      expect(await person.cookies()).toEqual([])
      expect(policy).toEqual([])
      await person.close()
      await expect.poll(viewedPaths).toEqual(['/branches', '/es/'])

      const noScript = await browser.newContext({
        baseURL: url,
        userAgent: CHROME,
        javaScriptEnabled: false,
      })
      const quiet = await noScript.newPage()
      const pixel = quiet.waitForResponse((r) => r.url().includes('/statistics/pixel.gif'))
      await quiet.goto('/privacy')
      expect((await pixel).status()).toBe(200)
      await noScript.close()
      await expect.poll(viewedPaths).toEqual(['/branches', '/es/', '/privacy'])
    },
  )

  it(
    'sends nothing from a browser with Global Privacy Control, or an automated one',
    { timeout: 60_000 },
    async () => {
      const before = await viewedPaths()
      const gpc = await browser.newContext({ baseURL: url, userAgent: CHROME })
      await gpc.addInitScript(() => {
        Object.defineProperty(navigator, 'webdriver', { get: () => false })
        Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true })
      })
      const robot = await browser.newContext({ baseURL: url })
      const sent: string[] = []
      for (const context of [gpc, robot]) {
        const page = await context.newPage()
        page.on('request', (r) => {
          if (r.url().includes('/statistics/event')) sent.push(r.url())
        })
        await page.goto('/wifi')
        await page.waitForLoadState('networkidle')
        await context.close()
      }
      expect(sent).toEqual([])
      expect(await viewedPaths()).toEqual(before)
    },
  )
})
