import { expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { erasePatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('an erased borrower', (env) => {
  it('a reading history kept by choice ends with erasure: a copy the patron still had is forgotten when it comes back', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    await setReadingHistory(ctx, { type: 'patron', id: p.id }, p.id, true)
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await erasePatron(ctx, await staffActor(ctx, 'privacy_officer'), p.id)
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back).toMatchObject({ wasOnLoan: true, fineCents: 0, forgotten: true })
    expect(
      await ctx.db.selectFrom('loans').select('id').where('patron_id', '=', p.id).execute(),
    ).toEqual([])
  })
})
