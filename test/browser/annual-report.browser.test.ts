import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  signedInStaffPage,
  startServer,
  type Server,
} from './browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: the annual report in Chromium', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    server.env.clock.set('2026-08-15T15:00:00.000Z')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it(
    'picks a fiscal year without script, shows the fields, prints without the navigation; axe on each state',
    { timeout: 60_000 },
    async () => {
      const { page, policy } = await signedInStaffPage(server, browser, 'librarian')
      await page.goto('/staff/statistics/annual')
      await page
        .getByRole('heading', { name: 'Annual report, fiscal year 2026', level: 1 })
        .waitFor()
      await expectAccessible(page, 'annual report')
      await page.getByLabel('Fiscal year').selectOption('2025')
      await page.getByRole('button', { name: 'Show' }).click()
      await page
        .getByRole('heading', { name: 'Annual report, fiscal year 2025', level: 1 })
        .waitFor()
      expect(page.url()).toContain('/staff/statistics/annual?year=2025')
      const row = page.getByRole('row', { name: /WIFISESS/ })
      expect(await row.textContent()).toContain('Not counted')
      await expect.poll(() => page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true)

      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.site-header').isVisible()).toBe(false)
      expect(await page.getByLabel('Fiscal year').isVisible()).toBe(false)
      expect(await page.getByRole('table').isVisible()).toBe(true)
      await page.emulateMedia({ media: 'screen' })

      await page.goto('/staff/statistics/annual?year=1850')
      await page.getByText('The year must be a four-digit year').first().waitFor()
      await expectAccessible(page, 'annual report, bad year')
      expect(policy).toEqual([])
    },
  )
})
