// Visits, entries, exits and page-to-page transitions for a scripted day of two browsers, and a
// flush that fails: its counts wait in memory and land once, with the next flush.
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { MINUTE } from '../../src/clock.js'
import { withConfiguredClock } from '../../src/context.js'
import { markDemoDataDir } from '../../src/demo/demo-marker.js'
import { describeEngines } from '../harness/engines.js'
import { FIREFOX, hit, SAFARI, siteRows } from './website-fixtures.js'

describeEngines(
  'website statistics: visits and navigation',
  (env) => {
    it('counts two visits of one browser and one of another, with entries, exits and moves', async () => {
      const { ctx, clock } = env()
      clock.set('2026-04-07T09:00:00.000Z')
      const site = 'visits.example'
      const counter = await env().reopen()
      const a = { address: '203.0.113.7', headers: { userAgent: FIREFOX } }
      const b = { address: '198.51.100.9', headers: { userAgent: SAFARI } }
      counter.website.record(hit(site, '/', { ...a, referrer: 'https://search.example/?q=x' }))
      clock.advance(MINUTE)
      counter.website.record(hit(site, '/search', a))
      clock.advance(MINUTE)
      counter.website.record(hit(site, '/branches', a))
      clock.advance(MINUTE)
      counter.website.record(hit(site, '/search', b))
      // Still in memory: a flush writes views and entries, but no exit before a visit ends.
      await counter.website.flush()
      expect((await siteRows(ctx.statistics.db, site)).pages).toEqual([
        { path: '/', views: 1, visits: 1, entries: 1, exits: 0 },
        { path: '/branches', views: 1, visits: 1, entries: 0, exits: 0 },
        { path: '/search', views: 2, visits: 2, entries: 1, exits: 0 },
      ])
      clock.advance(37 * MINUTE) // 40 minutes after A's first view, 38 after its last
      counter.website.record(hit(site, '/search', a))
      await counter.close() // ends B's visit and A's second one
      expect(await siteRows(ctx.statistics.db, site)).toEqual({
        views: [
          { day: '2026-04-07', address: '203.0.113.0', path: '/', referrer_host: 'search.example' },
          { day: '2026-04-07', address: '203.0.113.0', path: '/search', referrer_host: null },
          { day: '2026-04-07', address: '203.0.113.0', path: '/branches', referrer_host: null },
          { day: '2026-04-07', address: '198.51.100.0', path: '/search', referrer_host: null },
          { day: '2026-04-07', address: '203.0.113.0', path: '/search', referrer_host: null },
        ],
        totals: [{ day: '2026-04-07', views: 5, visits: 3, visitors: 2 }],
        pages: [
          { path: '/', views: 1, visits: 1, entries: 1, exits: 0 },
          { path: '/branches', views: 1, visits: 1, entries: 0, exits: 1 },
          { path: '/search', views: 3, visits: 3, entries: 2, exits: 2 },
        ],
        referrers: [{ host: 'search.example', visits: 1 }],
        transitions: [
          { from_path: '/', to_path: '/search', count: 1 },
          { from_path: '/search', to_path: '/branches', count: 1 },
        ],
      })
    })

    it('ends every visit at UTC midnight and counts the new day’s visitors afresh', async () => {
      const { ctx, clock } = env()
      const site = 'midnight.example'
      clock.set('2026-04-08T23:55:00.000Z')
      const counter = await env().reopen()
      counter.website.record(hit(site, '/late'))
      clock.advance(10 * MINUTE)
      counter.website.record(hit(site, '/early'))
      await counter.close()
      const totals = await ctx.statistics.db
        .selectFrom('daily_totals')
        .select(['day', 'views', 'visits', 'visitors'])
        .where('site', '=', site)
        .orderBy('day')
        .execute()
      expect(totals).toEqual([
        { day: '2026-04-08', views: 1, visits: 1, visitors: 1 },
        { day: '2026-04-09', views: 1, visits: 1, visitors: 1 },
      ])
      const pages = await siteRows(ctx.statistics.db, site)
      expect(pages.pages).toEqual([
        { path: '/early', views: 1, visits: 1, entries: 1, exits: 1 },
        { path: '/late', views: 1, visits: 1, entries: 1, exits: 1 },
      ])
      expect(pages.transitions).toEqual([])
    })

    it('keeps the counts of a failed flush and writes them, once, with the next one', async () => {
      const { ctx, clock } = env()
      clock.set('2026-04-10T12:00:00.000Z')
      const site = 'retry.example'
      const counter = await env().reopen()
      try {
        counter.website.record(hit(site, '/one'))
        await sql`alter table page_views rename to page_views_away`.execute(ctx.statistics.db)
        try {
          await expect(counter.website.flush()).rejects.toThrow()
          counter.website.record(hit(site, '/two'))
        } finally {
          await sql`alter table page_views_away rename to page_views`.execute(ctx.statistics.db)
        }
        await counter.website.flush()
        const rows = await siteRows(ctx.statistics.db, site)
        expect(rows.views.map((v) => v.path)).toEqual(['/one', '/two'])
        expect(rows.totals).toEqual([{ day: '2026-04-10', views: 2, visits: 1, visitors: 1 }])
        expect(rows.transitions).toEqual([{ from_path: '/one', to_path: '/two', count: 1 }])
      } finally {
        await counter.close()
      }
    })

    it('counts a demo library’s views on its sandbox clock', async () => {
      const { ctx, clock, dataDir } = env()
      clock.set('2026-04-12T12:00:00.000Z')
      markDemoDataDir(dataDir, clock.now())
      const opened = await env().reopen({ clock: { offset: '40d' } })
      const demo = withConfiguredClock(opened)
      demo.website.record(hit('demo.example', '/later'))
      await opened.close()
      const rows = await siteRows(ctx.statistics.db, 'demo.example')
      expect(rows.totals.map((t) => t.day)).toEqual(['2026-05-22'])
    })
  },
  {
    statistics: {
      allowedSites: ['visits.example', 'midnight.example', 'retry.example', 'demo.example'],
    },
  },
)
