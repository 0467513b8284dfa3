import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { buildHttpApp } from '../../src/http/app.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInStaff, useWebApp } from './web-harness.js'

const registration = {
  givenName: 'Marisol',
  familyName: 'Oakhurst',
  line1: '12 Fern Row',
  city: 'Thornton',
  postcode: '60476',
  email: 'marisol@example.org',
  category: 'adult',
  homeBranch: 'main',
  notices: 'on',
}

describeEngines('web: registration, card accounts and the catalogue at the desk', (env) => {
  const app = useWebApp(() => env().ctx)

  it('registers and edits patrons without ever offering or storing a switched-off field', async () => {
    const ctx = await env().reopen({ patrons: { fields: { sex: false, licenceNumber: false } } })
    const trimmed = await buildHttpApp(ctx)
    try {
      const c = new WebClient(() => trimmed)
      await signInStaff(c, ctx, 'librarian')
      const form = await c.get('/staff/patrons/new')
      expect(form.body).toContain('name="birthDate"')
      expect(form.body).not.toContain('name="sex"')
      expect(form.body).not.toContain('name="licenceNumber"')

      const refused = await c.post('/staff/patrons', {
        _csrf: hiddenValue(form.body, '_csrf'),
        ...registration,
        postcode: '',
      })
      expect(refused.status).toBe(400)
      expect(textOf(refused.body)).toContain('ZIP code: Fill this in.')
      expect(refused.body).toContain('value="Oakhurst"')

      const done = await c.post('/staff/patrons', {
        _csrf: hiddenValue(form.body, '_csrf'),
        ...registration,
        sex: 'F',
        licenceNumber: 'D1234567',
        pin: '50284617',
      })
      expect(done.status).toBe(303)
      const id = /\/staff\/patrons\/([^/]+)$/.exec(done.location ?? '')?.[1] ?? ''
      const view = await getPatron(ctx, SYSTEM_ACTOR, id)
      expect({ sex: view.sex, licence: view.licenceNumber, email: view.email }).toEqual({
        sex: null,
        licence: null,
        email: 'marisol@example.org',
      })
      expect(view.cards[0]?.hasPin).toBe(true)
      expect(textOf((await c.follow(done)).body)).toMatch(/Registered\. Card \d+ is ready to use\./)

      const edit = await c.get(`/staff/patrons/${id}/edit`)
      expect(edit.body).toContain('value="12 Fern Row"')
      const saved = await c.follow(
        await c.post(`/staff/patrons/${id}/edit`, {
          _csrf: hiddenValue(edit.body, '_csrf'),
          ...registration,
          line1: '14 Fern Row',
          email: '',
        }),
      )
      expect(textOf(saved.body)).toContain('Registration saved.')
      const after = await getPatron(ctx, SYSTEM_ACTOR, id)
      expect({ line1: after.address?.line1, email: after.email }).toEqual({
        line1: '14 Fern Row',
        email: null,
      })
    } finally {
      await trimmed.close()
    }
  })

  it('never offers a field the role may not see for editing, so it cannot be overwritten', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx, { birthDate: '1984-03-09' })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const edit = await c.get(`/staff/patrons/${patron.id}/edit`)
    expect(edit.body).not.toContain('name="birthDate"')
    expect(textOf(edit.body)).toContain('Date of birth: not shown to your role')
    await c.post(`/staff/patrons/${patron.id}/edit`, {
      _csrf: hiddenValue(edit.body, '_csrf'),
      ...registration,
      birthDate: '2001-01-01',
    })
    expect((await getPatron(ctx, SYSTEM_ACTOR, patron.id)).birthDate).toBe('1984-03-09')
  })

  it('takes a payment, waives the rest, keeps the card balance and notes, and manages cards', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const patron = await patronWithPin(ctx)
    const { items } = await lib.title([{ price: 2500 }], 'Borrowed and Gone')
    const item = items[0]?.barcode ?? ''
    await checkout(ctx, lib.desk, {
      patronBarcode: patron.barcode,
      itemBarcode: item,
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: item })

    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const fees = `/staff/patrons/${patron.id}/fees`
    expect(textOf((await c.get(fees)).body)).toMatch(/Fines owed \$25\.00/)
    const bad = await c.submit(fees, `/staff/patrons/${patron.id}/payments`, {
      amount: 'ten',
      method: 'cash',
    })
    expect(textOf(bad.body)).toContain('Give the amount in dollars and cents')
    const card = await c.submit(fees, `/staff/patrons/${patron.id}/payments`, {
      amount: '10',
      method: 'card_terminal',
      reference: '4111 1111 1111 1111',
    })
    expect(textOf(card.body)).toContain('may not contain a card number')
    const paid = await c.submit(fees, `/staff/patrons/${patron.id}/payments`, {
      amount: '10.00',
      method: 'cash',
    })
    expect(textOf(paid.body)).toContain('Payment recorded. Still owed: $15.00.')
    const feeId = /action="\/staff\/fees\/([^/]+)\/waive"/.exec(paid.body)?.[1] ?? ''
    // Whatever is posted as the patron, only a patron id is sent back as an address.
    const form = await c.get(fees)
    const csrf = hiddenValue(form.body, '_csrf')
    for (const odd of ['//evil.example/x', 'x'.repeat(4000), '../../staff/audit'])
      expect(
        (await c.post(`/staff/fees/${feeId}/waive`, { _csrf: csrf, patron: odd, reason: '' }))
          .location,
      ).toBe('/staff')
    const waived = await c.submit(fees, `/staff/fees/${feeId}/waive`, {
      patron: patron.id,
      reason: 'Found at home, damaged',
    })
    expect(textOf(waived.body)).toContain('Waived. Still owed: $0.00.')
    const credited = await c.submit(fees, `/staff/patrons/${patron.id}/ledger`, {
      kind: 'credit',
      amount: '5',
      reason: 'Printing credit',
    })
    expect(textOf(credited.body)).toContain('Entry added. The card balance is $5.00.')

    const notes = `/staff/patrons/${patron.id}/notes`
    const noted = await c.submit(notes, notes, { body: 'Prefers large print.' })
    expect(textOf(noted.body)).toContain('Prefers large print.')

    const cards = `/staff/patrons/${patron.id}/cards`
    const lost = await c.submit(cards, `${cards}/status`, {
      barcode: patron.barcode,
      status: 'lost',
    })
    expect(textOf(lost.body)).toContain('Card reported lost')
    const replaced = await c.submit(cards, `${cards}/replace`, { barcode: patron.barcode })
    const fresh = /The new card number is (\d+)/.exec(textOf(replaced.body))?.[1] ?? ''
    expect(fresh).not.toBe('')
    const pin = await c.submit(cards, `${cards}/pin`, { barcode: fresh, pin: '1111' })
    expect(textOf(pin.body)).toContain('That PIN cannot be used')
    expect(pin.body).not.toContain('value="1111"')
  })

  it('adds a title and copies and edits a copy, within the catalogue permissions', async () => {
    const { ctx } = env()
    await setUpLibrary(ctx)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const made = await c.submit('/staff/catalog', '/staff/records', {
      title: 'Field Notes on Moss',
      author: 'Ines Calder',
      year: '2019',
      materialType: 'book',
    })
    expect(textOf(made.body)).toContain('Title added. Now add its copies.')
    const recordPath = /action="(\/staff\/records\/[^"]+)\/items"/.exec(made.body)?.[1] ?? ''
    const added = await c.submit(recordPath, `${recordPath}/items`, {
      barcode: 'MOSS-001',
      branch: 'east',
      itemType: 'book',
      price: '18.50',
    })
    expect(textOf(added.body)).toContain('Copy MOSS-001 added.')
    expect(textOf(added.body)).toContain('MOSS-001 East Branch Book')
    const dup = await c.submit(recordPath, `${recordPath}/items`, {
      barcode: 'MOSS-001',
      branch: 'east',
      itemType: 'book',
      price: '18.50',
    })
    expect(textOf(dup.body)).toContain('An item already has that barcode.')
    const found = await c.get('/staff/items?barcode=MOSS-001')
    expect(found.location).toBe('/staff/items/MOSS-001')
    const saved = await c.submit('/staff/items/MOSS-001', '/staff/items/MOSS-001', {
      callNumber: '588.2 CAL',
      branch: 'main',
      itemType: 'book',
      price: '20',
      status: 'not_for_loan',
    })
    expect(textOf(saved.body)).toContain('Copy MOSS-001 saved.')
    expect(textOf(saved.body)).toContain('MOSS-001 Main Book 588.2 CAL Not for loan $20.00')
    expect((await c.get('/staff/items/NOPE')).status).toBe(404)

    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    const refused = await desk.follow(
      await desk.post('/staff/records', {
        _csrf: hiddenValue((await desk.get('/staff/catalog')).body, '_csrf'),
        title: 'X',
        materialType: 'book',
      }),
    )
    expect(refused.status).toBe(403)
    expect(textOf(refused.body)).toContain('Your role may not do this (catalog.manage).')
  })
})
