import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInStaff, useWebApp } from './web-harness.js'

describeEngines('web: the circulation desk', (env) => {
  const app = useWebApp(() => env().ctx)

  it('opens a patron by card, checks out with and without htmx, and renews', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const borrower = await patronWithPin(ctx)
    const first = await lib.title([{}], 'Winter Lighthouse')
    const second = await lib.title([{}], 'Copper Kettle Days')
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const desk = await c.get('/staff')
    const csrf = hiddenValue(desk.body, '_csrf')

    const unknown = await c.follow(
      await c.post('/staff/lookup', { _csrf: csrf, barcode: '29999999999999' }),
    )
    expect(textOf(unknown.body)).toContain('No patron has that card number.')
    const blank = await c.follow(await c.post('/staff/lookup', { _csrf: csrf, barcode: ' ' }))
    expect(textOf(blank.body)).toContain('Scan or type a card number first.')
    const short = await c.follow(
      await c.post('/staff/patrons/search', { _csrf: csrf, by: 'surnamePrefix', value: 'q' }),
    )
    expect(textOf(short.body)).toContain('Give at least two letters of a surname')
    const byName = await c.follow(
      await c.post('/staff/patrons/search', {
        _csrf: csrf,
        by: 'surname',
        value: borrower.familyName.toUpperCase(),
      }),
    )
    expect(byName.status).toBe(200)
    expect(byName.body).toContain(`href="/staff/patrons/${borrower.id}"`)
    const opened = await c.post('/staff/lookup', { _csrf: csrf, barcode: borrower.barcode })
    expect(opened.location).toBe(`/staff/patrons/${borrower.id}`)
    const page = await c.follow(opened)
    expect(textOf(page.body)).toContain(`${borrower.familyName}, ${borrower.givenName}`)
    expect(page.body).toMatch(
      /<input id="f-itemBarcode" name="itemBarcode" type="text" value required autocomplete="off" autofocus/,
    )
    expect(page.body).toContain(`hx-post="/staff/patrons/${borrower.id}/checkout"`)

    const itemA = first.items[0]?.barcode ?? ''
    const plain = await c.post(`/staff/patrons/${borrower.id}/checkout`, {
      _csrf: csrf,
      patronBarcode: borrower.barcode,
      itemBarcode: itemA,
    })
    expect(plain.status).toBe(303)
    const after = await c.follow(plain)
    expect(textOf(after.body)).toMatch(/Checked out “Winter Lighthouse” \(\w+\), due/)
    expect(textOf(after.body)).toContain('On loan (1)')

    const itemB = second.items[0]?.barcode ?? ''
    const partial = await c.post(
      `/staff/patrons/${borrower.id}/checkout`,
      { _csrf: csrf, patronBarcode: borrower.barcode, itemBarcode: itemB },
      { 'hx-request': 'true' },
    )
    expect(partial.status).toBe(200)
    expect(partial.body.startsWith('<section id="circ"')).toBe(true)
    expect(partial.body).not.toContain('<html')
    expect(textOf(partial.body)).toContain('Checked out “Copper Kettle Days”')
    expect(textOf(partial.body)).toContain('On loan (2)')
    expect(partial.body).toContain('autofocus')

    const again = await c.post(
      `/staff/patrons/${borrower.id}/checkout`,
      { _csrf: csrf, patronBarcode: borrower.barcode, itemBarcode: itemB },
      { 'hx-request': 'true' },
    )
    expect(again.status).toBe(200)
    expect(textOf(again.body)).toContain('This item is already on loan.')
    expect(again.body).not.toContain('Lend anyway')

    const renewed = await c.follow(
      await c.post(`/staff/patrons/${borrower.id}/renew`, { _csrf: csrf, itemBarcode: itemA }),
    )
    expect(textOf(renewed.body)).toContain(`Renewed ${itemA}: now due`)
    const nothing = await c.follow(
      await c.post(`/staff/patrons/${borrower.id}/checkout`, {
        _csrf: csrf,
        patronBarcode: borrower.barcode,
      }),
    )
    expect(nothing.status).toBe(200)
    expect(textOf(nothing.body)).toContain('Invalid input')
  })

  it('checks in, routes the hold and shows a slip with the pickup code and no patron (P10)', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const borrower = await patronWithPin(ctx)
    const holder = await patronWithPin(ctx)
    const { record, items } = await lib.title([{}], 'Harbour of Small Bells')
    const item = items[0]?.barcode ?? ''
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const csrf = hiddenValue((await c.get('/staff')).body, '_csrf')
    await c.post(`/staff/patrons/${borrower.id}/checkout`, {
      _csrf: csrf,
      patronBarcode: borrower.barcode,
      itemBarcode: item,
    })
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: holder.id,
      recordId: record.id,
      pickupBranch: 'main',
    })

    const answer = await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: item })
    expect(answer.status).toBe(303)
    expect(answer.location).toBe('/staff/checkin')
    const slipPage = await c.follow(answer)
    const slip = /<section class="slip"[\s\S]*?<\/section>/.exec(slipPage.body)?.[0] ?? ''
    const code = /<p class="code">([^<]+)<\/p>/.exec(slip)?.[1] ?? ''
    expect(code).toMatch(/^\S{3,}$/)
    expect(textOf(slip)).toContain('Put on the hold shelf')
    expect(textOf(slip)).toContain('Harbour of Small Bells')
    expect(textOf(slip)).toContain('Pickup at: Main')
    for (const who of [holder, borrower])
      for (const secret of [who.givenName, who.familyName, who.barcode, who.id])
        expect(slipPage.body).not.toContain(secret)
    expect(slipPage.body).toMatch(/autofocus/)
    // Shown once: the next visit has a fresh scan field and no slip.
    expect((await c.get('/staff/checkin')).body).not.toContain('class="slip"')

    const shelf = await c.get('/staff/holds')
    expect(textOf(shelf.body)).toContain(`${code} Harbour of Small Bells ${item}`)
    expect(shelf.body).not.toContain(holder.familyName)

    clock.advance((ctx.config.circulation.holdShelfDays + 2) * 86_400_000)
    // Days later: a new shift, a new session.
    expect((await c.get('/staff/holds')).location).toBe('/staff/sign-in')
    await signInStaff(c, ctx, 'circulation')
    const later = hiddenValue((await c.get('/staff/holds')).body, '_csrf')
    const expired = await c.follow(
      await c.post('/staff/holds/expire', { _csrf: later, branch: 'main' }),
    )
    expect(textOf(expired.body)).toContain('1 hold has expired; pull the copies listed below.')
    expect(textOf(expired.body)).toMatch(
      /Expired holds still on the shelf .*Harbour of Small Bells/,
    )
    expect(textOf(expired.body)).toContain('Nothing is waiting on this shelf.')

    const unknown = await c.follow(
      await c.post('/staff/checkin', { _csrf: later, itemBarcode: 'nope' }),
    )
    expect(textOf(unknown.body)).toContain('No item has that barcode.')
  })

  it('offers an override only to a role allowed it, and records it', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const borrower = await patronWithPin(ctx)
    const holder = await patronWithPin(ctx)
    const { record, items } = await lib.title([{}], 'The Kept Copy')
    const item = items[0]?.barcode ?? ''
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: holder.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: item, branch: 'main' })

    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    const deskCsrf = hiddenValue((await desk.get('/staff')).body, '_csrf')
    const noOffer = await desk.follow(
      await desk.post(`/staff/patrons/${borrower.id}/checkout`, {
        _csrf: deskCsrf,
        patronBarcode: borrower.barcode,
        itemBarcode: item,
      }),
    )
    expect(textOf(noOffer.body)).toContain('This item is being kept for another patron’s hold.')
    expect(noOffer.body).not.toContain('Lend anyway')

    const librarian = new WebClient(app)
    await signInStaff(librarian, ctx, 'librarian')
    const csrf = hiddenValue((await librarian.get('/staff')).body, '_csrf')
    const offer = await librarian.follow(
      await librarian.post(`/staff/patrons/${borrower.id}/checkout`, {
        _csrf: csrf,
        patronBarcode: borrower.barcode,
        itemBarcode: item,
      }),
    )
    expect(offer.body).toContain('Lend anyway')
    expect(offer.body).toContain('name="override" value="ITEM_ON_HOLD_FOR_ANOTHER"')
    const lent = await librarian.follow(
      await librarian.post(`/staff/patrons/${borrower.id}/checkout`, {
        _csrf: csrf,
        patronBarcode: borrower.barcode,
        itemBarcode: item,
        override: 'ITEM_ON_HOLD_FOR_ANOTHER',
      }),
    )
    expect(textOf(lent.body)).toContain('Override recorded: Item on hold for another.')
  })
})
