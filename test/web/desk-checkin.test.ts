import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { addItem, createRecord } from '../../src/catalog/catalog.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import type { AppContext } from '../../src/context.js'
import { MAX_RETURNS } from '../../src/web/desk-session.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

/** A title with one copy that has a call number. */
async function copy(ctx: AppContext, title: string, callNumber: string, branch = 'main') {
  const record = await createRecord(ctx, SYSTEM_ACTOR, {
    title,
    author: 'Wren Calloway',
    materialType: 'book',
    year: 2019,
  })
  const item = await addItem(ctx, SYSTEM_ACTOR, {
    recordId: record.id,
    barcode: `3${randomBytes(6).toString('hex')}`,
    callNumber,
    branch,
    itemType: 'book',
    replacementPriceCents: 1500,
  })
  return { record, item }
}

/** The rows of the session's returns table, as text, newest first. */
const returnRows = (html: string): string[] => {
  const section =
    /<section aria-labelledby="returns-heading"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
  return [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => textOf(m[1] ?? '').trim())
    .slice(1)
}

describeEngines('web: the check-in list of this session, and its slips', (env) => {
  const app = useWebApp(() => env().ctx)

  it('lists this session’s returns newest first with barcode, title, call number and where each goes, by branch name', async () => {
    const { ctx, clock } = env()
    clock.set('2026-06-08T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const shelf = await copy(ctx, 'Quiet Rivers', '551.48 QUI')
    const home = await copy(ctx, 'Eastern Gardens', '635 EAS', 'east')
    const held = await copy(ctx, 'The Borrowed Compass', '912 BOR')
    const holder = await lib.patron()
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: holder.id,
      recordId: held.record.id,
      pickupBranch: 'east',
    })
    const borrower = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: borrower.barcode,
      itemBarcode: shelf.item.barcode,
      branch: 'main',
    })

    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const empty = await c.get('/staff/checkin')
    expect(textOf(empty.body)).toContain('Returned in this session (0)')
    expect(textOf(empty.body)).toContain('Nothing checked in yet in this session.')
    const csrf = hiddenValue(empty.body, '_csrf')
    for (const barcode of [shelf.item.barcode, home.item.barcode, held.item.barcode])
      await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: barcode })
    // A refused scan adds nothing.
    await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: 'nope' })

    const page = await c.get('/staff/checkin')
    expect(textOf(page.body)).toContain('Returned in this session (3)')
    expect(returnRows(page.body)).toEqual([
      `${held.item.barcode} The Borrowed Compass 912 BOR Send to East Branch, for a hold Printable slip`,
      `${home.item.barcode} Eastern Gardens 635 EAS Send to East Branch, its home branch Printable slip`,
      `${shelf.item.barcode} Quiet Rivers 551.48 QUI Shelf at Main None needed`,
    ])
    // Nobody's name, card or id is on the page (P10).
    for (const who of [holder, borrower])
      for (const secret of [who.barcode, who.id]) expect(page.body).not.toContain(secret)

    // Kept in the session only: another session sees its own (empty) list, and signing out ends it.
    const other = new WebClient(app)
    await signInStaff(other, ctx, 'circulation')
    expect(textOf((await other.get('/staff/checkin')).body)).toContain(
      'Returned in this session (0)',
    )
    await c.post('/staff/sign-out', { _csrf: hiddenValue(page.body, '_csrf') })
    await signInStaff(c, ctx, 'circulation')
    expect(textOf((await c.get('/staff/checkin')).body)).toContain('Returned in this session (0)')
  })

  it(`keeps at most ${MAX_RETURNS} returns, dropping the oldest, and the session cookie stays under 4 KB`, async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title(
      Array.from({ length: MAX_RETURNS + 5 }, () => ({})),
      'Many Copies',
    )
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const csrf = hiddenValue((await c.get('/staff/checkin')).body, '_csrf')
    let largest = 0
    for (const item of items) {
      const answer = await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: item.barcode })
      for (const line of answer.setCookies) largest = Math.max(largest, line.split(';')[0]!.length)
    }
    expect(largest).toBeGreaterThan(0)
    expect(largest).toBeLessThan(4096)
    const rows = returnRows((await c.get('/staff/checkin')).body)
    expect(rows).toHaveLength(MAX_RETURNS)
    expect(rows[0]).toContain(items[items.length - 1]!.barcode)
    expect(rows.join(' ')).not.toContain(items[0]!.barcode)
    expect(rows.at(-1)).toContain(items[5]!.barcode)
  })

  it('with the longest barcodes, fewer are kept so that the cookie still fits', async () => {
    const { ctx } = env()
    await setUpLibrary(ctx)
    const record = await createRecord(ctx, SYSTEM_ACTOR, {
      title: 'Long Numbers',
      materialType: 'book',
    })
    const barcodes: string[] = []
    for (let i = 0; i < MAX_RETURNS; i++) {
      const barcode = `L${randomBytes(16).toString('hex')}`.slice(0, 32)
      await addItem(ctx, SYSTEM_ACTOR, {
        recordId: record.id,
        barcode,
        branch: 'main',
        itemType: 'book',
        replacementPriceCents: 100,
      })
      barcodes.push(barcode)
    }
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const csrf = hiddenValue((await c.get('/staff/checkin')).body, '_csrf')
    let largest = 0
    for (const barcode of barcodes) {
      const answer = await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: barcode })
      for (const line of answer.setCookies) largest = Math.max(largest, line.split(';')[0]!.length)
    }
    expect(largest).toBeLessThan(3500)
    const rows = returnRows((await c.get('/staff/checkin')).body)
    expect(rows.length).toBeGreaterThan(20)
    expect(rows.length).toBeLessThan(MAX_RETURNS)
    expect(rows[0]).toContain(barcodes.at(-1)!)
  })

  it('prints a transit slip and a hold slip: barcode, call number, date, from and to, the pickup code and collect-by date, and no patron', async () => {
    const { ctx, clock } = env()
    clock.set('2026-06-08T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const home = await copy(ctx, 'Eastern Gardens', '635 EAS', 'east')
    const held = await copy(ctx, 'Salt and Paper', '741.5 SAL')
    const onward = await copy(ctx, 'A Bridge Too Near', '624 BRI')
    const shelved = await copy(ctx, 'Stay Right Here', '100 STA')
    const holder = await lib.patron()
    const farHolder = await lib.patron()
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: holder.id,
      recordId: held.record.id,
      pickupBranch: 'main',
    })
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: farHolder.id,
      recordId: onward.record.id,
      pickupBranch: 'east',
    })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const csrf = hiddenValue((await c.get('/staff/checkin')).body, '_csrf')
    for (const barcode of [
      home.item.barcode,
      held.item.barcode,
      onward.item.barcode,
      shelved.item.barcode,
    ])
      await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: barcode })

    const transit = await c.get(`/staff/checkin/slips/${home.item.barcode}`)
    expect(transit.status).toBe(200)
    const t = textOf(transit.body)
    expect(t).toContain('Transit slip')
    expect(t).toContain('To East Branch')
    expect(t).toContain(`Item barcode ${home.item.barcode}`)
    expect(t).toContain('Call number 635 EAS')
    expect(t).toContain('Date Jun 8, 2026')
    expect(t).toContain('From Main')
    expect(t).toContain('Returning to its home branch.')
    expect(transit.body).toContain('<link rel="stylesheet" href="/assets/carrel.css"')
    expect(transit.body).toContain('class="button secondary no-print" data-print')

    const hold = await c.get(`/staff/checkin/slips/${held.item.barcode}`)
    const h = textOf(hold.body)
    const code = /<p class="code">([^<]+)<\/p>/.exec(hold.body)?.[1] ?? ''
    expect(code).toMatch(/^\S{3,}$/)
    expect(h).toContain('Hold slip')
    expect(h).toContain('Pickup at: Main')
    expect(h).toContain('Collect by: Jun 15, 2026')
    expect(h).toContain('Call number 741.5 SAL')
    expect(h).toContain('From Main')
    expect(h).toContain('To Main')
    const shelfList = await c.get('/staff/holds')
    expect(textOf(shelfList.body)).toContain(`${code} Salt and Paper ${held.item.barcode}`)

    const forHold = textOf((await c.get(`/staff/checkin/slips/${onward.item.barcode}`)).body)
    expect(forHold).toContain('Transit slip: for a hold')
    expect(forHold).toContain('East Branch gives it a pickup code when it arrives.')

    for (const who of [holder, farHolder])
      for (const page of [transit.body, hold.body])
        for (const secret of [who.barcode, who.id]) expect(page).not.toContain(secret)

    // The check-in page links to the newest return's slip and to each onward return's.
    const list = await c.get('/staff/checkin')
    expect(list.body).toContain(`href="/staff/checkin/slips/${held.item.barcode}"`)
    expect(list.body).not.toContain(`href="/staff/checkin/slips/${shelved.item.barcode}"`)

    // No slip for the shelf, for an item not returned in this session, or for another session.
    expect((await c.get(`/staff/checkin/slips/${shelved.item.barcode}`)).status).toBe(404)
    expect((await c.get('/staff/checkin/slips/39999999999999')).status).toBe(404)
    const other = new WebClient(app)
    await signInStaff(other, ctx, 'circulation')
    const theirs = await other.get(`/staff/checkin/slips/${home.item.barcode}`)
    expect(theirs.status).toBe(404)
    expect(textOf(theirs.body)).toContain(
      'it was not sent to a hold or another branch in this session',
    )
  })

  it('the slip shown right after a check-in carries the barcode, call number, date and both branches', async () => {
    const { ctx, clock } = env()
    clock.set('2026-06-08T15:00:00Z')
    await setUpLibrary(ctx)
    const home = await copy(ctx, 'Eastern Gardens', '635 EAS', 'east')
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const csrf = hiddenValue((await c.get('/staff/checkin')).body, '_csrf')
    const shown = await c.follow(
      await c.post('/staff/checkin', { _csrf: csrf, itemBarcode: home.item.barcode }),
    )
    const slip = textOf(/<section class="slip"[\s\S]*?<\/section>/.exec(shown.body)?.[0] ?? '')
    expect(slip).toContain('Send to East Branch')
    expect(slip).toContain(`Item barcode ${home.item.barcode}`)
    expect(slip).toContain('Call number 635 EAS')
    expect(slip).toContain('Date Jun 8, 2026')
    expect(slip).toContain('From Main')
    expect(slip).toContain('To East Branch')
  })
})
