import { sql } from 'kysely'
import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
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

  it('keeps one open hold per patron and title in the database itself', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const p = await lib.patron()
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('ALREADY_ON_HOLD')
    // The index alone, without the service's check in front of it.
    const open = await ctx.db
      .selectFrom('holds')
      .selectAll()
      .where('patron_id', '=', p.id)
      .executeTakeFirstOrThrow()
    await expect(
      ctx.db
        .insertInto('holds')
        .values({ ...open, id: crypto.randomUUID(), placed_at: new Date().toISOString() })
        .execute(),
    ).rejects.toThrow(/unique/i)
  })

  it('declares a copy lost once, however many desks do it at once, and never deadlocks with check-in', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 3100 }, { price: 3100 }])
    const p = await lib.patron()
    for (const item of items)
      await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: item.barcode,
        branch: 'main',
      })
    const lost = () => declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    const racing = await heldBack(ctx, items[0]!.id, () => [lost(), lost()])
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(
      racing.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : [])),
    ).toEqual(['NOT_ON_LOAN'])
    const fees = await ctx.db
      .selectFrom('fees')
      .select('amount_cents')
      .where('patron_id', '=', p.id)
      .where('kind', '=', 'lost')
      .execute()
    expect(fees).toEqual([{ amount_cents: 3100 }])

    // Lost against check-in of the other copy, at the same moment: one order or the other.
    const mixed = await heldBack<unknown>(ctx, items[1]!.id, () => [
      declareLost(ctx, lib.desk, { itemBarcode: items[1]!.barcode }),
      checkin(ctx, lib.desk, { itemBarcode: items[1]!.barcode, branch: 'main' }),
    ])
    for (const r of mixed)
      if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('NOT_ON_LOAN')
    const left = await ctx.db
      .selectFrom('loans')
      .selectAll()
      .where('item_id', '=', items[1]!.id)
      .execute()
    if (left.length)
      console.log(
        JSON.stringify({
          left,
          mixed: mixed.map((m) => (m.status === 'rejected' ? String(m.reason) : m.value)),
          fees: await ctx.db.selectFrom('fees').selectAll().execute(),
        }),
      )
    expect(left).toEqual([])
  })
})

/**
 * PostgreSQL: holds the copy's row lock in a transaction of its own, starts the racers, waits
 * until each is blocked behind the lock, then lets go, so they meet in the database at the
 * point the rule must hold, every time. SQLite runs one transaction at a time: there the racers
 * simply queue.
 */
async function heldBack<T>(
  ctx: AppContext,
  itemId: string,
  start: () => Promise<T>[],
): Promise<PromiseSettledResult<T>[]> {
  if (ctx.engine !== 'postgres') return Promise.allSettled(start())
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let locked!: () => void
  const isLocked = new Promise<void>((resolve) => (locked = resolve))
  const holder = ctx.db.transaction().execute(async (trx) => {
    await sql`select id from items where id = ${itemId} for update`.execute(trx)
    locked()
    await gate
  })
  await isLocked
  const racers = start().map((p) =>
    p.then(
      (v) => ({ status: 'fulfilled', value: v }) as const,
      (e: unknown) => ({ status: 'rejected', reason: e }) as const,
    ),
  )
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{
      n: string
    }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(
      ctx.db,
    )
    if (Number(rows[0]?.n ?? 0) >= racers.length) break
    await new Promise((r) => setTimeout(r, 25))
  }
  release()
  await holder
  return Promise.all(racers)
}
