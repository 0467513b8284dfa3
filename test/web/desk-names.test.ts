import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines } from '../../src/circulation/fees.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { DAY } from '../../src/clock.js'
import { saveBranch, savePatronCategory } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

/** Every access key on a page, in order. */
const accessKeys = (html: string): string[] =>
  [...html.matchAll(/accesskey="([^"]*)"/g)].map((m) => m[1] ?? '')

describeEngines('web: the desk shows names, not codes, and its shortcut keys', (env) => {
  const app = useWebApp(() => env().ctx)

  it('branches, categories, hold, fee and card statuses read as words on the desk, patron, fines and cards pages', async () => {
    const { ctx, clock } = env()
    clock.set('2026-04-06T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'nw-x7', name: 'Northwest Reading Room' })
    await savePatronCategory(ctx, SYSTEM_ACTOR, {
      code: 'sr-q9',
      name: 'Senior reader',
      maxOwedCents: 5000,
    })
    const p = await lib.patron({ category: 'sr-q9', homeBranch: 'nw-x7' })
    const { record } = await lib.title([{}], 'Codes Are for Machines')
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'nw-x7',
    })
    const lent = (await lib.title([{}], 'Late Again')).items[0]!
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: lent.barcode,
      branch: 'main',
    })
    clock.advance(24 * DAY)
    await accrueOverdueFines(ctx)

    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const patron = textOf((await c.get(`/staff/patrons/${p.id}`)).body)
    expect(patron).toContain('Category Senior reader')
    expect(patron).toContain('Home branch Northwest Reading Room')
    expect(patron).toContain(
      'Codes Are for Machines Waiting in the queue, number 1 Northwest Reading Room',
    )
    for (const code of ['sr-q9', 'nw-x7', 'queued', 'Sr q9']) expect(patron).not.toContain(code)

    const fees = textOf((await c.get(`/staff/patrons/${p.id}/fees`)).body)
    expect(fees).toMatch(/Overdue fine — Late Again \$\S+ \$\S+ Still growing/)
    expect(fees).not.toMatch(/\b(accruing|Accruing)\b/)
    expect(fees).toContain('Paid by Cash Check Card terminal')
    expect(fees).not.toContain('Cheque')

    const cards = textOf((await c.get(`/staff/patrons/${p.id}/cards`)).body)
    expect(cards).toContain(`${p.barcode} In use`)
  })

  it('search results name the category', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    await savePatronCategory(ctx, SYSTEM_ACTOR, {
      code: 'kid-z3',
      name: 'Young reader',
      maxOwedCents: 0,
    })
    const p = await lib.patron({ category: 'kid-z3', familyName: 'Brightwater' })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const csrf = hiddenValue((await c.get('/staff')).body, '_csrf')
    const results = await c.follow(
      await c.post('/staff/patrons/search', {
        _csrf: csrf,
        by: 'surname',
        value: 'Brightwater',
      }),
    )
    expect(results.body).toContain(`href="/staff/patrons/${p.id}"`)
    expect(textOf(results.body)).toContain('Young reader')
    expect(textOf(results.body)).not.toContain('kid-z3')
  })

  it('offers shortcut keys for check-out, check-in and patron search, shown on each desk page, one element per key', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const legend =
      'Shortcut keys, with Alt (Alt+Shift in Firefox, Control+Option on a Mac): O check out · I check in · P find a patron'

    const desk = await c.get('/staff')
    expect(textOf(desk.body)).toContain(legend)
    expect(accessKeys(desk.body)).toEqual(['o', 'i', 'p'])
    expect(desk.body).toMatch(/<input id="f-barcode"[^>]*autofocus[^>]*accesskey="o"/)
    expect(desk.body).toMatch(/<a class="button secondary" href="\/staff\/checkin" accesskey="i"/)
    expect(desk.body).toMatch(/<input id="f-value"[^>]*accesskey="p"/)
    // The search key from another page lands in the search field.
    const find = await c.get('/staff?find=1')
    expect(find.body).toMatch(/<input id="f-value"[^>]*autofocus/)
    expect(find.body).not.toMatch(/<input id="f-barcode"[^>]*autofocus/)

    const patron = await c.get(`/staff/patrons/${p.id}`)
    expect(textOf(patron.body)).toContain(legend)
    expect([...accessKeys(patron.body)].sort()).toEqual(['i', 'o', 'p'])
    expect(patron.body).toMatch(/<input id="f-itemBarcode"[^>]*accesskey="o"/)
    expect(patron.body).toContain('href="/staff?find=1" accesskey="p"')

    const checkinPage = await c.get('/staff/checkin')
    expect(textOf(checkinPage.body)).toContain(legend)
    expect([...accessKeys(checkinPage.body)].sort()).toEqual(['i', 'o', 'p'])
    expect(checkinPage.body).toMatch(/<input id="f-itemBarcode"[^>]*autofocus[^>]*accesskey="i"/)
  })
})
