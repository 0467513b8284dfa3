import { expect, it } from 'vitest'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { currentLoans } from '../../src/circulation/loans.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal } from '../harness/refusals.js'
import { hiddenValue, textOf, WebClient } from '../web/web-client.js'
import { signInStaff, useWebApp } from '../web/web-harness.js'

describeEngines('declaring a copy lost bills only the borrower the desk meant', (env) => {
  const app = useWebApp(() => env().ctx)

  it('refuses, charging nothing, when the copy is now on loan to someone else', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 2400 }], 'Winter Orchard')
    const first = await lib.patron()
    const second = await lib.patron()
    const lend = (barcode: string) =>
      checkout(ctx, lib.desk, {
        patronBarcode: barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })

    await lend(first.barcode)
    // The desk opens the first patron's confirmation page…
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const patronPage = await c.get(`/staff/patrons/${first.id}`)
    const confirm = await c.post(`/staff/patrons/${first.id}/lost`, {
      _csrf: hiddenValue(patronPage.body, '_csrf'),
      itemBarcode: items[0]!.barcode,
    })
    expect(textOf(confirm.body)).toContain('Declare this item lost?')
    // …meanwhile the copy comes back and goes out to someone else, at no fine: the same amount.
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    await lend(second.barcode)
    const answer = await c.follow(
      await c.post(`/staff/patrons/${first.id}/lost/confirm`, {
        _csrf: hiddenValue(confirm.body, '_csrf'),
        itemBarcode: items[0]!.barcode,
        totalCents: hiddenValue(confirm.body, 'totalCents'),
      }),
    )
    expect(textOf(answer.body)).toContain('This item is not on loan to this patron.')
    expect((await listFees(ctx, lib.desk, second.id)).fees).toEqual([])
    expect((await listFees(ctx, lib.desk, first.id)).fees).toEqual([])
    expect((await currentLoans(ctx, lib.desk, second.id)).map((l) => l.itemBarcode)).toEqual([
      items[0]!.barcode,
    ])

    // The declaration itself checks again under the copy's lock, so even a change in the moment
    // between that check and the charge bills no one else; naming the borrower, it is billed.
    expectRefusal(
      await refusal(
        declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode, patronId: first.id }),
      ),
      'rule',
      'LOAN_CHANGED_HANDS',
      /^This copy is now on loan to someone else\. Nothing was charged\.$/,
    )
    await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode, patronId: second.id })
    expect((await listFees(ctx, lib.desk, second.id)).owedCents).toBe(2400)
  })
})
