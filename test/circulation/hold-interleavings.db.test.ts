import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import type { HoldEvent } from '../../src/circulation/circulation.tables.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { cancelHold, expireHolds, placeHold } from '../../src/circulation/holds.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { describePostgresOnly, lockHolder, outcome } from '../harness/interleave.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

// Two desks (or two runs of the daily job) acting on one hold at the same moment, interleaved
// on PostgreSQL (test/harness/interleave.ts).

async function holdCount(ctx: AppContext, event: HoldEvent) {
  const rows = await ctx.db
    .selectFrom('hold_counts')
    .select('count')
    .where('event', '=', event)
    .execute()
  return rows.reduce((sum, r) => sum + r.count, 0)
}

describePostgresOnly('one hold acted on twice at the same moment [postgres only]', (env) => {
  it('[postgres only] two desks cancelling one hold at once: one cancels it, the other is told it changed, and one cancellation is counted', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const p = await lib.patron()
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    const cancelledBefore = await holdCount(ctx, 'cancelled')
    const locks = await lockHolder(env())
    let first: Promise<string>
    let second: Promise<string>
    try {
      await locks.holdAuditChains()
      first = outcome(cancelHold(ctx, lib.desk, hold.id))
      await locks.waiting(1)
      second = outcome(cancelHold(ctx, lib.desk, hold.id))
      await locks.waiting(2)
      await locks.releaseAuditChains()
      expect(await first).toBe('done')
      expect(await second).toBe('HOLD_CLOSED: This hold changed while it was being cancelled.')
    } finally {
      await locks.end()
    }
    expect(await holdCount(ctx, 'cancelled')).toBe(cancelledBefore + 1)
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('patron_id', '=', p.id)
      .where('action', '=', 'hold.cancel')
      .execute()
    expect(audited).toHaveLength(1)
  })

  it('[postgres only] the same hold placed twice at once: the second waits for the first, then is refused as already on hold', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const p = await lib.patron()
    const place = () =>
      outcome(
        placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' }),
      )
    const locks = await lockHolder(env())
    try {
      await locks.holdAuditChains()
      const first = place()
      await locks.waiting(1)
      const second = place()
      await locks.waiting(2)
      await locks.releaseAuditChains()
      expect(await first).toBe('done')
      expect(await second).toBe('ALREADY_ON_HOLD: This patron already has a hold on this title.')
    } finally {
      await locks.end()
    }
    expect(
      await ctx.db.selectFrom('holds').select('status').where('patron_id', '=', p.id).execute(),
    ).toEqual([{ status: 'queued' }])
  })

  /** A hold set aside for a new patron, then left on the shelf past its date. */
  async function uncollectedHold(ctx: AppContext) {
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title()
    const p = await lib.patron()
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    return { lib, p, hold }
  }

  /** Two runs of the daily expiry job at once; the first stops at the day's hold counts. */
  async function twoExpiryRuns(ctx: AppContext) {
    const locks = await lockHolder(env())
    try {
      await locks.client.query('begin')
      await locks.client.query('lock table hold_counts in exclusive mode')
      const first = outcome(expireHolds(ctx))
      await locks.waiting(1)
      const second = outcome(expireHolds(ctx))
      await locks.waiting(2)
      await locks.client.query('commit')
      return [await first, await second]
    } finally {
      await locks.end()
    }
  }

  const statusAndPatron = (ctx: AppContext, holdId: string) =>
    ctx.db.selectFrom('holds').select(['status', 'patron_id']).where('id', '=', holdId).execute()

  it('[postgres only] two runs of the expiry job at once expire an uncollected hold once and count it once', async () => {
    const { ctx, clock } = env()
    const { hold } = await uncollectedHold(ctx)
    clock.advance(10 * DAY)
    const expiredBefore = await holdCount(ctx, 'expired')
    expect(await twoExpiryRuns(ctx)).toEqual(['done', 'done'])
    expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
    expect(await statusAndPatron(ctx, hold.id)).toEqual([{ status: 'expired', patron_id: null }])
  })

  it('[postgres only] two runs of the expiry job at once, for a patron under a legal hold, expire the hold once, keep its patron and count it once', async () => {
    const { ctx, clock } = env()
    const { p, hold } = await uncollectedHold(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Court order 31' })
    clock.advance(10 * DAY)
    const expiredBefore = await holdCount(ctx, 'expired')
    expect(await twoExpiryRuns(ctx)).toEqual(['done', 'done'])
    expect(await holdCount(ctx, 'expired')).toBe(expiredBefore + 1)
    expect(await statusAndPatron(ctx, hold.id)).toEqual([{ status: 'expired', patron_id: p.id }])
  })
})
