// The website report's read queries over the statistics store's daily tables, seeded by hand so
// every expected number is known: sums per range and site, grouping into days, weeks (from Monday)
// and months with empty periods kept, the lists ranked, and page moves summed into sections.
import { beforeAll, expect, it } from 'vitest'
import { sectionFlows } from '../../src/analytics/report-flows.js'
import {
  countedSites,
  edgePages,
  topPages,
  topReferrers,
  websiteSeries,
  websiteTotals,
} from '../../src/analytics/reports.js'
import { describeEngines } from '../harness/engines.js'
import { SITE, seedStatistics } from './statistics-seed.js'

const OTHER = 'branch.example.org'

describeEngines('website statistics: the report queries', (env) => {
  beforeAll(async () => {
    await seedStatistics(env().ctx.statistics.db, [
      {
        day: '2026-10-30', // a Friday
        totals: [40, 12, 9],
        pages: [
          ['/', 20, 10, 8, 2],
          ['/catalog/search', 15, 6, 2, 5],
          ['/catalog/item/7', 5, 3, 0, 3],
        ],
        referrers: [
          ['duckduckgo.com', 4],
          ['news.example.com', 1],
        ],
        transitions: [
          ['/', '/catalog/search', 6],
          ['/catalog/search', '/catalog/item/7', 3],
          ['/catalog/item/7', '/', 1],
        ],
      },
      { day: '2026-10-31', totals: [10, 3, 3], pages: [['/', 10, 3, 3, 3]] },
      // 2026-11-01, a Sunday, counted nothing.
      {
        day: '2026-11-02', // a Monday
        totals: [7, 5, 4],
        pages: [['/events', 7, 5, 5, 5]],
        referrers: [['duckduckgo.com', 2]],
        transitions: [['/events', '/events/story-time', 2]],
      },
      {
        day: '2026-11-02',
        site: OTHER,
        totals: [100, 50, 40],
        pages: [['/', 100, 50, 50, 50]],
        referrers: [['search.example', 30]],
        transitions: [['/', '/hours', 9]],
      },
      // Outside the ranges asked for below: must never be counted.
      {
        day: '2026-11-04',
        totals: [1000, 1000, 1000],
        pages: [['/', 1000, 1000, 1000, 1000]],
        transitions: [['/', '/catalog', 1000]],
      },
    ])
  })

  const range = { from: '2026-10-30', to: '2026-11-03', site: SITE }

  it('sums views, visits and visitors over a range, for one site or all', async () => {
    const db = env().ctx.statistics.db
    expect(await websiteTotals(db, '2026-10-30', '2026-11-03')).toEqual({
      views: 157,
      visits: 70,
      visitors: 56,
    })
    expect(await websiteTotals(db, '2026-10-30', '2026-11-03', SITE)).toEqual({
      views: 57,
      visits: 20,
      visitors: 16,
    })
    // Both ends are included; a range with nothing counted is zeros, not an error.
    expect(await websiteTotals(db, '2026-10-31', '2026-10-31')).toEqual({
      views: 10,
      visits: 3,
      visitors: 3,
    })
    expect(await websiteTotals(db, '2025-01-01', '2025-12-31')).toEqual({
      views: 0,
      visits: 0,
      visitors: 0,
    })
    expect(await countedSites(db)).toEqual([OTHER, SITE])
  })

  it('groups by day, with days that counted nothing kept as zeros', async () => {
    const series = await websiteSeries(env().ctx.statistics.db, range, 'day')
    expect(series).toEqual([
      { period: '2026-10-30', views: 40, visits: 12, visitors: 9 },
      { period: '2026-10-31', views: 10, visits: 3, visitors: 3 },
      { period: '2026-11-01', views: 0, visits: 0, visitors: 0 },
      { period: '2026-11-02', views: 7, visits: 5, visitors: 4 },
      { period: '2026-11-03', views: 0, visits: 0, visitors: 0 },
    ])
  })

  it('groups by week (named by its Monday) and by month, every site summed when none is chosen', async () => {
    const db = env().ctx.statistics.db
    const all = { from: range.from, to: range.to }
    expect(await websiteSeries(db, all, 'week')).toEqual([
      { period: '2026-10-26', views: 50, visits: 15, visitors: 12 },
      { period: '2026-11-02', views: 107, visits: 55, visitors: 44 },
    ])
    expect(await websiteSeries(db, all, 'month')).toEqual([
      { period: '2026-10', views: 50, visits: 15, visitors: 12 },
      { period: '2026-11', views: 107, visits: 55, visitors: 44 },
    ])
  })

  it('ranks pages by visits, and entry and exit pages by visits that began or ended there', async () => {
    const db = env().ctx.statistics.db
    expect(await topPages(db, range, 10)).toEqual([
      { path: '/', views: 30, visits: 13 },
      { path: '/catalog/search', views: 15, visits: 6 },
      { path: '/events', views: 7, visits: 5 },
      { path: '/catalog/item/7', views: 5, visits: 3 },
    ])
    expect(await topPages(db, range, 2)).toHaveLength(2)
    expect(await edgePages(db, range, 'entries', 10)).toEqual([
      { label: '/', count: 11 },
      { label: '/events', count: 5 },
      { label: '/catalog/search', count: 2 },
    ])
    expect(await edgePages(db, range, 'exits', 10)).toEqual([
      { label: '/', count: 5 },
      { label: '/catalog/search', count: 5 },
      { label: '/events', count: 5 },
      { label: '/catalog/item/7', count: 3 },
    ])
  })

  it('ranks the sites visits came from', async () => {
    const db = env().ctx.statistics.db
    expect(await topReferrers(db, range, 10)).toEqual([
      { label: 'duckduckgo.com', count: 6 },
      { label: 'news.example.com', count: 1 },
    ])
    expect(await topReferrers(db, { from: range.from, to: range.to }, 1)).toEqual([
      { label: 'search.example', count: 30 },
    ])
  })

  it('sums page-to-page moves into moves between sections, the home page being /', async () => {
    const db = env().ctx.statistics.db
    expect(await sectionFlows(db, range, 10)).toEqual([
      { from: '/', to: '/catalog', count: 6 },
      { from: '/catalog', to: '/catalog', count: 3 },
      { from: '/events', to: '/events', count: 2 },
      { from: '/catalog', to: '/', count: 1 },
    ])
    expect(await sectionFlows(db, { from: range.from, to: range.to }, 2)).toEqual([
      { from: '/', to: '/hours', count: 9 },
      { from: '/', to: '/catalog', count: 6 },
    ])
  })
})
