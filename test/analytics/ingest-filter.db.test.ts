// What is never counted, and what a counted view keeps: GPC and DNT browsers, robots and
// prefetches leave no row at all; addresses are cut to their network, query strings and
// fragments dropped, and only another site's host kept as the referrer.
import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { hit, siteRows } from './website-fixtures.js'

const SITES = ['gpc.example', 'bot.example', 'ip.example', 'q.example', 'ref.example', 'x.example']

describeEngines(
  'website statistics: what is counted',
  (env) => {
    it('counts nothing for Global Privacy Control, Do Not Track, robots or prefetches', async () => {
      const { ctx } = env()
      const site = 'gpc.example'
      expect(ctx.website.record(hit(site, '/', { headers: { gpc: '1' } }))).toBe('gpc')
      expect(ctx.website.record(hit(site, '/', { headers: { dnt: '1' } }))).toBe('dnt')
      const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
      expect(ctx.website.record(hit(site, '/', { headers: { userAgent: bot } }))).toBe('bot')
      expect(ctx.website.record(hit(site, '/', { headers: { userAgent: '' } }))).toBe('bot')
      expect(ctx.website.record(hit(site, '/', { headers: { secPurpose: 'prefetch' } }))).toBe(
        'prefetch',
      )
      expect(ctx.website.record(hit(site, '/', { headers: { purpose: 'prefetch' } }))).toBe(
        'prefetch',
      )
      await ctx.website.flush()
      expect(await siteRows(ctx.statistics.db, site)).toEqual({
        views: [],
        totals: [],
        pages: [],
        referrers: [],
        transitions: [],
      })
      // The same request without the signal is counted: the filter, not the site, said no.
      expect(ctx.website.record(hit(site, '/'))).toBe('counted')
      await ctx.website.flush()
      expect((await siteRows(ctx.statistics.db, site)).views).toHaveLength(1)
    })

    it('counts GPC and DNT browsers only where the library switched honouring off', async () => {
      const { ctx } = env()
      const relaxed = await env().reopen({ statistics: { honourGpc: false, honourDnt: false } })
      try {
        expect(relaxed.website.record(hit('bot.example', '/a', { headers: { gpc: '1' } }))).toBe(
          'counted',
        )
        expect(relaxed.website.record(hit('bot.example', '/b', { headers: { dnt: '1' } }))).toBe(
          'counted',
        )
      } finally {
        await relaxed.close()
      }
      expect((await siteRows(ctx.statistics.db, 'bot.example')).views).toHaveLength(2)
    })

    it('stores IPv4 and IPv6 addresses truncated to /24 and /48', async () => {
      const { ctx } = env()
      const site = 'ip.example'
      ctx.website.record(hit(site, '/v4', { address: '198.51.100.213' }))
      ctx.website.record(hit(site, '/v6', { address: '2001:db8:1:2:3:4:5:6' }))
      ctx.website.record(hit(site, '/mapped', { address: '::ffff:192.0.2.99' }))
      await ctx.website.flush()
      const stored = (await siteRows(ctx.statistics.db, site)).views.map((v) => [v.path, v.address])
      expect(stored.sort()).toEqual([
        ['/mapped', '192.0.2.0'],
        ['/v4', '198.51.100.0'],
        ['/v6', '2001:db8:1::'],
      ])
    })

    it('drops query strings (but allow-listed parameters) and fragments, and decodes paths', async () => {
      const { ctx } = env()
      const site = 'q.example'
      ctx.website.record(hit(site, '/search?q=my+secret+illness&page=2#results'))
      ctx.website.record(hit(site, '/events%20calendar?utm_source=mail'))
      ctx.website.record(hit(site, '/bad%E0%A4%A'))
      await ctx.website.flush()
      const paths = (await siteRows(ctx.statistics.db, site)).pages.map((p) => p.path)
      expect(paths.sort()).toEqual(['/bad%E0%A4%A', '/events calendar', '/search?page=2'])
    })

    it('keeps only the host of a referring page, and only when it is another site', async () => {
      const { ctx } = env()
      const site = 'ref.example'
      ctx.website.record(
        hit(site, '/', {
          referrer: 'https://www.example.org/blog/post?id=7',
          address: '192.0.2.1',
        }),
      )
      ctx.website.record(
        hit(site, '/hours', { referrer: `https://${site}/`, address: '192.0.2.2' }),
      )
      ctx.website.record(hit(site, '/x', { referrer: 'not a url', address: '192.0.2.3' }))
      await ctx.website.flush()
      const rows = await siteRows(ctx.statistics.db, site)
      expect(rows.views.map((v) => v.referrer_host).sort()).toEqual([null, null, 'www.example.org'])
      expect(rows.referrers).toEqual([{ host: 'www.example.org', visits: 1 }])
    })

    it('counts only the allowed sites, and nothing at all when switched off', async () => {
      const { ctx } = env()
      expect(ctx.website.record(hit('elsewhere.example', '/'))).toBe('site')
      expect(ctx.website.record({ ...hit('x.example', '/'), url: 'ftp://x.example/' })).toBe('site')
      expect(ctx.website.record(hit('x.example', '/', { address: 'not-an-address' }))).toBe(
        'address',
      )
      const off = await env().reopen({ statistics: { enabled: false } })
      try {
        expect(off.website.record(hit('x.example', '/'))).toBe('off')
      } finally {
        await off.close()
      }
      await ctx.website.flush()
      const stored = await ctx.statistics.db.selectFrom('page_views').select('site').execute()
      expect(stored.map((r) => r.site)).not.toContain('elsewhere.example')
      expect(stored.map((r) => r.site)).not.toContain('x.example')
    })
  },
  { statistics: { allowedSites: SITES, queryAllowList: ['page'] } },
)
