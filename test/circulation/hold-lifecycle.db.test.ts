import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import type { HoldEvent } from '../../src/circulation/circulation.tables.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import {
  cancelHold,
  expireHolds,
  holdShelf,
  patronHolds,
  placeHold,
  resumeHold,
  suspendHold,
} from '../../src/circulation/holds.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

async function holdCount(ctx: AppContext, event: HoldEvent, branch = 'main') {
  const rows = await ctx.db
    .selectFrom('hold_counts')
    .select('count')
    .where('event', '=', event)
    .where('branch', '=', branch)
    .execute()
  return rows.reduce((sum, r) => sum + r.count, 0)
}

async function auditOf(ctx: AppContext, patronId: string, action: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['actor_type', 'actor_id', 'detail'])
    .where('patron_id', '=', patronId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute()
}

async function readyNoticeCodes(ctx: AppContext, patronId: string) {
  const rows = await ctx.db
    .selectFrom('notice_outbox')
    .select('payload')
    .where('patron_id', '=', patronId)
    .where('kind', '=', 'hold_ready')
    .execute()
  return rows
    .map((r) => (JSON.parse(r.payload ?? 'null') as { pickupCode: string }).pickupCode)
    .sort()
}

async function itemState(ctx: AppContext, itemId: string) {
  return ctx.db
    .selectFrom('items')
    .select(['status', 'transit_to'])
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow()
}

describeEngines('the life of a hold', (env) => {
  it('a hold placed after the last one on its title keeps the time it was placed', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const [a, b] = [await lib.patron(), await lib.patron()]
    const first = await placeHold(ctx, lib.desk, {
      patronId: a.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    clock.advance(60 * 60_000)
    const second = await placeHold(ctx, lib.desk, {
      patronId: b.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    expect(second.placedAt).toBe(clock.now().toISOString())
    expect(second.placedAt).not.toBe(first.placedAt)
    expect((await patronHolds(ctx, lib.desk, b.id))[0]).toMatchObject({
      placedAt: clock.now().toISOString(),
      position: 2,
    })
  })

  it('cancelling a queued hold deletes it, counts one cancellation at its pickup branch, and records who cancelled it for whom', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const p = await lib.patron()
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'east',
    })
    const cancelledBefore = await holdCount(ctx, 'cancelled', 'east')
    await cancelHold(ctx, lib.desk, hold.id)
    expect(await patronHolds(ctx, lib.desk, p.id)).toEqual([])
    expect(
      await ctx.db.selectFrom('holds').select('id').where('id', '=', hold.id).execute(),
    ).toEqual([])
    expect(await holdCount(ctx, 'cancelled', 'east')).toBe(cancelledBefore + 1)
    expect(await auditOf(ctx, p.id, 'hold.cancel')).toEqual([
      { actor_type: 'staff', actor_id: lib.desk.id, detail: '{}' },
    ])
  })

  it('cancelling a hold whose copy is on its way to the pickup branch leaves the copy in transit there; it goes home when it arrives', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{ branch: 'main' }])
    const p = await lib.patron()
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'east',
    })
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back.route).toEqual({ action: 'transit', branch: 'east', forHold: true })
    expect((await patronHolds(ctx, lib.desk, p.id))[0]?.status).toBe('in_transit')
    await cancelHold(ctx, lib.desk, hold.id)
    expect(await patronHolds(ctx, lib.desk, p.id)).toEqual([])
    expect(await itemState(ctx, items[0]!.id)).toEqual({ status: 'in_transit', transit_to: 'east' })
    const arrived = await checkin(ctx, lib.desk, {
      itemBarcode: items[0]!.barcode,
      branch: 'east',
    })
    expect(arrived.route).toEqual({ action: 'transit', branch: 'main', forHold: false })
  })

  it('suspending and resuming a hold are audited with the date the suspension ends, "indefinite", or "resumed"', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const p = await lib.patron()
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    const until = new Date(clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10)
    await suspendHold(ctx, lib.desk, hold.id, { until })
    await suspendHold(ctx, { type: 'patron', id: p.id }, hold.id, { until: null })
    await resumeHold(ctx, lib.desk, hold.id)
    expect(await auditOf(ctx, p.id, 'hold.suspend')).toEqual([
      { actor_type: 'staff', actor_id: lib.desk.id, detail: JSON.stringify({ until }) },
      { actor_type: 'patron', actor_id: p.id, detail: '{"until":"indefinite"}' },
      { actor_type: 'staff', actor_id: lib.desk.id, detail: '{"until":"resumed"}' },
    ])
  })

  it('staff looking at a patron’s holds is recorded in the audit log; the patron looking at their own is not', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const p = await lib.patron()
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' })
    expect(await patronHolds(ctx, { type: 'patron', id: p.id }, p.id)).toHaveLength(1)
    expect(await auditOf(ctx, p.id, 'loans.read')).toEqual([])
    expect(await patronHolds(ctx, lib.desk, p.id)).toHaveLength(1)
    expect(await auditOf(ctx, p.id, 'loans.read')).toEqual([
      { actor_type: 'staff', actor_id: lib.desk.id, detail: '{"part":"holds"}' },
    ])
  })

  it('an expired hold is counted once as expired, and only its own ready notice is deleted', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const first = await lib.title()
    const second = await lib.title()
    const [p, other] = [await lib.patron(), await lib.patron()]
    for (const t of [first, second]) {
      await placeHold(ctx, lib.desk, {
        patronId: p.id,
        recordId: t.record.id,
        pickupBranch: 'main',
      })
      await placeHold(ctx, lib.desk, {
        patronId: other.id,
        recordId: t.record.id,
        pickupBranch: 'main',
      })
    }
    // The first title is set aside for the patron today, the second five days later.
    const readyFirst = await checkin(ctx, lib.desk, {
      itemBarcode: first.items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(5 * DAY)
    const readySecond = await checkin(ctx, lib.desk, {
      itemBarcode: second.items[0]!.barcode,
      branch: 'main',
    })
    const code = (r: typeof readyFirst) =>
      r.route.action === 'hold_shelf' ? r.route.pickupCode : ''
    const [firstCode, secondCode] = [code(readyFirst), code(readySecond)]
    expect([readyFirst.route.action, readySecond.route.action]).toEqual([
      'hold_shelf',
      'hold_shelf',
    ])
    expect(await readyNoticeCodes(ctx, p.id)).toEqual([firstCode, secondCode].sort())

    const expiredBefore = await holdCount(ctx, 'expired')
    clock.advance(5 * DAY)
    await expireHolds(ctx)
    expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
    const holds = await patronHolds(ctx, lib.desk, p.id)
    expect(holds.map((h) => [h.recordId, h.status])).toEqual([[second.record.id, 'ready']])
    // The expired hold's notice names the patron and the code still on the shelf: it goes.
    expect(await readyNoticeCodes(ctx, p.id)).toEqual([secondCode])
    expect(await readyNoticeCodes(ctx, other.id)).toEqual([])

    // A second run finds nothing more to expire today.
    await expireHolds(ctx)
    expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
  })

  it('the pull list shows an expired hold’s copy by pickup code, without the dates it was ready and due', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{ branch: 'east' }])
    const p = await lib.patron()
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'east' })
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'east' })
    expect(back.route.action).toBe('hold_shelf')
    const pickupCode = back.route.action === 'hold_shelf' ? back.route.pickupCode : ''
    clock.advance(10 * DAY)
    await expireHolds(ctx)
    const shelf = await holdShelf(ctx, lib.desk, 'east')
    expect(shelf.expired).toContainEqual({
      pickupCode,
      title: record.title,
      itemBarcode: items[0]!.barcode,
      readyAt: '',
      expiresOn: '',
    })
  })

  it('a hold that expired and forgot its patron can no longer be found: HOLD_NOT_FOUND, for the desk as for the patron', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const p = await lib.patron()
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    clock.advance(10 * DAY)
    await expireHolds(ctx)
    for (const actor of [lib.desk, { type: 'patron' as const, id: p.id }]) {
      expectRefusal(
        await refusal(cancelHold(ctx, actor, hold.id)),
        'not_found',
        'HOLD_NOT_FOUND',
        /No such hold/,
      )
      expectRefusal(
        await refusal(suspendHold(ctx, actor, hold.id, { until: null })),
        'not_found',
        'HOLD_NOT_FOUND',
        /No such hold/,
      )
    }
  })
})

describeEngines('the life of a hold under a legal hold on the holds series', (env) => {
  it('a hold left uncollected while the holds series is on legal hold expires but keeps its patron', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const p = await lib.patron()
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { series: 'holds', reason: 'Preservation letter 11' })
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    clock.advance(10 * DAY)
    await expireHolds(ctx)
    expect(
      await ctx.db
        .selectFrom('holds')
        .select(['status', 'patron_id'])
        .where('id', '=', hold.id)
        .execute(),
    ).toEqual([{ status: 'expired', patron_id: p.id }])
  })
})

describeEngines(
  'the life of a hold on a long hold shelf',
  (env) => {
    it('a hold whose ready notice was already disposed of still expires, counted once', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const { record, items } = await lib.title()
      const p = await lib.patron()
      const hold = await placeHold(ctx, lib.desk, {
        patronId: p.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      // Notices are kept 30 days; this shelf keeps a copy 60.
      clock.advance(31 * DAY)
      await runRetention(ctx, SYSTEM_ACTOR)
      expect(await readyNoticeCodes(ctx, p.id)).toEqual([])
      const expiredBefore = await holdCount(ctx, 'expired')
      clock.advance(31 * DAY)
      expect(await expireHolds(ctx)).toEqual({ expired: 1 })
      expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
      expect(
        await ctx.db
          .selectFrom('holds')
          .select(['status', 'patron_id'])
          .where('id', '=', hold.id)
          .execute(),
      ).toEqual([{ status: 'expired', patron_id: null }])
    })
  },
  {
    circulation: { holdShelfDays: 60 },
    retention: { authorities: { notices: { application: '24-017', item: '115' } } },
  },
)
