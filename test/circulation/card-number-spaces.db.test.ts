// A card number typed or scanned with spaces around it names the same borrower at the desk.
import { expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('card numbers with spaces at the desk', (env) => {
  it('lends to the borrower whose card number came with spaces around it', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const { items } = await lib.title()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: `  ${p.barcode} `,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const row = await ctx.db
      .selectFrom('loans')
      .select('patron_id')
      .where('id', '=', loan.loanId)
      .executeTakeFirstOrThrow()
    expect(row.patron_id).toBe(p.id)
  })
})
