// A copy on its way to another branch to fill a hold is that patron's: the desk does not lend it
// to anyone else meanwhile.
import { expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { refusal } from '../harness/refusals.js'

describeEngines('a copy in transit for a hold', (env) => {
  it('is refused to another patron while it travels to the pickup branch', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{ branch: 'main' }])
    const waiting = await lib.patron()
    const other = await lib.patron()
    await placeHold(ctx, lib.desk, {
      patronId: waiting.id,
      recordId: record.id,
      pickupBranch: 'east',
    })
    const trapped = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(trapped.route).toMatchObject({ action: 'transit', branch: 'east' })
    const hold = await ctx.db
      .selectFrom('holds')
      .select('status')
      .where('patron_id', '=', waiting.id)
      .executeTakeFirstOrThrow()
    expect(hold.status).toBe('in_transit')

    const refused = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: other.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }),
    )
    expect(refused.code).toBe('ITEM_ON_HOLD_FOR_ANOTHER')
  })
})
