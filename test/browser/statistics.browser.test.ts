import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStatistics, SITE } from '../analytics/statistics-seed.js'
import { seedActivity, START } from '../reports/seed-activity.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  signedInStaffPage,
  startServer,
  type Server,
} from './browser-harness.js'
import { DESKTOP, overflow, PHONE } from './every-page.js'

/**
 * The staff statistics pages a librarian opens, with the charts and tables each must show; the
 * library and annual reports get a test each below, on the same server. Staff pages are in
 * English only, like the rest of the staff desk.
 */
const PAGES: { path: string; heading: string; charts: number; tables: number }[] = [
  { path: '/staff/statistics', heading: 'Statistics', charts: 0, tables: 0 },
  {
    path: '/staff/statistics/website?from=2026-10-01&to=2026-11-30&grouping=week',
    heading: 'Website statistics',
    charts: 5,
    tables: 6,
  },
]

describe.skipIf(!chromiumPresent())('browser: the staff statistics pages in Chromium', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    await seedStatistics(server.env.ctx.statistics.db, [
      {
        day: '2026-10-05',
        totals: [120, 40, 31],
        pages: [
          ['/', 60, 30, 25, 10],
          ['/catalog/search', 50, 20, 10, 20],
          ['/events', 10, 6, 5, 10],
        ],
        referrers: [['duckduckgo.com', 12]],
        transitions: [
          ['/', '/catalog/search', 18],
          ['/catalog/search', '/events', 6],
        ],
      },
      { day: '2026-10-20', site: SITE, totals: [80, 30, 22], pages: [['/', 80, 30, 30, 30]] },
      { day: '2026-11-12', totals: [3, 2, 2], pages: [['/hours', 3, 2, 2, 2]] },
    ])
    await seedActivity(server.env)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it(
    'every page shows its SVG charts and tables, passes axe, and keeps to the security policy',
    { timeout: 120_000 },
    async () => {
      const { context, page, policy } = await signedInStaffPage(server, browser, 'librarian')
      await page.getByRole('link', { name: 'Statistics' }).first().click()
      await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor()
      for (const p of PAGES) {
        await page.goto(p.path)
        await page.getByRole('heading', { name: p.heading, level: 1 }).waitFor()
        expect({
          path: p.path,
          charts: await page.locator('figure svg[role=img]').count(),
        }).toEqual({
          path: p.path,
          charts: p.charts,
        })
        expect({ path: p.path, tables: await page.locator('table').count() }).toEqual({
          path: p.path,
          tables: p.tables,
        })
        await expectAccessible(page, p.path)
        // On a phone, charts shrink to the screen and tables stack: nothing scrolls sideways.
        await page.setViewportSize(PHONE)
        expect({ path: p.path, overflow: await overflow(page) }).toEqual({
          path: p.path,
          overflow: 0,
        })
        await expectAccessible(page, `${p.path} (phone)`)
        await page.setViewportSize(DESKTOP)
      }

      // The form works without script: a refused range comes back with the message, still accessible.
      await page.goto('/staff/statistics/website')
      await page.getByLabel('From', { exact: true }).fill('2026-12-01')
      await page.getByLabel('To', { exact: true }).fill('2026-11-01')
      await page.getByRole('button', { name: 'Show' }).click()
      await page.getByRole('alert').getByText('The start date is after the end date.').waitFor()
      await expectAccessible(page, 'refused website report')
      await page.getByLabel('From', { exact: true }).fill('2026-10-01')
      await page.getByLabel('To', { exact: true }).fill('2026-11-30')
      await page.getByLabel('Group by', { exact: true }).selectOption('month')
      await page.getByRole('button', { name: 'Show' }).click()
      await page
        .getByRole('cell', { name: '2026-11' })
        .or(page.getByRole('rowheader', { name: '2026-11' }))
        .first()
        .waitFor()
      expect(await page.locator('figure svg[role=img]').count()).toBe(5)

      expect(policy).toEqual([])
      await context.close()
    },
  )

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
      await expect.poll(() => page.getByRole('cell', { name: 'hidden' }).count()).toBeGreaterThan(0)
      await expectAccessible(page, 'library statistics by week and branch')
      expect(policy).toEqual([])
      await context.close()
    },
  )

  it(
    'picks a fiscal year without script, shows the fields, prints without the navigation; axe on each state',
    { timeout: 60_000 },
    async () => {
      // The fiscal year that ended in June 2026 is the default one in August.
      server.env.clock.set('2026-08-15T15:00:00.000Z')
      const { context, page, policy } = await signedInStaffPage(server, browser, 'librarian')
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
      await context.close()
    },
  )
})
