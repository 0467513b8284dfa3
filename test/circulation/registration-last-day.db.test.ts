// A registration runs to the end of its last day, counted in the library's own time zone: the
// desk lends on that day, late in the evening too, and refuses from the next morning. A card the
// desk has marked expired is refused whatever the registration's date.
import { expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { setCardStatus } from '../../src/patrons/card.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { refusal } from '../harness/refusals.js'

describeEngines('checkout and the last day of a registration', (env) => {
  it('lends on the last day, late in the evening too, and refuses from the day after', async () => {
    const { ctx, clock } = env()
    expect(ctx.config.library.timezone).toBe('America/Chicago')
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{}, {}, {}])
    const lastDay = await lib.patron({ expiresOn: '2026-03-10' })
    const lapsed = await lib.patron({ expiresOn: '2026-03-09' })
    const lend = (patronBarcode: string, i: number) =>
      checkout(ctx, lib.desk, { patronBarcode, itemBarcode: items[i]!.barcode, branch: 'main' })

    clock.set('2026-03-10T15:00:00Z') // 10:00 in Chicago on the last day
    expect((await lend(lastDay.barcode, 0)).dueAt).toMatch(/^2026-/)
    expect((await refusal(lend(lapsed.barcode, 1))).code).toBe('CARD_EXPIRED')

    clock.set('2026-03-11T04:30:00Z') // 23:30 in Chicago, still the last day there
    expect((await lend(lastDay.barcode, 1)).dueAt).toMatch(/^2026-/)

    clock.set('2026-03-11T05:30:00Z') // 00:30 in Chicago the next day
    expect((await refusal(lend(lastDay.barcode, 2))).code).toBe('CARD_EXPIRED')
  })

  it('refuses a card marked expired even while the registration runs', async () => {
    const { ctx, clock } = env()
    clock.set('2026-03-10T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron({ expiresOn: '2027-03-10' })
    await setCardStatus(ctx, lib.desk, p.barcode, 'expired')
    const refused = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }),
    )
    expect(refused.code).toBe('CARD_EXPIRED')
  })
})
