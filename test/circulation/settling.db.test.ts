import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import type { HoldEvent } from '../../src/circulation/circulation.tables.js'
import { DAY } from '../../src/clock.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines, listFees, takePayment } from '../../src/circulation/fees.service.js'
import { expireHolds, placeHold } from '../../src/circulation/holds.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

async function moneyCount(ctx: AppContext, kind: string, outcome: string) {
  const rows = await ctx.db
    .selectFrom('fee_counts')
    .select(['count', 'cents'])
    .where('kind', '=', kind)
    .where('outcome', '=', outcome)
    .execute()
  return rows.reduce((sum, r) => ({ count: sum.count + r.count, cents: sum.cents + r.cents }), {
    count: 0,
    cents: 0,
  })
}

async function holdCount(ctx: AppContext, event: HoldEvent) {
  const rows = await ctx.db
    .selectFrom('hold_counts')
    .select('count')
    .where('event', '=', event)
    .execute()
  return rows.reduce((sum, r) => sum + r.count, 0)
}

describeEngines('settling and keeping', (env) => {
  it('a fine paid in full while it was still accruing is settled when the copy comes back: fee and loan forgotten, counted as paid', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx, { finePerDayCents: 25, maxFineCents: 500 })
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(30 * DAY)
    await accrueOverdueFines(ctx)
    const fine = (await listFees(ctx, lib.desk, p.id)).fees[0]!
    await takePayment(ctx, lib.desk, p.id, { amountCents: fine.outstandingCents, method: 'cash' })
    // The fine is still accruing, so the payment toward it stays on the account for now.
    const payments = () =>
      ctx.db.selectFrom('fee_payments').select('kind').where('patron_id', '=', p.id).execute()
    expect(await payments()).toEqual([{ kind: 'payment' }])
    const paidBefore = await moneyCount(ctx, 'overdue', 'paid')
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back).toMatchObject({ wasOnLoan: true, fineCents: fine.amountCents, forgotten: true })
    expect(await listFees(ctx, lib.desk, p.id)).toEqual({ owedCents: 0, fees: [] })
    expect(
      await ctx.db.selectFrom('loans').select('id').where('item_id', '=', items[0]!.id).execute(),
    ).toEqual([])
    expect(await moneyCount(ctx, 'overdue', 'paid')).toEqual({
      count: paidBefore.count + 1,
      cents: paidBefore.cents + fine.amountCents,
    })
  })

  it('under a legal hold a fee paid off is kept, marked paid with nothing outstanding, instead of deleted', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 1200 }])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Subpoena 12' })
    await takePayment(ctx, lib.desk, p.id, { amountCents: 1200, method: 'cash' })
    const kept = await ctx.db
      .selectFrom('fees')
      .select(['kind', 'status', 'amount_cents', 'outstanding_cents'])
      .where('patron_id', '=', p.id)
      .execute()
    expect(kept).toEqual([
      { kind: 'lost', status: 'paid', amount_cents: 1200, outstanding_cents: 0 },
    ])
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(0)
    // Nothing is owed any more, yet the legal hold keeps the payment too.
    expect(
      await ctx.db
        .selectFrom('fee_payments')
        .select(['kind', 'amount_cents'])
        .where('patron_id', '=', p.id)
        .execute(),
    ).toEqual([{ kind: 'payment', amount_cents: 1200 }])
  })

  it('a hold left uncollected under a legal hold expires once, keeps its patron, and is counted as expired once', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const p = await lib.patron()
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Court order 9' })
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const expiredBefore = await holdCount(ctx, 'expired')
    clock.advance(30 * DAY)
    await expireHolds(ctx)
    expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
    const kept = await ctx.db
      .selectFrom('holds')
      .select(['status', 'patron_id', 'closed_at'])
      .where('id', '=', hold.id)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({
      status: 'expired',
      patron_id: p.id,
      closed_at: clock.now().toISOString(),
    })
    // A second run finds nothing left to expire, and counts nothing again.
    await expireHolds(ctx)
    expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
  })

  it('the system replaying an offline (no-block) checkout lends through the blocks and records them, as a self-check machine would', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ itemType: 'reference' }])
    const p = await lib.patron()
    const loan = await checkout(ctx, SYSTEM_ACTOR, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
      noBlock: true,
      at: '2026-01-14T10:00:00Z',
    })
    expect(loan.overridden).toEqual(['ITEM_NOT_FOR_LOAN'])
  })
})
