// A disposal record (P5) states the dates the disposed records covered: from the oldest to the
// newest, however the sweep's batches happened to walk them. The preview says which series are
// kept for good and how many records of a series are due.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import {
  listDisposals,
  previewRetention,
  runRetention,
} from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '24-017', item: String(100 + i) },
  ]),
)

/**
 * Failed PIN checks, in key order, dated this many days ago: the key order is not the date order.
 * With batches of 100, the first batch spans days 5 to 3 ago, the second 9 to 2, the last day 7.
 */
const DAYS_AGO = [
  ...Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 5 : 3)),
  ...Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 9 : 2)),
  7,
]

async function failedPinChecks(ctx: AppContext): Promise<{ oldest: string; newest: string }> {
  await ctx.db.deleteFrom('pin_failures').execute()
  const now = ctx.clock.now().getTime()
  const dated = DAYS_AGO.map((d) => new Date(now - d * DAY).toISOString())
  await ctx.db
    .insertInto('pin_failures')
    .values(
      dated.map((failed_at, i) => ({
        id: `pf-${String(i).padStart(3, '0')}`,
        subject: `card-${i}`,
        failed_at,
      })),
    )
    .execute()
  const days = dated.map((d) => d.slice(0, 10)).sort()
  return { oldest: days[0] as string, newest: days[days.length - 1] as string }
}

async function pinDisposal(ctx: AppContext) {
  const officer = await staffActor(ctx, 'privacy_officer')
  const run = await runRetention(ctx, officer)
  expect(run.find((r) => r.series === 'pin-failures')).toMatchObject({
    state: 'due',
    disposed: DAYS_AGO.length,
  })
  const records = (await listDisposals(ctx, officer)).filter((d) => d.series === 'pin-failures')
  expect(records).toHaveLength(1)
  return records[0]
}

describeEngines(
  'the dates a disposal record covers, in batches (P5)',
  (env) => {
    it('covers from the oldest to the newest record disposed of, across many batches', async () => {
      const { ctx } = env()
      const { oldest, newest } = await failedPinChecks(ctx)
      expect(await pinDisposal(ctx)).toMatchObject({
        count: DAYS_AGO.length,
        covered_from: oldest,
        covered_to: newest,
      })
    })
  },
  { retention: { authorities: ALL_AUTHORITIES, batchSize: 100 } },
)

describeEngines(
  'the dates a disposal record covers, and the preview (P5)',
  (env) => {
    it('covers from the oldest to the newest record disposed of in one batch', async () => {
      const { ctx } = env()
      const { oldest, newest } = await failedPinChecks(ctx)
      expect(await pinDisposal(ctx)).toMatchObject({
        count: DAYS_AGO.length,
        covered_from: oldest,
        covered_to: newest,
      })
    })

    it('previews the series kept for good as kept, and counts what else is due', async () => {
      const { ctx } = env()
      await failedPinChecks(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const preview = await previewRetention(ctx, officer)
      const stateOf = (series: string) => preview.find((p) => p.series === series)
      for (const series of ['disposal-records', 'library-setup', 'catalogue', 'system'])
        expect(stateOf(series), series).toMatchObject({ state: 'kept', due: 0 })
      expect(stateOf('pin-failures')).toMatchObject({ state: 'due', due: DAYS_AGO.length })
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
