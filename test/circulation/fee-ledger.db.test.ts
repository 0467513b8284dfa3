import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { declareLost } from '../../src/circulation/checkin.service.js'
import { renew } from '../../src/circulation/loans.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import {
  accrueOverdueFines,
  listFees,
  takePayment,
  waiveFee,
} from '../../src/circulation/fees.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

/** A patron who lost one copy per price given, an hour apart: one replacement charge each. */
async function patronOwing(env: TestEnv, prices: number[]) {
  const { ctx, clock } = env
  const lib = await setUpLibrary(ctx)
  const p = await lib.patron()
  for (const price of prices) {
    const { items } = await lib.title([{ price }])
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    clock.advance(60 * 60_000)
  }
  return { ctx, lib, p }
}

async function outstandingOldestFirst(ctx: AppContext, patronId: string) {
  const rows = await ctx.db
    .selectFrom('fees')
    .select(['amount_cents', 'outstanding_cents', 'status'])
    .where('patron_id', '=', patronId)
    .orderBy('created_at')
    .execute()
  return rows
}

async function paymentsOf(ctx: AppContext, patronId: string) {
  return ctx.db
    .selectFrom('fee_payments')
    .select(['kind', 'amount_cents', 'method', 'reference', 'reason', 'staff_id'])
    .where('patron_id', '=', patronId)
    .orderBy('created_at')
    .execute()
}

describeEngines('the fee ledger', (env) => {
  it('a payment smaller than what is owed goes to the oldest fee first and leaves later fees untouched', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1000, 800])
    expect(
      (await takePayment(ctx, lib.desk, p.id, { amountCents: 300, method: 'cash' })).owedCents,
    ).toBe(1500)
    expect(await outstandingOldestFirst(ctx, p.id)).toEqual([
      { amount_cents: 1000, outstanding_cents: 700, status: 'open' },
      { amount_cents: 800, outstanding_cents: 800, status: 'open' },
    ])
    // Paying off the first fee and part of the second settles only the first.
    expect(
      (await takePayment(ctx, lib.desk, p.id, { amountCents: 900, method: 'cash' })).owedCents,
    ).toBe(600)
    expect(await outstandingOldestFirst(ctx, p.id)).toEqual([
      { amount_cents: 800, outstanding_cents: 600, status: 'open' },
    ])
  })

  it('a payment reference is kept without surrounding spaces, and a blank one is kept as none', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1000])
    await takePayment(ctx, lib.desk, p.id, {
      amountCents: 100,
      method: 'card_terminal',
      reference: '  R-20931  ',
    })
    await takePayment(ctx, lib.desk, p.id, { amountCents: 100, method: 'cheque', reference: '   ' })
    expect(await paymentsOf(ctx, p.id)).toEqual([
      {
        kind: 'payment',
        amount_cents: 100,
        method: 'card_terminal',
        reference: 'R-20931',
        reason: null,
        staff_id: lib.desk.id,
      },
      {
        kind: 'payment',
        amount_cents: 100,
        method: 'cheque',
        reference: null,
        reason: null,
        staff_id: lib.desk.id,
      },
    ])
  })

  it('a reference that is nothing but a card number, without spaces, is refused as a card number', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1000])
    for (const reference of ['4111111111111111', '411111111111'])
      expectRefusal(
        await refusal(
          takePayment(ctx, lib.desk, p.id, {
            amountCents: 100,
            method: 'card_terminal',
            reference,
          }),
        ),
        'validation',
        'REFERENCE_LOOKS_LIKE_CARD',
        /may not contain a card number; use the terminal’s receipt number/,
      )
    expect(await paymentsOf(ctx, p.id)).toEqual([])
    // Eleven digits are a receipt number, not a card.
    await takePayment(ctx, lib.desk, p.id, {
      amountCents: 100,
      method: 'card_terminal',
      reference: '41111111111',
    })
    expect((await paymentsOf(ctx, p.id)).map((r) => r.reference)).toEqual(['41111111111'])
  })

  it('a payment is audited with its method and without its amount', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1000])
    await takePayment(ctx, lib.desk, p.id, { amountCents: 250, method: 'cheque' })
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'patron_id', 'detail'])
      .where('action', '=', 'fee.payment')
      .where('patron_id', '=', p.id)
      .execute()
    expect(entries).toEqual([
      { actor_id: lib.desk.id, patron_id: p.id, detail: '{"method":"cheque"}' },
    ])
  })

  it('a partial waiver is recorded as a waiver, with its reason trimmed and the staff member who gave it', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1000])
    const fee = (await listFees(ctx, lib.desk, p.id)).fees[0]!
    expect(
      (
        await waiveFee(ctx, lib.desk, fee.id, {
          amountCents: 400,
          reason: '  Damaged in the drop  ',
        })
      ).owedCents,
    ).toBe(600)
    expect(await paymentsOf(ctx, p.id)).toEqual([
      {
        kind: 'waiver',
        amount_cents: 400,
        method: null,
        reference: null,
        reason: 'Damaged in the drop',
        staff_id: lib.desk.id,
      },
    ])
  })

  it('the daily fine job charges nobody for an overdue loan that names no patron', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 25, maxFineCents: 500 })
    const { items } = await lib.title([{}, {}])
    const [a, b] = [await lib.patron(), await lib.patron()]
    const nobodys = await checkout(ctx, lib.desk, {
      patronBarcode: a.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await checkout(ctx, lib.desk, {
      patronBarcode: b.barcode,
      itemBarcode: items[1]!.barcode,
      branch: 'main',
    })
    // The schema lets an open loan name no patron.
    await ctx.db
      .updateTable('loans')
      .set({ patron_id: null })
      .where('id', '=', nobodys.loanId)
      .execute()
    clock.advance(20 * DAY)
    await accrueOverdueFines(ctx)
    const fees = await ctx.db
      .selectFrom('fees')
      .select(['patron_id', 'item_id', 'status'])
      .where('item_id', 'in', [items[0]!.id, items[1]!.id])
      .execute()
    expect(fees).toEqual([{ patron_id: b.id, item_id: items[1]!.id, status: 'accruing' }])
  })
  it('paying off a fine fixed at an overdue renewal leaves the loan, still out, naming its borrower', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 25, maxFineCents: 500 })
    const { items } = await lib.title()
    const p = await lib.patron()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(10 * DAY)
    await renew(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    const fine = (await listFees(ctx, lib.desk, p.id)).fees[0]!
    expect(fine).toMatchObject({ kind: 'overdue', status: 'open' })
    expect(
      (
        await takePayment(ctx, lib.desk, p.id, {
          amountCents: fine.outstandingCents,
          method: 'cash',
        })
      ).owedCents,
    ).toBe(0)
    expect(
      await ctx.db
        .selectFrom('loans')
        .select(['patron_id', 'returned_at'])
        .where('id', '=', loan.loanId)
        .execute(),
    ).toEqual([{ patron_id: p.id, returned_at: null }])
  })
})

describeEngines('the fee ledger under a legal hold on the fees series', (env) => {
  it('a fee paid off while the fees series is on legal hold is kept, marked paid with nothing outstanding', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1200])
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { series: 'fees', reason: 'Preservation letter 7' })
    expect(
      (await takePayment(ctx, lib.desk, p.id, { amountCents: 1200, method: 'cash' })).owedCents,
    ).toBe(0)
    expect(await outstandingOldestFirst(ctx, p.id)).toEqual([
      { amount_cents: 1200, outstanding_cents: 0, status: 'paid' },
    ])
  })
})

describeEngines('the fee ledger under a legal hold on the payments series', (env) => {
  it('payments are kept after the balance is cleared while the payments series is on legal hold', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1200])
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { series: 'payments', reason: 'Preservation letter 8' })
    await takePayment(ctx, lib.desk, p.id, { amountCents: 1200, method: 'cash' })
    expect(await outstandingOldestFirst(ctx, p.id)).toEqual([])
    expect(await paymentsOf(ctx, p.id)).toEqual([
      {
        kind: 'payment',
        amount_cents: 1200,
        method: 'cash',
        reference: null,
        reason: null,
        staff_id: lib.desk.id,
      },
    ])
  })

  it('a patron sees their own fees and no one else’s; staff who may read patrons see anyone’s', async () => {
    const { ctx, lib, p } = await patronOwing(env(), [1000])
    const other = await lib.patron()
    expect((await listFees(ctx, { type: 'patron', id: p.id }, p.id)).owedCents).toBe(1000)
    expectRefusal(
      await refusal(listFees(ctx, { type: 'patron', id: other.id }, p.id)),
      'forbidden',
      'FORBIDDEN',
      /Not your account/,
    )
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(1000)
  })
})
