import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees, takePayment } from '../../src/circulation/fees.service.js'
import { placeHold, cancelHold } from '../../src/circulation/holds.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { INVENTORY } from '../../src/privacy/inventory.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { liftLegalHold, placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { SCHEDULE } from '../../src/privacy/retention/schedule.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '24-017', item: String(100 + i) },
  ]),
)

it('gives every series in the data inventory a schedule entry with a disposal method', () => {
  const used = new Set(
    Object.values(INVENTORY).flatMap((t) => Object.values(t.columns).map((c) => c.retention)),
  )
  for (const series of used) expect(SCHEDULE[series], series).toMatchObject({ series })
})

describeEngines(
  'retention sweeps (P5)',
  (env) => {
    it('purges each series exactly when due, idempotently, and writes content-free disposal records', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
      const officer = await staffActor(ctx, 'privacy_officer')
      const { record, items } = await lib.title([{}, {}])
      const p = await lib.patron()
      await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })
      clock.advance(10 * DAY)
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      await takePayment(ctx, lib.desk, p.id, {
        amountCents: (await listFees(ctx, lib.desk, p.id)).owedCents,
        method: 'cash',
      })
      const hold = await placeHold(ctx, lib.desk, {
        patronId: p.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      await cancelHold(ctx, lib.desk, hold.id)

      const due = async () =>
        Object.fromEntries((await previewRetention(ctx, officer)).map((r) => [r.series, r.due]))
      const before = await due()
      expect(before.holds).toBe(0)
      expect(before.fees).toBe(0)

      clock.advance(29 * DAY)
      expect((await due()).holds).toBe(0)
      clock.advance(2 * DAY)
      expect((await due()).holds).toBeGreaterThanOrEqual(1)
      const first = await runRetention(ctx, officer)
      expect(first.find((r) => r.series === 'holds')?.disposed).toBeGreaterThanOrEqual(1)
      expect(
        await ctx.db.selectFrom('holds').select('id').where('id', '=', hold.id).execute(),
      ).toEqual([])
      const again = await runRetention(ctx, officer)
      expect(again.find((r) => r.series === 'holds')?.disposed).toBe(0)

      // Settled fines and payments: three years after settlement, not a day before.
      clock.advance(3 * 365 * DAY - 40 * DAY)
      await runRetention(ctx, officer)
      expect(
        await ctx.db.selectFrom('fees').select('id').where('patron_id', '=', p.id).execute(),
      ).toHaveLength(1)
      clock.advance(10 * DAY)
      await runRetention(ctx, officer)
      expect(
        await ctx.db.selectFrom('fees').select('id').where('patron_id', '=', p.id).execute(),
      ).toHaveLength(0)
      expect(
        await ctx.db
          .selectFrom('fee_payments')
          .select('id')
          .where('patron_id', '=', p.id)
          .execute(),
      ).toHaveLength(0)

      const disposals = await ctx.db.selectFrom('disposal_records').selectAll().execute()
      expect(disposals.map((d) => d.series)).toEqual(
        expect.arrayContaining(['holds', 'fees', 'payments']),
      )
      for (const d of disposals) {
        expect(d.authority).toMatch(/^Application 24-017, item \d+$/)
        expect(d.covered_from <= d.covered_to).toBe(true)
        expect(d.count).toBeGreaterThan(0)
      }
      const text = JSON.stringify(disposals)
      for (const secret of [p.id, p.barcode, record.title, items[0]!.barcode, items[0]!.id])
        expect(text).not.toContain(secret)
    })

    it('sweeps a backlog larger than one batch, batch after batch, under one disposal record', async () => {
      const { ctx, clock } = env()
      const small = await env().reopen({ retention: { batchSize: 100 } })
      const officer = await staffActor(ctx, 'privacy_officer')
      const old = new Date(clock.now().getTime() - 3 * DAY).toISOString()
      const rows = Array.from({ length: 250 }, (_, i) => ({
        id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        subject: `s${i % 7}`,
        failed_at: old,
      }))
      await ctx.db.insertInto('pin_failures').values(rows).execute()
      const run = await runRetention(small, officer)
      expect(run.find((r) => r.series === 'pin-failures')?.disposed).toBe(250)
      expect(
        await ctx.db.selectFrom('pin_failures').select('id').where('failed_at', '=', old).execute(),
      ).toEqual([])
      const records = await ctx.db
        .selectFrom('disposal_records')
        .selectAll()
        .where('series', '=', 'pin-failures')
        .execute()
      expect(records.map((r) => r.count)).toContain(250)
    })

    it('leaves a held series and a held patron alone until the hold is lifted', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const { record } = await lib.title()
      const a = await lib.patron()
      const b = await lib.patron()
      const ha = await placeHold(ctx, lib.desk, {
        patronId: a.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      const hb = await placeHold(ctx, lib.desk, {
        patronId: b.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      await cancelHold(ctx, lib.desk, ha.id)
      await cancelHold(ctx, lib.desk, hb.id)
      await setReadingHistory(ctx, lib.desk, a.id, true)
      const seriesHold = await placeLegalHold(ctx, officer, {
        series: 'holds',
        reason: 'Litigation notice 2026-14',
      })
      await expect(
        placeLegalHold(ctx, lib.desk, { series: 'holds', reason: 'x'.repeat(5) }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      clock.advance(40 * DAY)
      const run = await runRetention(ctx, officer)
      expect(run.find((r) => r.series === 'holds')).toMatchObject({ state: 'held', disposed: 0 })
      expect(
        await ctx.db.selectFrom('holds').select('id').where('id', 'in', [ha.id, hb.id]).execute(),
      ).toHaveLength(2)
      await liftLegalHold(ctx, officer, seriesHold.id)
      await runRetention(ctx, officer)
      expect(
        await ctx.db.selectFrom('holds').select('id').where('id', 'in', [ha.id, hb.id]).execute(),
      ).toHaveLength(0)
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['legal_hold.place', 'legal_hold.lift'])
        .execute()
      expect(audit.map((r) => r.action)).toEqual(['legal_hold.place', 'legal_hold.lift'])
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)

describeEngines('retention without authority', (env) => {
  it('never purges a series the library has no disposal authority for', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const a = await lib.patron()
    const h = await placeHold(ctx, lib.desk, {
      patronId: a.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await cancelHold(ctx, lib.desk, h.id)
    clock.advance(400 * DAY)
    const officer = await staffActor(ctx, 'privacy_officer')
    const preview = await previewRetention(ctx, officer)
    expect(preview.find((r) => r.series === 'holds')).toMatchObject({
      state: 'no-authority',
      authority: null,
    })
    expect((preview.find((r) => r.series === 'holds')?.due ?? 0) >= 1).toBe(true)
    await runRetention(ctx, officer)
    expect(
      await ctx.db.selectFrom('holds').select('id').where('id', '=', h.id).execute(),
    ).toHaveLength(1)
    expect(await ctx.db.selectFrom('disposal_records').select('id').execute()).toEqual([])
  })
})
