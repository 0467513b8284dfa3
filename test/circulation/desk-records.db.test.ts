import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { updateItem } from '../../src/catalog/catalog.service.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { replaceCard } from '../../src/patrons/card.service.js'
import { refusal } from '../harness/refusals.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('what the desk records', (env) => {
  it('a check-in is audited with the branch it was taken at', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'east' })
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('patron_id', '=', p.id)
      .where('action', '=', 'circ.checkin')
      .execute()
    expect(entries).toEqual([{ actor_id: lib.desk.id, detail: '{"branch":"east"}' }])
  })

  it('an item barcode scanned with spaces around it is lent like the bare barcode', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: `  ${items[0]!.barcode} `,
      branch: 'main',
    })
    expect(loan).toMatchObject({ patronId: p.id, itemBarcode: items[0]!.barcode })
  })
  it('a replacement charge is forgiven at check-in only while the copy is marked lost: one withdrawn meanwhile keeps its charge', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 1500 }])
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    await updateItem(ctx, SYSTEM_ACTOR, items[0]!.barcode, { status: 'withdrawn' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect((await listFees(ctx, lib.desk, p.id)).fees).toMatchObject([
      { kind: 'lost', status: 'open', outstandingCents: 1500 },
    ])
  })
  it('a card that has been replaced lends nothing: the old number is refused as a lost card', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    await replaceCard(ctx, SYSTEM_ACTOR, p.barcode, {})
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }),
    )
    expect(err.code).toBe('CARD_LOST')
  })
})
