// Raw page views (with their truncated addresses) are disposed of on schedule by the job
// `statistics-sweep`, after statistics.rawDays; the daily counts stay.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { runJobNow } from '../../src/jobs/jobs.service.js'
import { describeEngines } from '../harness/engines.js'
import { hit, siteRows } from './website-fixtures.js'

const SITE = 'sweep.example'

describeEngines(
  'website statistics: raw views swept on schedule',
  (env) => {
    it('keeps single views for rawDays, then deletes them and keeps the daily counts', async () => {
      const { ctx, clock } = env()
      clock.set('2026-05-01T10:00:00.000Z')
      ctx.website.record(hit(SITE, '/old'))
      await ctx.website.flush()
      clock.set('2026-05-20T10:00:00.000Z')
      ctx.website.record(hit(SITE, '/newer', { address: '192.0.2.50' }))
      await ctx.website.flush()
      const run = async () => (await runJobNow(ctx, SYSTEM_ACTOR, 'statistics-sweep', 'cli')).counts

      clock.set('2026-05-31T10:00:00.000Z') // 30 days after the first view: still kept
      expect(await run()).toEqual({ pageViews: 0 })
      clock.advance(DAY)
      expect(await run()).toEqual({ pageViews: 1 })
      const rows = await siteRows(ctx.statistics.db, SITE)
      expect(rows.views.map((v) => v.path)).toEqual(['/newer'])
      expect(rows.totals).toEqual([
        { day: '2026-05-01', views: 1, visits: 1, visitors: 1 },
        { day: '2026-05-20', views: 1, visits: 1, visitors: 1 },
      ])
      expect(rows.pages.map((p) => [p.path, p.views])).toEqual([
        ['/newer', 1],
        ['/old', 1],
      ])
      expect(await run()).toEqual({ pageViews: 0 })
    })

    it('follows a shorter configured period', async () => {
      const { clock } = env()
      const short = await env().reopen({ statistics: { rawDays: 3 } })
      try {
        clock.set('2026-07-01T10:00:00.000Z')
        short.website.record(hit(SITE, '/brief'))
        await short.website.flush()
        clock.set('2026-07-05T10:00:00.000Z')
        const { counts } = await runJobNow(short, SYSTEM_ACTOR, 'statistics-sweep', 'cli')
        // The view of 1 July and the one of 20 May left by the test above.
        expect(counts).toEqual({ pageViews: 2 })
        expect((await siteRows(short.statistics.db, SITE)).views).toEqual([])
      } finally {
        await short.close()
      }
    })
  },
  { statistics: { allowedSites: [SITE] } },
)
