// A legal hold (P5) on one series stops purges of that series only: it does not hold back any
// patron's records in other series. A hold names a patron the library has, and placing and lifting
// it are audited with the hold and what it covers.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import {
  liftLegalHold,
  listLegalHolds,
  placeLegalHold,
} from '../../src/privacy/retention/legal-holds.service.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '24-017', item: String(100 + i) },
  ]),
)

describeEngines(
  'what a legal hold covers (P5)',
  (env) => {
    it("a hold on one series leaves patrons' records in other series to be purged when due", async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      await ctx.db.deleteFrom('card_ledger').execute()
      const longAgo = new Date(ctx.clock.now().getTime() - 4 * 365 * DAY).toISOString()
      await ctx.db
        .insertInto('card_ledger')
        .values(
          ['cl-1', 'cl-2'].map((id) => ({
            id,
            patron_id: p.id,
            amount_cents: 100,
            reason: 'Replacement card',
            staff_id: null,
            created_at: longAgo,
          })),
        )
        .execute()
      await placeLegalHold(ctx, officer, { series: 'notices', reason: 'Records request pending' })
      const run = await runRetention(ctx, officer)
      expect(run.find((r) => r.series === 'notices')).toMatchObject({ state: 'held', disposed: 0 })
      expect(run.find((r) => r.series === 'card-ledger')).toMatchObject({
        state: 'due',
        disposed: 2,
      })
      expect(await ctx.db.selectFrom('card_ledger').select('id').execute()).toEqual([])
    })

    it('refuses a hold on a patron the library does not have, and stores nothing', async () => {
      const { ctx } = env()
      await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const before = (await listLegalHolds(ctx, officer)).length
      await expect(
        placeLegalHold(ctx, officer, {
          patronId: '00000000-0000-4000-8000-000000000000',
          reason: 'Subpoena received',
        }),
      ).rejects.toMatchObject({ code: 'PATRON_NOT_FOUND' })
      expect(await listLegalHolds(ctx, officer)).toHaveLength(before)
    })

    it('audits placing and lifting a hold with the hold, its series or patron', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      const onSeries = await placeLegalHold(ctx, officer, { series: 'fees', reason: 'Audit' })
      const onPatron = await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Order' })
      await liftLegalHold(ctx, officer, onPatron.id)
      const entries = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'patron_id', 'detail'])
        .where('action', 'like', 'legal_hold.%')
        .orderBy('seq')
        .execute()
      const mine = entries
        .map((e) => ({ ...e, detail: JSON.parse(e.detail) as { holdId?: string } }))
        .filter((e) => e.detail.holdId === onSeries.id || e.detail.holdId === onPatron.id)
      expect(mine).toEqual([
        {
          action: 'legal_hold.place',
          patron_id: null,
          detail: { holdId: onSeries.id, series: 'fees' },
        },
        {
          action: 'legal_hold.place',
          patron_id: p.id,
          detail: { holdId: onPatron.id, series: 'patron' },
        },
        { action: 'legal_hold.lift', patron_id: p.id, detail: { holdId: onPatron.id } },
      ])
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
