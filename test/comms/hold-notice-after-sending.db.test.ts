// A ready notice that has gone out keeps only its kind, day and outcome; the hold it announced
// can still expire, and its expiry finds nothing of that notice left to remove.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { expireHolds, placeHold } from '../../src/circulation/holds.service.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('a hold whose ready notice has gone out', (env) => {
  it('expires uncollected, leaving what is kept of the sent notice as it was', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{}])
    const p = await lib.patron({
      notify: { notices: true, newsletter: false, policyChanges: false },
    })
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' })
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back.route.action).toBe('hold_shelf')
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 1, maildrop: 1 })

    clock.advance(10 * DAY)
    expect(await expireHolds(ctx)).toEqual({ expired: 1 })
    const kept = await ctx.db
      .selectFrom('notice_outbox')
      .select(['kind', 'status', 'payload'])
      .where('patron_id', '=', p.id)
      .execute()
    expect(kept).toEqual([{ kind: 'hold_ready', status: 'maildrop', payload: null }])
    const [hold] = await ctx.db
      .selectFrom('holds')
      .select(['status', 'patron_id'])
      .where('record_id', '=', record.id)
      .execute()
    expect(hold).toEqual({ status: 'expired', patron_id: null })
  })
})
