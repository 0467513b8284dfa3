import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStatistics, SITE } from '../analytics/statistics-seed.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  signedInStaffPage,
  startServer,
  type Server,
} from './browser-harness.js'

/**
 * The staff statistics pages a librarian opens, with the charts and tables each must show. The
 * library and annual reports add their pages to this list.
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
})
