import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { patronHolds, placeHold } from '../../src/circulation/holds.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { refusal } from '../harness/refusals.js'

async function fulfilledCount(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom('hold_counts')
    .select('count')
    .where('event', '=', 'fulfilled')
    .execute()
  return rows.reduce((sum, r) => sum + r.count, 0)
}

describeEngines('holds at checkout', (env) => {
  it('lending a copy kept for another patron’s hold (overridden) puts that hold back in the queue, first, without the copy or a pickup code', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const [waiting, walkIn] = [await lib.patron(), await lib.patron()]
    await placeHold(ctx, lib.desk, {
      patronId: waiting.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect((await patronHolds(ctx, lib.desk, waiting.id))[0]?.status).toBe('ready')
    const fulfilledBefore = await fulfilledCount(ctx)
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: walkIn.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
      override: ['ITEM_ON_HOLD_FOR_ANOTHER'],
    })
    expect(loan.overridden).toEqual(['ITEM_ON_HOLD_FOR_ANOTHER'])
    const held = await ctx.db
      .selectFrom('holds')
      .select(['status', 'patron_id', 'item_id', 'pickup_code', 'ready_at', 'expires_on'])
      .where('record_id', '=', record.id)
      .execute()
    expect(held).toEqual([
      {
        status: 'queued',
        patron_id: waiting.id,
        item_id: null,
        pickup_code: null,
        ready_at: null,
        expires_on: null,
      },
    ])
    expect((await patronHolds(ctx, lib.desk, waiting.id))[0]).toMatchObject({
      status: 'queued',
      position: 1,
    })
    expect(await fulfilledCount(ctx)).toBe(fulfilledBefore)
  })

  it('a patron under a legal hold who collects their hold: the hold is kept, closed as fulfilled, and counted', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const p = await lib.patron()
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Court order 3' })
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const fulfilledBefore = await fulfilledCount(ctx)
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const kept = await ctx.db
      .selectFrom('holds')
      .select(['status', 'patron_id', 'item_id', 'pickup_code'])
      .where('id', '=', hold.id)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({ status: 'fulfilled', patron_id: p.id, item_id: null, pickup_code: null })
    expect(await fulfilledCount(ctx)).toBe(fulfilledBefore + 1)
  })

  it('a desk checkout that says noBlock is no offline transaction: the blocks still refuse it', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ itemType: 'reference' }])
    const p = await lib.patron()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
        noBlock: true,
      }),
    )
    expect({ kind: err.kind, code: err.code, details: err.details }).toEqual({
      kind: 'rule',
      code: 'ITEM_NOT_FOR_LOAN',
      details: { blocks: ['ITEM_NOT_FOR_LOAN'], overridable: ['ITEM_NOT_FOR_LOAN'] },
    })
  })

  it('an offline self-check transaction never lends a copy still on loan: refused as a block, the other loan untouched', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const kiosk = { type: 'sip' as const, id: 'kiosk-offline' }
    const { items } = await lib.title()
    const [first, second] = [await lib.patron(), await lib.patron()]
    await checkout(ctx, lib.desk, {
      patronBarcode: first.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const err = await refusal(
      checkout(ctx, kiosk, {
        patronBarcode: second.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
        noBlock: true,
        at: '2026-01-14T10:00:00Z',
      }),
    )
    expect({ kind: err.kind, code: err.code, details: err.details }).toEqual({
      kind: 'rule',
      code: 'ITEM_ALREADY_ON_LOAN',
      details: { blocks: ['ITEM_ALREADY_ON_LOAN'], overridable: ['ITEM_ALREADY_ON_LOAN'] },
    })
    const open = await ctx.db
      .selectFrom('loans')
      .select('patron_id')
      .where('item_id', '=', items[0]!.id)
      .where('returned_at', 'is', null)
      .execute()
    expect(open).toEqual([{ patron_id: first.id }])
  })
})
