import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import {
  accrueOverdueFines,
  listFees,
  takePayment,
  waiveFee,
} from '../../src/circulation/fees.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

describeEngines('fee refusals', (env) => {
  /** A patron who owes the replacement price of one lost copy. */
  async function owingPatron() {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 2500 }])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    const fee = (await listFees(ctx, lib.desk, p.id)).fees[0]!
    return { ctx, lib, p, fee }
  }

  it('a payment larger than what is owed is refused with AMOUNT_EXCEEDS_BALANCE and a sentence giving the balance', async () => {
    const { ctx, lib, p } = await owingPatron()
    expectRefusal(
      await refusal(takePayment(ctx, lib.desk, p.id, { amountCents: 2501, method: 'cash' })),
      'rule',
      'AMOUNT_EXCEEDS_BALANCE',
      /owes 2500 cents; take no more than that/,
    )
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(2500)
  })

  it('a payment reference that looks like a card number is refused with REFERENCE_LOOKS_LIKE_CARD and a sentence saying what to use', async () => {
    const { ctx, lib, p } = await owingPatron()
    expectRefusal(
      await refusal(
        takePayment(ctx, lib.desk, p.id, {
          amountCents: 100,
          method: 'card_terminal',
          reference: '4111 1111 1111 1111',
        }),
      ),
      'validation',
      'REFERENCE_LOOKS_LIKE_CARD',
      /may not contain a card number/,
    )
    expect(
      await ctx.db.selectFrom('fee_payments').select('id').where('patron_id', '=', p.id).execute(),
    ).toEqual([])
  })

  it('a waiver larger than the fee is refused with AMOUNT_EXCEEDS_BALANCE and a sentence saying so', async () => {
    const { ctx, lib, fee } = await owingPatron()
    expectRefusal(
      await refusal(waiveFee(ctx, lib.desk, fee.id, { amountCents: 2501, reason: 'Kindness' })),
      'rule',
      'AMOUNT_EXCEEDS_BALANCE',
      /more than is outstanding on this fee/,
    )
  })

  it('an unknown fee is refused with FEE_NOT_FOUND and a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    expectRefusal(
      await refusal(waiveFee(ctx, lib.desk, 'no-such-fee', { reason: 'Kindness' })),
      'not_found',
      'FEE_NOT_FOUND',
      /No such fee/,
    )
  })

  it('a fine still accruing but already paid down to nothing cannot be waived: FEE_SETTLED with a sentence saying so', async () => {
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
    expect(fine).toMatchObject({ status: 'accruing' })
    await takePayment(ctx, lib.desk, p.id, { amountCents: fine.outstandingCents, method: 'cash' })
    expect((await listFees(ctx, lib.desk, p.id)).fees[0]).toMatchObject({
      status: 'accruing',
      outstandingCents: 0,
    })
    expectRefusal(
      await refusal(waiveFee(ctx, lib.desk, fine.id, { reason: 'Kindness' })),
      'rule',
      'FEE_SETTLED',
      /already settled/,
    )
  })

  it('a patron may see only their own fees: another patron is refused with FORBIDDEN and "Not your account."', async () => {
    const { ctx, lib, p } = await owingPatron()
    const other = await lib.patron()
    expectRefusal(
      await refusal(listFees(ctx, { type: 'patron', id: other.id }, p.id)),
      'forbidden',
      'FORBIDDEN',
      /Not your account/,
    )
    expect((await listFees(ctx, { type: 'patron', id: p.id }, p.id)).owedCents).toBe(2500)
  })

  it('taking or waiving money without the right is refused with FORBIDDEN and a sentence naming the permission', async () => {
    const { ctx, p, fee } = await owingPatron()
    const officer = await staffActor(ctx, 'privacy_officer')
    expectRefusal(
      await refusal(takePayment(ctx, officer, p.id, { amountCents: 100, method: 'cash' })),
      'forbidden',
      'FORBIDDEN',
      /Your role may not do this \(fees\.pay\)/,
    )
    const circ = await staffActor(ctx, 'circulation')
    expectRefusal(
      await refusal(waiveFee(ctx, circ, fee.id, { reason: 'Kindness' })),
      'forbidden',
      'FORBIDDEN',
      /Your role may not do this \(fees\.waive\)/,
    )
  })
})
