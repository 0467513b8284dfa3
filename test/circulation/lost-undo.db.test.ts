import { expect, it } from 'vitest'
import { DAY, MINUTE } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines, takePayment, waiveFee } from '../../src/circulation/fees.service.js'
import { previewLost, undoLost } from '../../src/circulation/lost-undo.service.js'
import { describeEngines } from '../harness/engines.js'
import { describePostgresOnly, lockHolder } from '../harness/interleave.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/** Everything the undo may touch, for one copy and its borrower: compared before and after. */
async function snapshot(ctx: AppContext, patronId: string, itemId: string) {
  const [item, loans, fees, payments, losses] = await Promise.all([
    ctx.db.selectFrom('items').select(['status', 'transit_to']).where('id', '=', itemId).execute(),
    ctx.db
      .selectFrom('loans')
      .select(['id', 'returned_at', 'due_at'])
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('fees')
      .select(['kind', 'status', 'amount_cents', 'outstanding_cents', 'loan_id'])
      .where('patron_id', '=', patronId)
      .orderBy('kind')
      .execute(),
    ctx.db
      .selectFrom('fee_payments')
      .select(['kind', 'amount_cents'])
      .where('patron_id', '=', patronId)
      .execute(),
    lostCount(ctx),
  ])
  return { item, loans, fees, payments, losses }
}

async function lostCount(ctx: AppContext): Promise<number> {
  const rows = await ctx.db
    .selectFrom('circulation_counts')
    .select('count')
    .where('event', '=', 'lost')
    .execute()
  return rows.reduce((sum, r) => sum + r.count, 0)
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'done',
    (e: { code?: string }) => e.code ?? 'no code',
  )

describeEngines('declaring lost: the amount first, and undo while nothing has moved', (env) => {
  /** A patron with one copy (price 2000) on loan, four charged days overdue at 25 cents a day. */
  async function overdueLoan(price = 2000) {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price }], 'The Mislaid Atlas')
    const item = items[0]!
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item.barcode,
      branch: 'main',
    })
    clock.advance(25 * DAY)
    // The nightly job has run: the fine so far is on the account, still growing.
    await accrueOverdueFines(ctx)
    return { ctx, clock, lib, item, p }
  }

  it('previews the replacement price plus the fine so far, exactly what the declaration then charges, and writes nothing but the read in the audit log', async () => {
    const { ctx, lib, item, p } = await overdueLoan()
    const before = await snapshot(ctx, p.id, item.id)
    const preview = await previewLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })
    expect(preview).toMatchObject({
      itemBarcode: item.barcode,
      title: 'The Mislaid Atlas',
      replacementCents: 2000,
    })
    expect(preview.fineCents).toBeGreaterThan(0)
    expect(preview.totalCents).toBe(2000 + preview.fineCents)
    expect(await snapshot(ctx, p.id, item.id)).toEqual(before)
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('patron_id', '=', p.id)
      .where('action', '=', 'loans.read')
      .execute()
    expect(reads.map((r) => r.detail)).toContainEqual(expect.stringContaining('lost_preview'))

    const { chargedCents } = await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    expect(chargedCents).toBe(preview.totalCents)
  })

  it("says nothing about another patron's loan: the preview refuses an item this patron does not have", async () => {
    const { ctx, lib, item } = await overdueLoan()
    const stranger = await lib.patron()
    await expect(
      previewLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: stranger.id }),
    ).rejects.toMatchObject({
      code: 'NOT_ON_LOAN',
      message: 'This item is not on loan to this patron.',
    })
    await expect(
      previewLost(ctx, lib.desk, { itemBarcode: '39999999999999', patronId: stranger.id }),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' })
    await expect(previewLost(ctx, lib.desk, { itemBarcode: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    const officer = await staffActor(ctx, 'privacy_officer')
    await expect(
      previewLost(ctx, officer, { itemBarcode: item.barcode, patronId: stranger.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('undo takes the charge off, opens the loan as it was with its fine growing again, uncounts the loss and is audited without an amount', async () => {
    const { ctx, clock, lib, item, p } = await overdueLoan()
    const before = await snapshot(ctx, p.id, item.id)
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    expect((await snapshot(ctx, p.id, item.id)).losses).toBe(before.losses + 1)
    clock.advance(10 * MINUTE)

    const done = await undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })
    expect(done).toEqual({ reversedCents: 2000 })
    const after = await snapshot(ctx, p.id, item.id)
    // Ten minutes on the same day: the fine is what it was, still accruing, the loan open again.
    expect(after).toEqual(before)
    expect(after.item).toEqual([{ status: 'on_loan', transit_to: null }])
    expect(after.loans).toHaveLength(1)
    expect(after.loans[0]!.returned_at).toBeNull()
    expect(after.fees).toEqual([
      expect.objectContaining({ kind: 'overdue', status: 'accruing', loan_id: after.loans[0]!.id }),
    ])
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'patron_id', 'detail'])
      .where('action', '=', 'circ.lost_undo')
      .where('patron_id', '=', p.id)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: lib.desk.id, patron_id: p.id })
    expect(audit[0]!.detail ?? '').not.toMatch(/2000|cents|amount/)

    // A loan taken back is an ordinary loan: a day later its fine has grown, and it checks in.
    clock.advance(DAY)
    const back = await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'main' })
    expect(back.wasOnLoan).toBe(true)
    expect(back.fineCents).toBeGreaterThan(before.fees[0]!.amount_cents)
  })

  it('a second undo of the same loss is refused, and so is an undo for another patron', async () => {
    const { ctx, lib, item, p } = await overdueLoan()
    const other = await lib.patron()
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: other.id })),
    ).toBe('NOTHING_TO_UNDO')
    await undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })),
    ).toBe('ITEM_NOT_LOST')
  })

  it('never erases money: after a payment, even a part one, the undo is refused and nothing changes', async () => {
    const { ctx, lib, item, p } = await overdueLoan()
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    await takePayment(ctx, lib.desk, p.id, { amountCents: 50, method: 'cash' })
    const before = await snapshot(ctx, p.id, item.id)
    const err = await undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id }).catch(
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ code: 'LOST_FEE_PAID' })
    // The refusal says where the money goes back: the refund on the card balance.
    expect((err as Error).message).toMatch(/refund/)
    expect(await snapshot(ctx, p.id, item.id)).toEqual(before)
    expect(before.item).toEqual([{ status: 'lost', transit_to: null }])
  })

  it('refuses when the replacement charge was waived in part, or paid in full', async () => {
    const { ctx, lib, item, p } = await overdueLoan()
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    const lost = await ctx.db
      .selectFrom('fees')
      .select('id')
      .where('patron_id', '=', p.id)
      .where('kind', '=', 'lost')
      .executeTakeFirstOrThrow()
    await waiveFee(ctx, lib.desk, lost.id, { amountCents: 100, reason: 'Damaged case' })
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })),
    ).toBe('LOST_FEE_PAID')

    const second = await overdueLoan(800)
    await declareLost(second.ctx, second.lib.desk, { itemBarcode: second.item.barcode })
    const owed = await second.ctx.db
      .selectFrom('fees')
      .select((eb) => eb.fn.sum<number>('outstanding_cents').as('sum'))
      .where('patron_id', '=', second.p.id)
      .executeTakeFirstOrThrow()
    await takePayment(second.ctx, second.lib.desk, second.p.id, {
      amountCents: Number(owed.sum),
      method: 'cash',
    })
    expect(
      await refusal(
        undoLost(second.ctx, second.lib.desk, {
          itemBarcode: second.item.barcode,
          patronId: second.p.id,
        }),
      ),
    ).toBe('LOST_FEE_PAID')
  })

  it('refuses once the item was checked in, and once the window (the staff session) has passed', async () => {
    const { ctx, clock, lib, item, p } = await overdueLoan()
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'main' })
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })),
    ).toBe('ITEM_NOT_LOST')

    const later = await overdueLoan()
    await declareLost(ctx, later.lib.desk, { itemBarcode: later.item.barcode })
    clock.advance(ctx.config.security.staffTokenMinutes * MINUTE + MINUTE)
    const before = await snapshot(ctx, later.p.id, later.item.id)
    expect(
      await refusal(
        undoLost(ctx, later.lib.desk, { itemBarcode: later.item.barcode, patronId: later.p.id }),
      ),
    ).toBe('LOST_UNDO_TOO_LATE')
    expect(await snapshot(ctx, later.p.id, later.item.id)).toEqual(before)
  })

  it('has nothing to undo for a copy with no replacement price, and refuses bad input and other roles', async () => {
    const { ctx, lib, item, p } = await overdueLoan(0)
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })),
    ).toBe('NOTHING_TO_UNDO')
    expect(await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode }))).toBe(
      'INVALID_INPUT',
    )
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: 'x'.repeat(40), patronId: p.id })),
    ).toBe('INVALID_INPUT')
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: '39999999999999', patronId: p.id })),
    ).toBe('ITEM_NOT_FOUND')
    const officer = await staffActor(ctx, 'privacy_officer')
    expect(
      await refusal(undoLost(ctx, officer, { itemBarcode: item.barcode, patronId: p.id })),
    ).toBe('FORBIDDEN')
  })

  it('refuses when the fine was paid off before the loss fixed it, rather than charge it twice', async () => {
    const { ctx, clock, lib, item, p } = await overdueLoan()
    const fine = await ctx.db
      .selectFrom('fees')
      .select('outstanding_cents')
      .where('patron_id', '=', p.id)
      .where('kind', '=', 'overdue')
      .executeTakeFirstOrThrow()
    await takePayment(ctx, lib.desk, p.id, { amountCents: fine.outstanding_cents, method: 'cash' })
    clock.advance(MINUTE)
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    const before = await snapshot(ctx, p.id, item.id)
    expect(before.fees.map((f) => f.kind)).toEqual(['lost'])
    expect(
      await refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id })),
    ).toBe('LOST_FINE_SETTLED')
    expect(await snapshot(ctx, p.id, item.id)).toEqual(before)
  })
})

/*
 * An undo and a payment on the same account at the same moment, on PostgreSQL: the test holds
 * every audit chain's lock, so the first call stops just before it commits, holding its row
 * locks, while the second starts and waits behind it. Money is never both taken and erased.
 */
describePostgresOnly('an undo and a payment at the same moment [postgres only]', (env) => {
  async function declared() {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 1500 }])
    const item = items[0]!
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: item.barcode })
    return { ctx, lib, item, p }
  }

  it('[postgres only] a payment that gets there first stops the undo: the money stays and so does the charge', async () => {
    const { ctx, lib, item, p } = await declared()
    const locks = await lockHolder(env())
    try {
      await locks.holdAuditChains()
      const pay = refusal(takePayment(ctx, lib.desk, p.id, { amountCents: 500, method: 'cash' }))
      await locks.waiting(1)
      const undo = refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id }))
      await locks.waiting(2)
      await locks.releaseAuditChains()
      expect(await pay).toBe('done')
      expect(await undo).toBe('LOST_FEE_PAID')
    } finally {
      await locks.end()
    }
    const after = await snapshot(ctx, p.id, item.id)
    expect(after.item).toEqual([{ status: 'lost', transit_to: null }])
    expect(after.fees).toEqual([expect.objectContaining({ kind: 'lost', outstanding_cents: 1000 })])
    expect(after.payments).toEqual([{ kind: 'payment', amount_cents: 500 }])
  })

  it('[postgres only] an undo that gets there first leaves nothing to pay: the payment is refused, not taken for a charge that is gone', async () => {
    const { ctx, lib, item, p } = await declared()
    const locks = await lockHolder(env())
    try {
      await locks.holdAuditChains()
      const undo = refusal(undoLost(ctx, lib.desk, { itemBarcode: item.barcode, patronId: p.id }))
      await locks.waiting(1)
      const pay = refusal(takePayment(ctx, lib.desk, p.id, { amountCents: 1500, method: 'cash' }))
      await locks.waiting(2)
      await locks.releaseAuditChains()
      expect(await undo).toBe('done')
      expect(await pay).toBe('AMOUNT_EXCEEDS_BALANCE')
    } finally {
      await locks.end()
    }
    const after = await snapshot(ctx, p.id, item.id)
    expect(after.item).toEqual([{ status: 'on_loan', transit_to: null }])
    expect(after.fees).toEqual([])
    expect(after.payments).toEqual([])
  })
})
