// What a desk is told when a checkout cannot go ahead: the stable code and a sentence a person
// can act on, with nothing written.
import { expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

describeEngines('checkout refusals', (env) => {
  it('refuses a branch the library does not have, saying so, and lends nothing', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx, {})
    const { items } = await lib.title()
    const p = await lib.patron()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'nowhere',
      }),
    )
    expectRefusal(err, 'validation', 'UNKNOWN_BRANCH', /branch/)
    expect(await ctx.db.selectFrom('loans').select('id').execute()).toEqual([])
  })
})
