import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import {
  accrueOverdueFines,
  listFees,
  takePayment,
  waiveFee,
} from '../../src/circulation/fees.service.js'
import { renew } from '../../src/circulation/loans.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { addClosedDay } from '../../src/library/library.service.js'
import { localDate } from '../../src/library/calendar.js'
import { setCardStatus } from '../../src/patrons/card.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const TZ = 'America/Chicago'
const failure = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (err) {
    return err as { code: string; details?: { blocks?: string[] } }
  }
  throw new Error('expected a failure')
}

/**
 * One of two copies out for 40 days at a dollar a day (capped at $50), so the fine is over the
 * limit; `lendSecond` tries to lend the other copy to the same patron.
 */
async function fortyDaysOverdue({ ctx, clock }: TestEnv) {
  const lib = await setUpLibrary(ctx, { finePerDayCents: 100, maxFineCents: 5000 })
  const { items } = await lib.title([{}, {}])
  const p = await lib.patron()
  await lib.lend(p, items[0]!)
  clock.advance(40 * DAY)
  return { lib, items, p, lendSecond: () => lib.lend(p, items[1]!) }
}

describeEngines('checkout and check-in', (env) => {
  it('lends an item due 21 days later, moved off a closed day', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    clock.set('2026-01-15T16:00:00Z') // Thursday; +21 = Thursday 2026-02-05
    await addClosedDay(ctx, SYSTEM_ACTOR, {
      branch: 'main',
      date: '2026-02-05',
      note: 'Staff training',
    })
    const { items } = await lib.title()
    const p = await lib.patron()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    expect(localDate(new Date(loan.dueAt), TZ)).toBe('2026-02-06')
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back).toMatchObject({
      wasOnLoan: true,
      fineCents: 0,
      forgotten: true,
      route: { action: 'shelve', branch: 'main' },
    })
  })

  it('applies every block, and lets a role override only what it may, audited', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx, { maxItems: 1 })
    const circ = await staffActor(ctx, 'circulation')
    const { items } = await lib.title([{}, {}, { itemType: 'reference' }])
    const [a, b, ref] = items
    const p = await lib.patron()
    const q = await lib.patron()
    await checkout(ctx, circ, { patronBarcode: p.barcode, itemBarcode: a!.barcode, branch: 'main' })
    expect(
      (
        await failure(
          checkout(ctx, circ, {
            patronBarcode: q.barcode,
            itemBarcode: a!.barcode,
            branch: 'main',
          }),
        )
      ).code,
    ).toBe('ITEM_ALREADY_ON_LOAN')
    expect(
      (
        await failure(
          checkout(ctx, circ, {
            patronBarcode: p.barcode,
            itemBarcode: b!.barcode,
            branch: 'main',
          }),
        )
      ).code,
    ).toBe('TOO_MANY_ITEMS')
    expect(
      (
        await failure(
          checkout(ctx, circ, {
            patronBarcode: q.barcode,
            itemBarcode: ref!.barcode,
            branch: 'main',
          }),
        )
      ).code,
    ).toBe('ITEM_NOT_FOR_LOAN')
    expect(
      (
        await failure(
          checkout(ctx, circ, {
            patronBarcode: q.barcode,
            itemBarcode: ref!.barcode,
            branch: 'main',
            override: ['ITEM_NOT_FOR_LOAN'],
          }),
        )
      ).code,
    ).toBe('OVERRIDE_NOT_ALLOWED')
    await checkout(ctx, circ, {
      patronBarcode: p.barcode,
      itemBarcode: b!.barcode,
      branch: 'main',
      override: ['TOO_MANY_ITEMS'],
    })
    await checkout(ctx, lib.desk, {
      patronBarcode: q.barcode,
      itemBarcode: ref!.barcode,
      branch: 'main',
      override: ['ITEM_NOT_FOR_LOAN'],
    })
    const overrides = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'circ.override')
      .orderBy('seq')
      .execute()
    expect(
      overrides.map((o) => [o.actor_id, (JSON.parse(o.detail) as { block: string }).block]),
    ).toEqual([
      [circ.id, 'TOO_MANY_ITEMS'],
      [lib.desk.id, 'ITEM_NOT_FOR_LOAN'],
    ])
    const lost = await lib.patron()
    await setCardStatus(ctx, SYSTEM_ACTOR, lost.barcode, 'lost')
    const { items: more } = await lib.title()
    expect(
      (
        await failure(
          checkout(ctx, lib.desk, {
            patronBarcode: lost.barcode,
            itemBarcode: more[0]!.barcode,
            branch: 'main',
          }),
        )
      ).code,
    ).toBe('CARD_LOST')
    const expired = await lib.patron({ expiresOn: '2026-01-01' })
    const e = await failure(
      checkout(ctx, lib.desk, {
        patronBarcode: expired.barcode,
        itemBarcode: more[0]!.barcode,
        branch: 'main',
      }),
    )
    expect(e.code).toBe('CARD_EXPIRED')
    expect(
      await ctx.db.selectFrom('loans').select('id').where('item_id', '=', more[0]!.id).execute(),
    ).toEqual([])
  })

  it('lets a self-check machine record blocks only on an offline (no-block) checkout, and never backdate otherwise', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const kiosk = { type: 'sip' as const, id: 'kiosk-1' }
    const { items } = await lib.title([{ itemType: 'reference' }])
    const p = await lib.patron()
    const base = { patronBarcode: p.barcode, itemBarcode: items[0]!.barcode, branch: 'main' }
    expect(
      (await failure(checkout(ctx, kiosk, { ...base, override: ['ITEM_NOT_FOR_LOAN'] }))).code,
    ).toBe('ITEM_NOT_FOR_LOAN')
    expect(
      (await failure(checkout(ctx, lib.desk, { ...base, at: '2026-01-01T10:00:00Z' }))).code,
    ).toBe('FORBIDDEN')
    const offline = await checkout(ctx, kiosk, {
      ...base,
      noBlock: true,
      at: '2026-01-14T10:00:00Z',
    })
    expect(offline.overridden).toEqual(['ITEM_NOT_FOR_LOAN'])
    const loan = await ctx.db
      .selectFrom('loans')
      .select('checked_out_at')
      .where('id', '=', offline.loanId)
      .executeTakeFirstOrThrow()
    expect(loan.checked_out_at).toBe('2026-01-14T10:00:00.000Z')
  })

  it('blocks a patron who owes more than the category allows', async () => {
    const { ctx } = env()
    const { lib, items, lendSecond } = await fortyDaysOverdue(env())
    expect(
      (await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })).fineCents,
    ).toBeGreaterThan(1000)
    expect((await failure(lendSecond())).code).toBe('FINES_OVER_LIMIT')
  })

  it('counts a fine still growing on an item not yet returned toward the limit', async () => {
    const { ctx } = env()
    const { lib, p, lendSecond } = await fortyDaysOverdue(env())
    await accrueOverdueFines(ctx)
    const { fees } = await listFees(ctx, lib.desk, p.id)
    expect(fees.map((f) => f.status)).toEqual(['accruing'])
    expect((await failure(lendSecond())).code).toBe('FINES_OVER_LIMIT')
  })

  it('renews within the limit and refuses when someone else is waiting', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { renewalsAllowed: 2 })
    const { record, items } = await lib.title()
    const p = await lib.patron()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(10 * DAY)
    const first = await renew(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    expect(new Date(first.dueAt).getTime()).toBeGreaterThan(new Date(loan.dueAt).getTime())
    expect(first).toMatchObject({ renewals: 1, renewalsLeft: 1 })
    await renew(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    expect((await failure(renew(ctx, lib.desk, { itemBarcode: items[0]!.barcode }))).code).toBe(
      'RENEWAL_LIMIT',
    )

    const { record: r2, items: i2 } = await lib.title()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: i2[0]!.barcode,
      branch: 'main',
    })
    const other = await lib.patron()
    await placeHold(ctx, lib.desk, { patronId: other.id, recordId: r2.id, pickupBranch: 'main' })
    expect((await failure(renew(ctx, lib.desk, { itemBarcode: i2[0]!.barcode }))).code).toBe(
      'ON_HOLD_FOR_ANOTHER',
    )
    expect(record.id).not.toBe(r2.id)
  })

  it('charges overdue fines at check-in, capped, without closed days', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 30, maxFineCents: 200 })
    await addClosedDay(ctx, SYSTEM_ACTOR, { branch: '*', weekday: 0, note: 'Sundays' })
    clock.set('2026-01-15T16:00:00Z') // Thursday → due Thursday 22nd
    const { items } = await lib.title([{}, {}])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.set('2026-01-26T18:00:00Z') // Monday: Fri, Sat, (Sun closed), Mon = 3 days
    expect(
      (await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })).fineCents,
    ).toBe(90)
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[1]!.barcode,
      branch: 'main',
    })
    clock.advance(60 * DAY)
    expect(
      (await checkin(ctx, lib.desk, { itemBarcode: items[1]!.barcode, branch: 'main' })).fineCents,
    ).toBe(200)
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(290)
  })

  it('takes payments without card data and waives with a reason', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 100, maxFineCents: 1000 })
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(12 * DAY)
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const { owedCents } = await listFees(ctx, lib.desk, p.id)
    expect(owedCents).toBeGreaterThan(300)
    expect(
      (
        await failure(
          takePayment(ctx, lib.desk, p.id, {
            amountCents: 100,
            method: 'card_terminal',
            reference: '4111 1111 1111 1111',
          }),
        )
      ).code,
    ).toBe('REFERENCE_LOOKS_LIKE_CARD')
    expect(
      (
        await failure(
          takePayment(ctx, lib.desk, p.id, { amountCents: owedCents + 1, method: 'cash' }),
        )
      ).code,
    ).toBe('AMOUNT_EXCEEDS_BALANCE')
    expect(
      (
        await takePayment(ctx, lib.desk, p.id, {
          amountCents: 200,
          method: 'card_terminal',
          reference: 'R-20931',
        })
      ).owedCents,
    ).toBe(owedCents - 200)
    const fee = (await listFees(ctx, lib.desk, p.id)).fees[0]!
    // While a balance is owed, the account keeps what was paid toward it, and by whom.
    expect(
      await ctx.db
        .selectFrom('fee_payments')
        .select(['kind', 'amount_cents', 'method', 'reference', 'reason', 'staff_id'])
        .where('patron_id', '=', p.id)
        .execute(),
    ).toEqual([
      {
        kind: 'payment',
        amount_cents: 200,
        method: 'card_terminal',
        reference: 'R-20931',
        reason: null,
        staff_id: lib.desk.id,
      },
    ])
    expect(
      (
        await failure(
          waiveFee(ctx, await staffActor(ctx, 'circulation'), fee.id, { reason: 'Kind gesture' }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect((await waiveFee(ctx, lib.desk, fee.id, { reason: 'First time' })).owedCents).toBe(0)
    // Settled: the fee and the payments toward it are deleted; a second waiver finds nothing.
    expect((await listFees(ctx, lib.desk, p.id)).fees).toEqual([])
    expect((await failure(waiveFee(ctx, lib.desk, fee.id, { reason: 'Again' }))).code).toBe(
      'FEE_NOT_FOUND',
    )
    expect(await ctx.db.selectFrom('fee_payments').selectAll().execute()).toEqual([])
    const month = clock.now().toISOString().slice(0, 7)
    expect(
      await ctx.db
        .selectFrom('fee_counts')
        .select(['month', 'kind', 'outcome', 'count', 'cents'])
        // How the fines were settled; what was charged is counted apart (test/reports).
        .where('outcome', '!=', 'charged')
        .orderBy('kind')
        .execute(),
    ).toEqual([
      { month, kind: 'overdue', outcome: 'waived', count: 1, cents: owedCents },
      { month, kind: 'payment', outcome: 'card_terminal', count: 1, cents: 200 },
      { month, kind: 'waiver', outcome: 'waiver', count: 1, cents: owedCents - 200 },
    ])
  })

  it('charges the replacement price for a lost item and forgives it when the item comes back', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 3200 }])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    expect(await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })).toEqual({
      chargedCents: 3200,
    })
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(3200)
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back).toMatchObject({ wasOnLoan: false, route: { action: 'shelve' } })
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(0)
    // The charge was waived and deleted, and with it the loan: nothing names the patron and the copy.
    expect(
      await ctx.db.selectFrom('loans').select('id').where('item_id', '=', items[0]!.id).execute(),
    ).toEqual([])
    expect(
      await ctx.db.selectFrom('fees').select('id').where('patron_id', '=', p.id).execute(),
    ).toEqual([])
    expect(
      await ctx.db
        .selectFrom('fee_counts')
        .select(['count', 'cents'])
        .where('kind', '=', 'lost')
        .where('outcome', '=', 'waived')
        .execute(),
    ).toEqual([{ count: 1, cents: 3200 }])
  })
})
