// Daily circulation counts (P5) are kept for five years counted in whole days: the count for the
// day the period ends on is kept, the day before it is purged.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '24-017', item: String(100 + i) },
  ]),
)

describeEngines(
  'purging daily circulation counts (P5)',
  (env) => {
    it('keeps the count of the day the retention period ends on, and purges the day before', async () => {
      const { ctx } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      await ctx.db.deleteFrom('circulation_counts').execute()
      const cutoff = ctx.clock.now().getTime() - 5 * 365 * DAY
      const lastDay = new Date(cutoff).toISOString().slice(0, 10)
      const dayBefore = new Date(cutoff - DAY).toISOString().slice(0, 10)
      await ctx.db
        .insertInto('circulation_counts')
        .values(
          [lastDay, dayBefore].map((day, i) => ({
            id: `cc-${i}`,
            day,
            branch: 'main',
            item_type: 'book',
            patron_category: 'adult',
            event: 'checkout',
            count: 3,
          })),
        )
        .execute()
      const run = await runRetention(ctx, officer)
      expect(run.find((r) => r.series === 'loan-statistics')).toMatchObject({ disposed: 1 })
      const left = await ctx.db.selectFrom('circulation_counts').select('day').execute()
      expect(left.map((r) => r.day)).toEqual([lastDay])
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
