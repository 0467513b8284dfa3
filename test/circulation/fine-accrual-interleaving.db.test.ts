import { expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines } from '../../src/circulation/fees.service.js'
import { DAY } from '../../src/clock.js'
import { setUpLibrary } from '../harness/library.js'
import { describePostgresOnly, lockHolder, outcome } from '../harness/interleave.js'

describePostgresOnly('the daily fine run meeting a check-in [postgres only]', (env) => {
  it('[postgres only] a check-in that lands while the run is under way leaves one fixed fine, not a second one growing', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 25, maxFineCents: 800 })
    const { items } = await lib.title([{}], 'Salt Marsh Almanac')
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(10 * DAY)
    await accrueOverdueFines(ctx)
    clock.advance(DAY)

    const locks = await lockHolder(env())
    try {
      // The check-in closes the loan and fixes the fine, then stops at its audit entry.
      await locks.holdAuditChains()
      const returned = outcome(
        checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' }),
      )
      await locks.waiting(1)
      // The run still sees the loan open (the check-in has not committed) and reaches it.
      const run = outcome(accrueOverdueFines(ctx))
      await locks.waiting(2)
      await locks.releaseAuditChains()
      expect(await returned).toBe('done')
      expect(await run).toBe('done')
    } finally {
      await locks.end()
    }
    const fees = await ctx.db
      .selectFrom('fees')
      .select(['kind', 'status', 'amount_cents'])
      .where('patron_id', '=', p.id)
      .execute()
    expect(fees).toEqual([{ kind: 'overdue', status: 'open', amount_cents: 4 * 25 }])
  })
})
