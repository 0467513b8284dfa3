import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { DAY } from '../../src/clock.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { AppError } from '../../src/errors.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

/** This month's anonymous money total for a kind and outcome (0 when there is none yet). */
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

describeEngines('lost and found', (env) => {
  it('a lost copy that comes back has its replacement charge waived: a waiver with its reason while anything else is owed, and counted as a waiver', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 1800 }, { price: 900 }])
    const [found, gone] = items
    const p = await lib.patron()
    for (const copy of [found!, gone!])
      await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: copy.barcode,
        branch: 'main',
      })
    for (const copy of [found!, gone!])
      await declareLost(ctx, lib.desk, { itemBarcode: copy.barcode })
    const waiversBefore = await moneyCount(ctx, 'waiver', 'waiver')
    await checkin(ctx, lib.desk, { itemBarcode: found!.barcode, branch: 'main' })
    // The other copy is still owed for, so the account keeps the waiver that answers "why did
    // my balance drop?".
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(900)
    const waivers = await ctx.db
      .selectFrom('fee_payments')
      .select(['kind', 'amount_cents', 'method', 'reason', 'staff_id'])
      .where('patron_id', '=', p.id)
      .execute()
    expect(waivers).toEqual([
      {
        kind: 'waiver',
        amount_cents: 1800,
        method: null,
        reason: 'Lost item returned',
        staff_id: null,
      },
    ])
    expect(await moneyCount(ctx, 'waiver', 'waiver')).toEqual({
      count: waiversBefore.count + 1,
      cents: waiversBefore.cents + 1800,
    })
  })

  it('an open loan that names no patron cannot be declared lost (NOT_ON_LOAN), and checks in with no fine and nothing to forget', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    // The schema lets an open loan name no patron; nothing should charge a fee to nobody.
    await ctx.db
      .updateTable('loans')
      .set({ patron_id: null })
      .where('id', '=', loan.loanId)
      .execute()
    let refused: unknown
    try {
      await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    } catch (err) {
      refused = err
    }
    expect(refused).toBeInstanceOf(AppError)
    expect({ code: (refused as AppError).code, message: (refused as AppError).message }).toEqual({
      code: 'NOT_ON_LOAN',
      message: 'Only an item on loan can be declared lost.',
    })
    const fees = await ctx.db
      .selectFrom('fees')
      .select('id')
      .where('item_id', '=', items[0]!.id)
      .execute()
    expect(fees).toEqual([])
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back).toMatchObject({ wasOnLoan: true, fineCents: 0, forgotten: false })
  })

  it('an overdue copy declared lost is charged its price plus the fine so far, counted as a loss, and audited without the amount', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx, { finePerDayCents: 25, maxFineCents: 500 })
    const { items } = await lib.title([{ price: 2000 }])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(25 * DAY)
    const lossesBefore = await ctx.db
      .selectFrom('circulation_counts')
      .select('count')
      .where('event', '=', 'lost')
      .execute()
    const { chargedCents } = await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    const owed = (await listFees(ctx, lib.desk, p.id)).fees
    const fine = owed.find((f) => f.kind === 'overdue')?.amountCents ?? 0
    expect(fine).toBeGreaterThan(0)
    expect(chargedCents).toBe(2000 + fine)
    expect(owed.map((f) => f.kind).sort()).toEqual(['lost', 'overdue'])
    const losses = await ctx.db
      .selectFrom('circulation_counts')
      .select('count')
      .where('event', '=', 'lost')
      .execute()
    const total = (rows: { count: number }[]) => rows.reduce((sum, r) => sum + r.count, 0)
    expect(total(losses)).toBe(total(lossesBefore) + 1)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'patron_id', 'detail'])
      .where('action', '=', 'circ.lost')
      .where('patron_id', '=', p.id)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: lib.desk.id, patron_id: p.id })
    expect(audit[0]!.detail).not.toMatch(/2000|cents|amount/)
  })

  it('a copy with no replacement price declared lost charges nothing: no zero fee is left and the loan is forgotten', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 0 }])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    expect(await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })).toEqual({
      chargedCents: 0,
    })
    expect(
      await ctx.db.selectFrom('fees').select('id').where('item_id', '=', items[0]!.id).execute(),
    ).toEqual([])
    expect(
      await ctx.db.selectFrom('loans').select('id').where('item_id', '=', items[0]!.id).execute(),
    ).toEqual([])
  })
})
