import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import {
  cancelHold,
  expireHolds,
  holdShelf,
  patronHolds,
  placeHold,
  resumeHold,
  suspendHold,
} from '../../src/circulation/holds.service.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

const failure = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (err) {
    return err as { code: string }
  }
  throw new Error('expected a failure')
}

describeEngines('holds', (env) => {
  it('queues holds, fills the first at check-in with a pickup code, and never shows a name on the shelf', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const [reader, first, second] = [await lib.patron(), await lib.patron(), await lib.patron()]
    await checkout(ctx, lib.desk, {
      patronBarcode: reader.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const h1 = await placeHold(ctx, lib.desk, {
      patronId: first.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    const h2 = await placeHold(ctx, lib.desk, {
      patronId: second.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    expect([h1.position, h2.position]).toEqual([1, 2])
    expect(
      (
        await failure(
          placeHold(ctx, lib.desk, {
            patronId: first.id,
            recordId: record.id,
            pickupBranch: 'main',
          }),
        )
      ).code,
    ).toBe('ALREADY_ON_HOLD')

    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back.route.action).toBe('hold_shelf')
    const code = back.route.action === 'hold_shelf' ? back.route.pickupCode : ''
    expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/)
    expect((await patronHolds(ctx, lib.desk, first.id))[0]).toMatchObject({
      status: 'ready',
      pickupCode: code,
    })
    expect((await patronHolds(ctx, lib.desk, second.id))[0]).toMatchObject({
      status: 'queued',
      position: 1,
    })

    const shelf = await holdShelf(ctx, lib.desk, 'main')
    expect(shelf.ready).toEqual([
      expect.objectContaining({ pickupCode: code, itemBarcode: items[0]!.barcode }),
    ])
    const firstPatron = await getPatron(ctx, lib.desk, first.id)
    const shown = JSON.stringify(shelf)
    for (const secret of [
      first.barcode,
      firstPatron.familyName ?? 'x',
      firstPatron.givenName ?? 'x',
      first.id,
    ])
      expect(shown).not.toContain(secret)

    const notice = await ctx.db
      .selectFrom('notice_outbox')
      .selectAll()
      .where('patron_id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(notice.kind).toBe('hold_ready')
    expect(JSON.parse(notice.payload ?? 'null')).toMatchObject({ pickupCode: code, branch: 'main' })
    expect(notice.payload).not.toContain(record.title)

    expect(
      (
        await failure(
          checkout(ctx, lib.desk, {
            patronBarcode: second.barcode,
            itemBarcode: items[0]!.barcode,
            branch: 'main',
          }),
        )
      ).code,
    ).toBe('ITEM_ON_HOLD_FOR_ANOTHER')
    await checkout(ctx, lib.desk, {
      patronBarcode: first.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    // Filled: the hold is deleted, not kept as an anonymous row whose dates would match the
    // audit log; the other patron's hold is still queued.
    expect(
      await ctx.db.selectFrom('holds').select('id').where('record_id', '=', record.id).execute(),
    ).toEqual([{ id: h2.id }])
  })

  it('sends a copy returned elsewhere in transit to the pickup branch', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{ branch: 'main' }])
    const holder = await lib.patron()
    await placeHold(ctx, lib.desk, {
      patronId: holder.id,
      recordId: record.id,
      pickupBranch: 'east',
    })
    expect(
      (await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })).route,
    ).toEqual({ action: 'transit', branch: 'east', forHold: true })
    expect((await patronHolds(ctx, lib.desk, holder.id))[0]?.status).toBe('in_transit')
    const arrived = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'east' })
    expect(arrived.route.action).toBe('hold_shelf')
    // Without a hold, a copy returned at another branch goes home.
    const { items: other } = await lib.title([{ branch: 'main' }])
    expect(
      (await checkin(ctx, lib.desk, { itemBarcode: other[0]!.barcode, branch: 'east' })).route,
    ).toEqual({ action: 'transit', branch: 'main', forHold: false })
    expect(
      (await checkin(ctx, lib.desk, { itemBarcode: other[0]!.barcode, branch: 'main' })).route,
    ).toEqual({ action: 'shelve', branch: 'main' })
  })

  it('skips suspended holds and honours them again once resumed', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{}, {}])
    const [a, b] = [await lib.patron(), await lib.patron()]
    const ha = await placeHold(ctx, lib.desk, {
      patronId: a.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await placeHold(ctx, lib.desk, { patronId: b.id, recordId: record.id, pickupBranch: 'main' })
    await suspendHold(ctx, lib.desk, ha.id, { until: null })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect((await patronHolds(ctx, lib.desk, b.id))[0]?.status).toBe('ready')
    expect((await patronHolds(ctx, lib.desk, a.id))[0]?.status).toBe('queued')
    await resumeHold(ctx, lib.desk, ha.id)
    await checkin(ctx, lib.desk, { itemBarcode: items[1]!.barcode, branch: 'main' })
    expect((await patronHolds(ctx, lib.desk, a.id))[0]?.status).toBe('ready')
  })

  it('expires an uncollected hold, forgets its patron and flags the copy', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const [a, b] = [await lib.patron(), await lib.patron()]
    const ha = await placeHold(ctx, lib.desk, {
      patronId: a.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await placeHold(ctx, lib.desk, { patronId: b.id, recordId: record.id, pickupBranch: 'main' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const statusOfA = async () =>
      (
        await ctx.db
          .selectFrom('holds')
          .select('status')
          .where('id', '=', ha.id)
          .executeTakeFirstOrThrow()
      ).status
    clock.advance(7 * DAY)
    await expireHolds(ctx)
    expect(await statusOfA()).toBe('ready')
    clock.advance(2 * DAY)
    expect((await expireHolds(ctx)).expired).toBeGreaterThanOrEqual(1)
    expect(await statusOfA()).toBe('expired')
    const expired = await ctx.db
      .selectFrom('holds')
      .selectAll()
      .where('id', '=', ha.id)
      .executeTakeFirstOrThrow()
    expect(expired).toMatchObject({ status: 'expired', patron_id: null })
    const expiredCodes = async () =>
      (await holdShelf(ctx, lib.desk, 'main')).expired.map((e) => e.itemBarcode)
    expect(await expiredCodes()).toContain(items[0]!.barcode)
    // Pulled from the shelf and checked in, the copy goes to the next hold.
    const next = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(next.route.action).toBe('hold_shelf')
    expect((await patronHolds(ctx, lib.desk, b.id))[0]?.status).toBe('ready')
    expect(await expiredCodes()).not.toContain(items[0]!.barcode)
  })

  it('cancelling a ready hold passes the copy to the next hold', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const [a, b] = [await lib.patron(), await lib.patron()]
    const ha = await placeHold(ctx, lib.desk, {
      patronId: a.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await placeHold(ctx, lib.desk, { patronId: b.id, recordId: record.id, pickupBranch: 'main' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    await cancelHold(ctx, { type: 'patron', id: a.id }, ha.id)
    expect(await patronHolds(ctx, lib.desk, a.id)).toEqual([])
    expect((await patronHolds(ctx, lib.desk, b.id))[0]?.status).toBe('ready')
    expect((await failure(cancelHold(ctx, { type: 'patron', id: a.id }, ha.id))).code).toBe(
      'HOLD_NOT_FOUND',
    )
    const stranger = await lib.patron()
    const hb = (await patronHolds(ctx, lib.desk, b.id))[0]!
    expect((await failure(cancelHold(ctx, { type: 'patron', id: stranger.id }, hb.id))).code).toBe(
      'FORBIDDEN',
    )
  })
})
