import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees, takePayment } from '../../src/circulation/fees.service.js'
import { placeHold, cancelHold } from '../../src/circulation/holds.service.js'
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
      // The copy comes back and is set aside: a hold-ready notice is queued for the patron.
      await checkin(ctx, lib.desk, { itemBarcode: items[1]!.barcode, branch: 'main' })
      await cancelHold(ctx, lib.desk, hold.id)
      const notices = () =>
        ctx.db.selectFrom('notice_outbox').select('id').where('patron_id', '=', p.id).execute()
      expect(await notices()).toHaveLength(1)

      const due = async () =>
        Object.fromEntries((await previewRetention(ctx, officer)).map((r) => [r.series, r.due]))
      // Settled and cancelled things were forgotten at once; nothing of them waits for a sweep.
      const before = await due()
      for (const series of ['holds', 'fees', 'payments', 'loan-link', 'notices'])
        expect(before[series], series).toBe(0)

      // A notice, sent or not, is kept 30 days after it was queued and not a day more.
      clock.advance(29 * DAY)
      expect((await due()).notices).toBe(0)
      clock.advance(2 * DAY)
      expect((await due()).notices).toBeGreaterThanOrEqual(1)
      const first = await runRetention(ctx, officer)
      expect(first.find((r) => r.series === 'notices')?.disposed).toBeGreaterThanOrEqual(1)
      expect(await notices()).toEqual([])
      const again = await runRetention(ctx, officer)
      expect(again.find((r) => r.series === 'notices')?.disposed).toBe(0)

      // Monthly money totals: three years after their month ends, not a day before.
      const month = (await ctx.db.selectFrom('fee_counts').select('month').execute()).map(
        (r) => r.month,
      )
      expect(month.length).toBeGreaterThan(0)
      const totals = () =>
        ctx.db.selectFrom('fee_counts').select('id').where('month', 'in', month).execute()
      clock.advance(3 * 365 * DAY - 70 * DAY)
      await runRetention(ctx, officer)
      expect((await totals()).length).toBeGreaterThan(0)
      clock.advance(110 * DAY)
      await runRetention(ctx, officer)
      expect(await totals()).toEqual([])

      const disposals = await ctx.db.selectFrom('disposal_records').selectAll().execute()
      expect(disposals.map((d) => d.series)).toEqual(
        expect.arrayContaining(['notices', 'fee-statistics']),
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
      const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
      const officer = await staffActor(ctx, 'privacy_officer')
      const { record, items } = await lib.title()
      const a = await lib.patron()
      const b = await lib.patron()
      const ha = await placeHold(ctx, lib.desk, {
        patronId: a.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      clock.advance(1000)
      const hb = await placeHold(ctx, lib.desk, {
        patronId: b.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      const seriesHold = await placeLegalHold(ctx, officer, {
        series: 'holds',
        reason: 'Litigation notice 2026-14',
      })
      const patronHold = await placeLegalHold(ctx, officer, {
        patronId: a.id,
        reason: 'Preservation letter 2026-15',
      })
      await expect(
        placeLegalHold(ctx, lib.desk, { series: 'holds', reason: 'x'.repeat(5) }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      // Under the holds, cancelling keeps the rows, closed, instead of deleting them.
      await cancelHold(ctx, lib.desk, ha.id)
      await cancelHold(ctx, lib.desk, hb.id)
      const held = () =>
        ctx.db
          .selectFrom('holds')
          .select(['id', 'status'])
          .where('id', 'in', [ha.id, hb.id])
          .execute()
      expect((await held()).map((h) => h.status)).toEqual(['cancelled', 'cancelled'])
      // The held patron's returned, settled loan is not forgotten either.
      await checkout(ctx, lib.desk, {
        patronBarcode: a.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })
      const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      expect(back.forgotten).toBe(false)
      const loansOfA = () =>
        ctx.db.selectFrom('loans').select('id').where('patron_id', '=', a.id).execute()
      expect(await loansOfA()).toHaveLength(1)

      clock.advance(40 * DAY)
      const run = await runRetention(ctx, officer)
      expect(run.find((r) => r.series === 'holds')).toMatchObject({ state: 'held', disposed: 0 })
      expect(await held()).toHaveLength(2)
      expect(await loansOfA()).toHaveLength(1)
      await liftLegalHold(ctx, officer, seriesHold.id)
      await runRetention(ctx, officer)
      // The series is free, but patron a is still held: only b's hold goes.
      expect((await held()).map((h) => h.id)).toEqual([ha.id])
      expect(await loansOfA()).toHaveLength(1)
      await liftLegalHold(ctx, officer, patronHold.id)
      await runRetention(ctx, officer)
      expect(await held()).toEqual([])
      expect(await loansOfA()).toEqual([])
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['legal_hold.place', 'legal_hold.lift'])
        .execute()
      expect(audit.map((r) => r.action)).toEqual([
        'legal_hold.place',
        'legal_hold.place',
        'legal_hold.lift',
        'legal_hold.lift',
      ])
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)

describeEngines('retention without authority', (env) => {
  it('never purges a series the library has no disposal authority for', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const a = await lib.patron()
    await placeHold(ctx, lib.desk, { patronId: a.id, recordId: record.id, pickupBranch: 'main' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const notices = () =>
      ctx.db.selectFrom('notice_outbox').select('id').where('patron_id', '=', a.id).execute()
    expect(await notices()).toHaveLength(1)
    clock.advance(400 * DAY)
    const officer = await staffActor(ctx, 'privacy_officer')
    const preview = await previewRetention(ctx, officer)
    expect(preview.find((r) => r.series === 'notices')).toMatchObject({
      state: 'no-authority',
      authority: null,
    })
    expect(preview.find((r) => r.series === 'notices')?.due).toBe(1)
    await runRetention(ctx, officer)
    expect(await notices()).toHaveLength(1)
    expect(await ctx.db.selectFrom('disposal_records').select('id').execute()).toEqual([])
  })
})
