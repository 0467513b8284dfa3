// The desk does not lend a copy marked lost, withdrawn or not for loan, nor any copy of a type the
// library has since made library-use-only (copies added earlier keep their own status, so the
// type is checked at the desk too). A loan's audit entry says at which branch it was made.
import { expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { updateItem } from '../../src/catalog/catalog.service.js'
import { saveItemType } from '../../src/library/library.service.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { refusal } from '../harness/refusals.js'

describeEngines('copies the desk does not lend', (env) => {
  it('refuses a copy marked lost, withdrawn or not for loan, and lends none of them', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const { items } = await lib.title([{}, {}, {}])
    const statuses = ['lost', 'withdrawn', 'not_for_loan'] as const
    for (const [i, status] of statuses.entries()) {
      await updateItem(ctx, SYSTEM_ACTOR, items[i]!.barcode, { status })
      const refused = await refusal(lib.lend(p, items[i]!))
      expect(refused.code, status).toBe('ITEM_NOT_FOR_LOAN')
    }
    const loans = await ctx.db
      .selectFrom('loans')
      .select('id')
      .where('patron_id', '=', p.id)
      .execute()
    expect(loans).toEqual([])
  })

  it('refuses a copy whose type became library-use-only after it was added', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const { items } = await lib.title([{ itemType: 'magazine' }, { itemType: 'magazine' }])
    await lib.lend(p, items[0]!)
    await saveItemType(ctx, SYSTEM_ACTOR, { code: 'magazine', name: 'Magazine', notForLoan: true })
    expect((await refusal(lib.lend(p, items[1]!))).code).toBe('ITEM_NOT_FOR_LOAN')
  })

  it('records the branch of each loan in its audit entry', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const { items } = await lib.title([{ branch: 'east' }])
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'east',
    })
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'circ.checkout')
      .where('patron_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(entry.detail)).toEqual({ branch: 'east' })
  })
})
