import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedActivity, START } from '../reports/seed-activity.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  signedInStaffPage,
  startServer,
  type Server,
} from './browser-harness.js'

// Staff pages are in English only, like the rest of the staff desk.
describe.skipIf(!chromiumPresent())('browser: library statistics in Chromium', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    await seedActivity(server.env)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it(
    'the form, the SVG charts beside their tables and the hidden counts, axe clean, with no script',
    { timeout: 120_000 },
    async () => {
      const { context, page, policy } = await signedInStaffPage(server, browser, 'librarian')
      await page.goto('/staff/statistics/library')
      await page.getByRole('heading', { name: 'Library statistics', level: 1 }).waitFor()
      await expectAccessible(page, 'library statistics, last 30 days')

      // The GET form, filled and sent without any script.
      await page.getByLabel('First day', { exact: true }).fill(START)
      await page.getByLabel('Last day', { exact: true }).fill('2026-03-15')
      await page.getByLabel('Group by').selectOption('week')
      await page.getByLabel('Break down by').selectOption('branch')
      await page.getByRole('button', { name: 'Show' }).click()
      await page.waitForURL(/grouping=week/)
      const loans = page.getByRole('img', { name: /^Loans: chart/ })
      await loans.waitFor()
      expect(await page.locator('figure svg').count()).toBeGreaterThan(5)
      await expect
        .poll(() => page.getByRole('cell', { name: 'hidden' }).count())
        .toBeGreaterThan(0)
      await expectAccessible(page, 'library statistics by week and branch')
      expect(policy).toEqual([])
      await context.close()
    },
  )
})
