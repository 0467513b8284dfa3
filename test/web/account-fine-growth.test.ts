import { expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines, listFees } from '../../src/circulation/fees.service.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { DEFAULT_RULE, saveLoanRule } from '../../src/library/library.service.js'
import { formatsFor } from '../../src/i18n/i18n.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

describeEngines('web: a growing fine says how fast it grows and where it stops', (env) => {
  const app = useWebApp(() => env().ctx)

  it('names the daily amount and the cap of an open loan’s fine, in English and Spanish, until the item is back', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 25, maxFineCents: 800 })
    const patron = await patronWithPin(ctx)
    const me = { type: 'patron' as const, id: patron.id }
    const late = await lib.title([{}], 'Tidewater Almanac')
    const barcode = late.items[0]?.barcode ?? ''
    await checkout(ctx, lib.desk, {
      patronBarcode: patron.barcode,
      itemBarcode: barcode,
      branch: 'main',
    })
    clock.advance(10 * DAY)
    await accrueOverdueFines(ctx)

    const [fine] = (await listFees(ctx, me, patron.id)).fees
    expect(fine?.status).toBe('accruing')
    expect(fine?.growth).toEqual({ perDayCents: 25, capCents: 800 })

    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const english = textOf((await c.get('/account/fines?lang=en')).body)
    expect(english).toContain('Tidewater Almanac')
    expect(english).toContain(
      'It grows by $0.25 for each day the item is late, up to $8.00 at most.',
    )
    const es = formatsFor('es', ctx.config.library.timezone)
    const spanish = textOf((await c.get('/account/fines?lang=es')).body)
    expect(spanish).toContain(
      `Aumenta ${es.money(25)} por cada día de atraso, hasta un máximo de ${es.money(800)}.`,
    )

    // Returned: the fine is final, so nothing is said about growing any more.
    await checkin(ctx, lib.desk, { itemBarcode: barcode, branch: 'main' })
    const [settledAmount] = (await listFees(ctx, me, patron.id)).fees
    expect(settledAmount?.status).toBe('open')
    expect(settledAmount?.growth).toBeNull()
    const after = textOf((await c.get('/account/fines?lang=en')).body)
    expect(after).toContain('Overdue fine')
    expect(after).not.toContain('It grows by')
  })

  it('says nothing of growing for a fine fixed at check-in, even beside one that still grows', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 25, maxFineCents: 800 })
    const patron = await patronWithPin(ctx)
    const me = { type: 'patron' as const, id: patron.id }
    const back = await lib.title([{}], 'Salt Marsh Birds')
    const out = await lib.title([{}], 'Winter Gardens')
    for (const t of [back, out])
      await checkout(ctx, lib.desk, {
        patronBarcode: patron.barcode,
        itemBarcode: t.items[0]?.barcode ?? '',
        branch: 'main',
      })
    clock.advance(10 * DAY)
    await accrueOverdueFines(ctx)
    await checkin(ctx, lib.desk, { itemBarcode: back.items[0]?.barcode ?? '', branch: 'main' })
    const growth: Record<string, unknown> = Object.fromEntries(
      (await listFees(ctx, me, patron.id)).fees.map((f) => [
        f.itemTitle ?? '',
        [f.status, f.growth] as const,
      ]),
    )
    expect(growth).toEqual({
      'Salt Marsh Birds': ['open', null],
      'Winter Gardens': ['accruing', { perDayCents: 25, capCents: 800 }],
    })
  })

  it('says there is no upper limit when the rule has no cap, and uses the rule of the loan’s own branch', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 25, maxFineCents: 800 })
    await saveLoanRule(ctx, SYSTEM_ACTOR, {
      ...DEFAULT_RULE,
      branch: 'east',
      loanPeriod: 7,
      finePerDayCents: 40,
      maxFineCents: null,
    })
    const patron = await patronWithPin(ctx)
    const late = await lib.title([{ branch: 'east' }], 'Orchard Keeping')
    await checkout(ctx, lib.desk, {
      patronBarcode: patron.barcode,
      itemBarcode: late.items[0]?.barcode ?? '',
      branch: 'east',
    })
    clock.advance(9 * DAY)
    await accrueOverdueFines(ctx)
    const [fine] = (await listFees(ctx, { type: 'patron', id: patron.id }, patron.id)).fees
    expect(fine?.growth).toEqual({ perDayCents: 40, capCents: null })
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    expect(textOf((await c.get('/account/fines?lang=en')).body)).toContain(
      'It grows by $0.40 for each day the item is late, with no upper limit.',
    )
  })
})
