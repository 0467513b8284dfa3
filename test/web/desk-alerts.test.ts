import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { addDays, localDate } from '../../src/library/calendar.js'
import { setCardStatus } from '../../src/patrons/card.service.js'
import { CARD_EXPIRY_WARNING_DAYS } from '../../src/web/views/staff/desk-alerts.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

/** The alerts box of a patron page, as text ('' when there is none). */
const alertsOf = (html: string): string =>
  textOf(/<section class="notice desk-alerts"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '')

describeEngines('web: desk alerts when a patron is opened', (env) => {
  const app = useWebApp(() => env().ctx)

  const today = () => localDate(env().clock.now(), env().ctx.config.library.timezone)

  it('a hold waiting on the shelf comes first: title, pickup branch (by name), collect-by date and code', async () => {
    const { ctx, clock } = env()
    clock.set('2026-05-04T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{ branch: 'east' }], 'Lanterns over the Harbor')
    const p = await lib.patron()
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'east',
    })
    const routed = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'east' })
    if (routed.route.action !== 'hold_shelf') throw new Error('the copy should wait on the shelf')
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const page = await c.get(`/staff/patrons/${p.id}`)
    const alerts = alertsOf(page.body)
    expect(alerts).toContain('Before you lend')
    expect(alerts).toContain(
      `Hold waiting: “Lanterns over the Harbor” is on the hold shelf at East Branch under pickup code ${routed.route.pickupCode}; collect by May 11, 2026.`,
    )
    // At the top: before the summary and the checkout panel.
    expect(page.body.indexOf('desk-alerts')).toBeLessThan(page.body.indexOf('class="summary"'))
    expect(page.body.indexOf('desk-alerts')).toBeLessThan(page.body.indexOf('id="circ"'))
  })

  it('names each block in words: fines over the limit, an ended registration, no card in use', async () => {
    const { ctx, clock } = env()
    clock.set('2026-05-04T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 2500 }], 'Ledger of Small Debts')
    const owing = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: owing.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode })
    const ended = await lib.patron({ expiresOn: addDays(today(), -3) })
    const cardless = await lib.patron()
    await setCardStatus(ctx, SYSTEM_ACTOR, cardless.barcode, 'lost')
    const clear = await lib.patron()

    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    expect(alertsOf((await c.get(`/staff/patrons/${owing.id}`)).body)).toContain(
      'Blocked: owes $25.00, over the $10.00 limit for Adult. Lending stops until the balance is at or under the limit.',
    )
    expect(alertsOf((await c.get(`/staff/patrons/${ended.id}`)).body)).toContain(
      'Blocked: the registration ended on May 1, 2026. Renew it before lending.',
    )
    expect(alertsOf((await c.get(`/staff/patrons/${cardless.id}`)).body)).toContain(
      'Blocked: no card is in use (lost, replaced or expired).',
    )
    expect(alertsOf((await c.get(`/staff/patrons/${clear.id}`)).body)).toBe('')

    // A role that does not work the desk still sees what blocks lending.
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    expect(alertsOf((await officer.get(`/staff/patrons/${owing.id}`)).body)).toContain(
      'Blocked: owes $25.00',
    )
  })

  it(`flags a card ending within ${CARD_EXPIRY_WARNING_DAYS} days, and not one ending later`, async () => {
    const { ctx, clock } = env()
    clock.set('2026-05-04T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const soon = await lib.patron({ expiresOn: addDays(today(), 10) })
    const edge = await lib.patron({ expiresOn: addDays(today(), CARD_EXPIRY_WARNING_DAYS) })
    const later = await lib.patron({ expiresOn: addDays(today(), CARD_EXPIRY_WARNING_DAYS + 1) })
    const lastDay = await lib.patron({ expiresOn: today() })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    expect(alertsOf((await c.get(`/staff/patrons/${soon.id}`)).body)).toContain(
      'Card ending soon: the registration ends on May 14, 2026 (in 10 days). Offer to renew it.',
    )
    expect(alertsOf((await c.get(`/staff/patrons/${edge.id}`)).body)).toContain(
      `(in ${CARD_EXPIRY_WARNING_DAYS} days)`,
    )
    expect(alertsOf((await c.get(`/staff/patrons/${later.id}`)).body)).toBe('')
    expect(alertsOf((await c.get(`/staff/patrons/${lastDay.id}`)).body)).toContain('(today)')
  })
})
