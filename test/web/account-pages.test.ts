import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { buildHttpApp } from '../../src/http/app.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

describeEngines('web: the patron account', (env) => {
  const app = useWebApp(() => env().ctx)

  it('renews a checkout, places, pauses, resumes and cancels a hold, and shows fines', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const patron = await patronWithPin(ctx)
    const lent = await lib.title([{}], 'Tidewater Almanac')
    const wanted = await lib.title([{ branch: 'east' }], 'Orchard Keeping')
    const barcode = lent.items[0]?.barcode ?? ''
    await checkout(ctx, lib.desk, {
      patronBarcode: patron.barcode,
      itemBarcode: barcode,
      branch: 'main',
    })

    const c = new WebClient(app)
    const home = await c.follow(await signInPatron(c, patron.barcode))
    expect(textOf(home.body)).toContain('Tidewater Almanac')
    expect(home.body).toContain('aria-label="Renew Tidewater Almanac"')
    const renewed = await c.submit('/account', '/account/renew', { item: barcode })
    expect(textOf(renewed.body)).toMatch(/Renewed “Tidewater Almanac”\. It is now due/)
    expect(textOf(renewed.body)).toContain('1×')

    const holdForm = await c.get(`/account/holds/new?record=${wanted.record.id}`)
    expect(textOf(holdForm.body)).toContain('Orchard Keeping')
    const placed = await c.submit(
      `/account/holds/new?record=${wanted.record.id}`,
      '/account/holds',
      {
        record: wanted.record.id,
        pickupBranch: 'main',
      },
    )
    expect(textOf(placed.body)).toContain(
      'Hold placed on “Orchard Keeping”. You are number 1 in line.',
    )
    expect(textOf(placed.body)).toContain('Waiting: number 1 in line.')
    const holdId = /href="\/account\/holds\/([^/"]+)\/cancel"/.exec(placed.body)?.[1] ?? ''
    const again = await c.submit(
      `/account/holds/new?record=${wanted.record.id}`,
      '/account/holds',
      {
        record: wanted.record.id,
        pickupBranch: 'main',
      },
    )
    expect(textOf(again.body)).toContain('You already have a hold on this title.')

    const paused = await c.submit('/account/holds', `/account/holds/${holdId}/suspend`, {
      until: '2026-03-01',
    })
    expect(textOf(paused.body)).toContain('Paused until Mar 1, 2026.')
    const resumed = await c.submit('/account/holds', `/account/holds/${holdId}/resume`, {})
    expect(textOf(resumed.body)).toContain('Hold resumed.')
    const badDate = await c.submit('/account/holds', `/account/holds/${holdId}/suspend`, {
      until: '2026-02-31',
    })
    expect(textOf(badDate.body)).toContain('That is not a real date.')
    // Cancelling asks first, on a page of its own; the hold is still there until confirmed.
    const asked = await c.get(`/account/holds/${holdId}/cancel`)
    expect(textOf(asked.body)).toContain('Cancel this hold?')
    expect(textOf(asked.body)).toContain('Orchard Keeping')
    expect(textOf((await c.get('/account/holds')).body)).toContain('Orchard Keeping')
    const cancelled = await c.submit(
      `/account/holds/${holdId}/cancel`,
      `/account/holds/${holdId}/cancel`,
      {},
    )
    expect(textOf(cancelled.body)).toContain('Hold canceled.')
    expect(textOf(cancelled.body)).toContain('You have no holds.')

    // Another patron's hold is not this patron's to touch.
    const other = await patronWithPin(ctx)
    const c2 = new WebClient(app)
    await signInPatron(c2, other.barcode)
    const theirs = await c2.submit(
      `/account/holds/new?record=${wanted.record.id}`,
      '/account/holds',
      {
        record: wanted.record.id,
        pickupBranch: 'east',
      },
    )
    const theirId = /href="\/account\/holds\/([^/"]+)\/cancel"/.exec(theirs.body)?.[1] ?? ''
    expect((await c.get(`/account/holds/${theirId}/cancel`)).status).toBe(404)
    const refused = await c.submit('/account/holds', `/account/holds/${theirId}/cancel`, {})
    expect(textOf(refused.body)).toContain('That is not part of your account.')

    const fines = await c.get('/account/fines')
    expect(textOf(fines.body)).toMatch(/Fines owed \$0\.00/)
    expect(textOf(fines.body)).toContain('You have no fines or fees on record.')
  })

  it('keeps a reading history only when asked, and erases it when turned off (P3)', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const page = await c.get('/account/history')
    expect(textOf(page.body)).toContain('Turning it off erases it:')

    const on = await c.submit('/account/history', '/account/history', { keep: 'on' })
    expect(textOf(on.body)).toContain('Your reading history is on.')
    const book = await lib.title([{}], 'Salt Roads')
    const item = book.items[0]?.barcode ?? ''
    await checkout(ctx, lib.desk, {
      patronBarcode: patron.barcode,
      itemBarcode: item,
      branch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: item, branch: 'main' })
    expect(textOf((await c.get('/account/history')).body)).toContain('Salt Roads')

    const confirm = await c.get('/account/history/erase')
    expect(textOf(confirm.body)).toContain('This cannot be undone.')
    const off = await c.submit('/account/history/erase', '/account/history', { keep: 'off' })
    expect(textOf(off.body)).toContain(
      'Your reading history is off, and 1 returned item has been erased.',
    )
    expect(textOf(off.body)).not.toContain('Salt Roads')
  })

  it('saves communication choices and changes the PIN', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const saved = await c.submit('/account/choices', '/account/choices', { policyChanges: 'on' })
    expect(textOf(saved.body)).toContain('Your choices are saved.')
    expect(saved.body).toMatch(/id="f-policyChanges" name="policyChanges" value="on" checked/)
    expect(saved.body).not.toMatch(/id="f-notices" name="notices" value="on" checked/)
    // The newsletter has a section of its own (double opt-in), not a checkbox among these.
    expect(saved.body).not.toContain('name="newsletter"')
    const view = await getPatron(ctx, SYSTEM_ACTOR, patron.id)
    expect(view.notify).toEqual({ notices: false, newsletter: false, policyChanges: true })

    const mismatch = await c.submit('/account/pin', '/account/pin', {
      currentPin: '73915284',
      newPin: '50284617',
      repeatPin: '50284618',
    })
    expect(textOf(mismatch.body)).toContain('The two new PINs are not the same.')
    const weak = await c.submit('/account/pin', '/account/pin', {
      currentPin: '73915284',
      newPin: '1234',
      repeatPin: '1234',
    })
    expect(textOf(weak.body)).toContain('That PIN cannot be used')
    const changed = await c.submit('/account/pin', '/account/pin', {
      currentPin: '73915284',
      newPin: '50284617',
      repeatPin: '50284617',
    })
    expect(textOf(changed.body)).toContain('Your PIN is changed.')
    expect(changed.body).not.toContain('50284617')
    await signInPatron(new WebClient(app), patron.barcode, '50284617')
  })

  it('shows everything held with why and until when, and downloads it as JSON and CSV (P2)', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const page = await c.get('/account/my-data')
    const text = textOf(page.body)
    for (const heading of ['Registration', 'Library cards', 'Holds', 'Fines and fees'])
      expect(text).toContain(heading)
    expect(text).toContain('Why we keep it To identify you and reach you about your account.')
    expect(text).toContain(patron.familyName)
    expect(page.body).toContain('href="/account/my-data.json"')

    const json = await c.get('/account/my-data.json')
    expect(json.headers['content-type']).toMatch(/^application\/json/)
    expect(json.headers['content-disposition']).toMatch(
      /^attachment; filename="my-library-data-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    const data = JSON.parse(json.body) as {
      sections: { what: string; why: string; keptUntil: string }[]
    }
    expect(data.sections.map((s) => s.what)).toContain('Registration')
    expect(data.sections.every((s) => s.why !== '' && s.keptUntil !== '')).toBe(true)
    const csv = await c.get('/account/my-data.csv')
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.body.split('\r\n')[0]).toBe('section,why,kept until,field,value')
    expect(csv.body).toContain(patron.familyName)
  })

  it('shows who looked at the record by role and date, unless the library switches it off', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const patron = await patronWithPin(ctx)
    await getPatron(ctx, lib.desk, patron.id)
    const c = new WebClient(app)
    const home = await c.follow(await signInPatron(c, patron.barcode))
    expect(home.body).toContain('href="/account/accesses"')
    const log = textOf((await c.get('/account/accesses')).body)
    expect(log).toContain('Librarian Opened your record')
    expect(log).not.toContain('Test librarian')

    const quiet = await env().reopen({ web: { showAccessLog: false } })
    const quietApp = await buildHttpApp(quiet)
    try {
      const q = new WebClient(() => quietApp)
      const quietHome = await q.follow(await signInPatron(q, patron.barcode))
      expect(quietHome.body).not.toContain('/account/accesses')
      expect((await q.get('/account/accesses')).status).toBe(404)
    } finally {
      await quietApp.close()
    }
  })

  it('answers unknown ids and odd forms with pages, never a 500', async () => {
    const patron = await patronWithPin(env().ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const csrf = hiddenValue((await c.get('/account')).body, '_csrf')
    expect((await c.get('/account/holds/new?record=nope')).status).toBe(404)
    expect((await c.get('/account/holds/new')).status).toBe(404)
    expect((await c.get('/account/holds/nope/cancel')).status).toBe(404)
    for (const [url, form] of [
      ['/account/renew', { _csrf: csrf }],
      ['/account/renew', { _csrf: csrf, item: ['a', 'b'] as string[] }],
      ['/account/holds', { _csrf: csrf, record: 'x'.repeat(500) }],
      ['/account/holds/nope/cancel', { _csrf: csrf }],
      ['/account/holds/nope/suspend', { _csrf: csrf, until: 'soon' }],
      ['/account/pin', { _csrf: csrf }],
    ] as const) {
      const answer = await c.post(url, form)
      expect({ url, status: answer.status }).toEqual({ url, status: 303 })
    }
    const nul = await c.post('/account/choices', { _csrf: csrf, notices: 'a\u0000b' })
    expect(nul.status).toBe(400)
  })
})
