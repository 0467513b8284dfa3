import { expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('concurrent desks', (env) => {
  it('lends one item to exactly one of many patrons checking it out at once', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const patrons = await Promise.all(Array.from({ length: 8 }, () => lib.patron()))
    const results = await Promise.allSettled(
      patrons.map((p) =>
        checkout(ctx, lib.desk, {
          patronBarcode: p.barcode,
          itemBarcode: items[0]!.barcode,
          branch: 'main',
        }),
      ),
    )
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(
      Array(7).fill('ITEM_ALREADY_ON_LOAN'),
    )
    const loans = await ctx.db
      .selectFrom('loans')
      .select('id')
      .where('item_id', '=', items[0]!.id)
      .where('returned_at', 'is', null)
      .execute()
    expect(loans).toHaveLength(1)
  })

  it('fills one hold once when many copies come back at the same moment', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title(Array.from({ length: 6 }, () => ({})))
    const holder = await lib.patron()
    await placeHold(ctx, lib.desk, {
      patronId: holder.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    const results = await Promise.all(
      items.map((i) => checkin(ctx, lib.desk, { itemBarcode: i.barcode, branch: 'main' })),
    )
    expect(results.filter((r) => r.route.action === 'hold_shelf')).toHaveLength(1)
    expect(results.filter((r) => r.route.action === 'shelve')).toHaveLength(5)
    const holds = await ctx.db
      .selectFrom('holds')
      .selectAll()
      .where('record_id', '=', record.id)
      .execute()
    expect(holds).toHaveLength(1)
    expect(holds[0]).toMatchObject({ status: 'ready' })
    const shelved = await ctx.db
      .selectFrom('items')
      .select('status')
      .where('record_id', '=', record.id)
      .where('status', '=', 'on_hold_shelf')
      .execute()
    expect(shelved).toHaveLength(1)
  })

  it('checks an item in once when two desks scan it together', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const results = await Promise.allSettled(
      [0, 1, 2].map(() =>
        checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' }),
      ),
    )
    const loansClosed = results.filter((r) => r.status === 'fulfilled' && r.value.wasOnLoan)
    expect(loansClosed).toHaveLength(1)
  })
})
