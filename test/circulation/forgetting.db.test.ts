import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees, takePayment, waiveFee } from '../../src/circulation/fees.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { readingHistory, setReadingHistory } from '../../src/circulation/loans.service.js'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

/** Every row, in every table of the records database, that names both the patron and the item. */
async function rowsLinking(
  ctx: AppContext,
  patronId: string,
  item: { id: string; barcode: string },
): Promise<string[]> {
  const db = ctx.db as unknown as Kysely<Record<string, Record<string, unknown>>>
  const tables = await db.introspection.getTables()
  const found: string[] = []
  for (const t of tables) {
    const rows = await db.selectFrom(t.name).selectAll().execute()
    for (const row of rows) {
      const text = JSON.stringify(row)
      if (text.includes(patronId) && (text.includes(item.id) || text.includes(item.barcode)))
        found.push(`${t.name}: ${text}`)
    }
  }
  return found
}

describeEngines('returned means forgotten (P3)', (env) => {
  it('forgets the borrower at check-in when nothing is owed, keeping only statistics', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const item = items[0]!
    const p = await lib.patron()
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' })
    await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'main' })
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item.barcode,
      branch: 'main',
    })
    expect(await rowsLinking(ctx, p.id, item)).not.toEqual([])
    const back = await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'east' })
    expect(back.forgotten).toBe(true)
    expect(await rowsLinking(ctx, p.id, item)).toEqual([])
    // Nothing of the loan or the hold is left as a row: not even an anonymous one, whose id,
    // dates and order could be matched against the audit log.
    expect(await ctx.db.selectFrom('loans').selectAll().execute()).toEqual([])
    expect(await ctx.db.selectFrom('holds').selectAll().execute()).toEqual([])
    // What statistics need was counted as it happened, in cells that name no one and nothing.
    const counts = await ctx.db
      .selectFrom('circulation_counts')
      .select(['day', 'branch', 'item_type', 'patron_category', 'event', 'count'])
      .orderBy('event')
      .execute()
    const today = ctx.clock.now().toISOString().slice(0, 10)
    expect(counts).toEqual([
      {
        day: today,
        branch: 'east',
        item_type: 'book',
        patron_category: 'adult',
        event: 'checkin',
        count: 1,
      },
      {
        day: today,
        branch: 'main',
        item_type: 'book',
        patron_category: 'adult',
        event: 'checkout',
        count: 1,
      },
    ])
    const holdCounts = await ctx.db
      .selectFrom('hold_counts')
      .select(['branch', 'event', 'count'])
      .orderBy('event')
      .execute()
    expect(holdCounts).toEqual([
      { branch: 'main', event: 'fulfilled', count: 1 },
      { branch: 'main', event: 'placed', count: 1 },
      { branch: 'main', event: 'ready', count: 1 },
    ])
    const copy = await ctx.db
      .selectFrom('items')
      .select(['times_lent', 'updated_at', 'created_at'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow()
    expect(copy.times_lent).toBe(1)
    // Lending never dates the copy.
    expect(copy.updated_at).toBe(copy.created_at)
    expect(record.id).toBeTruthy()
  })

  it('keeps the link while a fine is owed and drops it, and the item from the fine, once paid', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
    const { items } = await lib.title()
    const item = items[0]!
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item.barcode,
      branch: 'main',
    })
    clock.advance(10 * DAY)
    const back = await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'main' })
    expect(back.fineCents).toBeGreaterThan(0)
    expect(back.forgotten).toBe(false)
    expect(await rowsLinking(ctx, p.id, item)).not.toEqual([])
    await takePayment(ctx, lib.desk, p.id, { amountCents: back.fineCents - 10, method: 'cash' })
    expect(await rowsLinking(ctx, p.id, item)).not.toEqual([])
    // While something is owed, the account shows what was paid toward it.
    expect(await ctx.db.selectFrom('fee_payments').select('amount_cents').execute()).toEqual([
      { amount_cents: back.fineCents - 10 },
    ])
    await takePayment(ctx, lib.desk, p.id, { amountCents: 10, method: 'cash' })
    expect(await rowsLinking(ctx, p.id, item)).toEqual([])
    // Settled: the fee, its payments and the loan are gone; the month's totals hold the money.
    expect(await ctx.db.selectFrom('fees').selectAll().execute()).toEqual([])
    expect(await ctx.db.selectFrom('fee_payments').selectAll().execute()).toEqual([])
    expect(await ctx.db.selectFrom('loans').selectAll().execute()).toEqual([])
    const totals = await ctx.db
      .selectFrom('fee_counts')
      .select(['month', 'kind', 'outcome', 'count', 'cents'])
      .orderBy('kind')
      .orderBy('outcome')
      .execute()
    const month = clock.now().toISOString().slice(0, 7)
    expect(totals).toEqual([
      { month, kind: 'overdue', outcome: 'charged', count: 1, cents: back.fineCents },
      { month, kind: 'overdue', outcome: 'paid', count: 1, cents: back.fineCents },
      { month, kind: 'payment', outcome: 'cash', count: 2, cents: back.fineCents },
    ])
    // The audit log says who paid, and when — not how much, which could point to the loan.
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('patron_id', '=', p.id)
      .where('action', 'in', ['fee.payment', 'circ.checkin'])
      .execute()
    expect(entries.map((e) => e.detail).join(' ')).not.toMatch(/cents/i)
    expect(entries).toHaveLength(3)
  })

  it('a waiver settles the fine and forgets the borrower too', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(9 * DAY)
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const fee = (await listFees(ctx, lib.desk, p.id)).fees[0]!
    await waiveFee(ctx, lib.desk, fee.id, { reason: 'Book drop was jammed' })
    expect(await rowsLinking(ctx, p.id, items[0]!)).toEqual([])
  })

  it('deletes a lost-item charge forgiven when the copy comes back, leaving nothing that pairs patron and copy', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 3200 }])
    const item = items[0]!
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    const feesOf = () =>
      ctx.db
        .selectFrom('fees')
        .select(['id', 'kind', 'status', 'item_id'])
        .where((eb) => eb.or([eb('patron_id', '=', p.id), eb('item_id', '=', item.id)]))
        .execute()
    expect(await feesOf()).toMatchObject([{ kind: 'lost', status: 'open', item_id: item.id }])
    expect(await rowsLinking(ctx, p.id, item)).not.toEqual([])

    await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'main' })
    // The charge is not kept as "waived": it is gone, and so are the loan and the waiver naming
    // the patron with the copy's price.
    expect(await feesOf()).toEqual([])
    expect(
      await ctx.db
        .selectFrom('loans')
        .select('id')
        .where((eb) => eb.or([eb('patron_id', '=', p.id), eb('item_id', '=', item.id)]))
        .execute(),
    ).toEqual([])
    expect(
      await ctx.db.selectFrom('fee_payments').selectAll().where('patron_id', '=', p.id).execute(),
    ).toEqual([])
    expect(await rowsLinking(ctx, p.id, item)).toEqual([])
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(0)
  })

  it('keeps a reading history only for a patron who opted in, and erases it when they opt out', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
    const { items } = await lib.title([{}, {}])
    const [kept, owed] = items
    const p = await lib.patron()
    const self = { type: 'patron' as const, id: p.id }
    expect(await readingHistory(ctx, self, p.id)).toEqual([])
    await setReadingHistory(ctx, self, p.id, true)
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: kept!.barcode,
      branch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: kept!.barcode, branch: 'main' })
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: owed!.barcode,
      branch: 'main',
    })
    clock.advance(9 * DAY)
    await checkin(ctx, lib.desk, { itemBarcode: owed!.barcode, branch: 'main' })
    expect((await readingHistory(ctx, self, p.id)).map((l) => l.itemBarcode).sort()).toEqual(
      [kept!.barcode, owed!.barcode].sort(),
    )
    expect(await rowsLinking(ctx, p.id, kept!)).not.toEqual([])

    const off = await setReadingHistory(ctx, self, p.id, false)
    expect(off.forgotten).toBe(1)
    expect(await rowsLinking(ctx, p.id, kept!)).toEqual([])
    // The loan with a fine still owed keeps its link until the fine is settled.
    expect(await rowsLinking(ctx, p.id, owed!)).not.toEqual([])
    await takePayment(ctx, lib.desk, p.id, {
      amountCents: (await listFees(ctx, self, p.id)).owedCents,
      method: 'cash',
    })
    expect(await rowsLinking(ctx, p.id, owed!)).toEqual([])
    expect(await readingHistory(ctx, self, p.id)).toEqual([])
  })
})
