// The privacy officer's audit log page: names instead of ids, plain words, filters
// (the card number posted and never in an address), stable pages, CSV export, and refusals that
// explain themselves instead of failing.
import { parse } from 'csv-parse/sync'
import { expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { erasePatron, getPatron } from '../../src/patrons/patron.service.js'
import { createStaff } from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient, type Page } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

async function namedStaff(ctx: AppContext, displayName: string): Promise<Actor> {
  const s = await createStaff(ctx, SYSTEM_ACTOR, {
    username: `u${Math.random().toString(36).slice(2, 10)}`,
    displayName,
    password: STAFF_PASSWORD,
    role: 'librarian',
  })
  return { type: 'staff', id: s.id, role: 'librarian' }
}

/** The entry rows of the page's table, as text per row. */
const rowsOf = (page: Page): string[] =>
  [...page.body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => textOf(m[1] ?? '').trim()).slice(1)

describeEngines('web: the audit log for the privacy officer', (env) => {
  const app = useWebApp(() => env().ctx)

  it('shows staff by name, patrons by card and actions in words, never an id', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const wren = await namedStaff(ctx, 'Wren Alder')
    const kept = await lib.patron()
    const gone = await lib.patron()
    await getPatron(ctx, wren, kept.id)
    await getPatron(ctx, wren, gone.id)
    await erasePatron(ctx, await staffActor(ctx, 'admin'), gone.id)
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')

    const page = await officer.get(`/staff/audit?staff=${wren.id}`)
    expect(page.status).toBe(200)
    expect(rowsOf(page)).toEqual([
      expect.stringMatching(/Wren Alder \(Librarian\) Opened a patron record erased patron$/),
      expect.stringMatching(
        new RegExp(`Wren Alder \\(Librarian\\) Opened a patron record ${kept.barcode}$`),
      ),
    ])
    // No patron id anywhere in the page, not even in an attribute; staff ids only in links.
    for (const id of [kept.id, gone.id]) expect(page.body).not.toContain(id)
    expect(textOf(page.body)).not.toContain(wren.id)
    expect(textOf(page.body)).not.toContain('patron.read')

    // The erasure itself: the patron shows as erased, the system's and staff's entries by name.
    const erased = await officer.get('/staff/audit?action=patron.erase')
    expect(erased.body).not.toContain(gone.id)
    expect(rowsOf(erased)[0]).toMatch(
      /Test admin \(Administrator\) Erased a patron record erased patron/,
    )
    const created = await officer.get('/staff/audit?action=staff.create')
    expect(textOf(created.body)).toContain(
      'Carrel, automatically Added a staff account — Staff member: Wren Alder',
    )
  })

  it('filters by staff member, action and local dates through the address, each narrowing the list', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const ash = await namedStaff(ctx, 'Ash Birch')
    const rowan = await namedStaff(ctx, 'Rowan Elm')
    const p = await lib.patron()
    clock.set('2027-03-01T05:00:00.000Z') // 11 pm on February 28 in Chicago
    await getPatron(ctx, ash, p.id)
    clock.set('2027-03-01T07:00:00.000Z') // 1 am on March 1
    await getPatron(ctx, rowan, p.id)
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')

    const byAsh = rowsOf(await officer.get(`/staff/audit?staff=${ash.id}`))
    expect(byAsh).toHaveLength(1)
    expect(byAsh[0]).toContain('Ash Birch')
    const feb = rowsOf(await officer.get('/staff/audit?from=2027-02-28&to=2027-02-28'))
    expect(feb).toHaveLength(1)
    expect(feb[0]).toMatch(/Feb 28, 2027, 11:00 PM Ash Birch/)
    const mar = rowsOf(
      await officer.get('/staff/audit?from=2027-03-01&to=2027-03-01&action=patron.read'),
    )
    expect(mar).toHaveLength(1)
    expect(mar[0]).toMatch(/Mar 1, 2027, 1:00 AM Rowan Elm/)
    const reads = rowsOf(await officer.get('/staff/audit?action=patron.read&from=2027-02-28'))
    expect(reads).toHaveLength(2)
    expect(reads.every((r) => r.includes('Opened a patron record'))).toBe(true)
    // The form shows the filters in use.
    const shown = await officer.get(`/staff/audit?staff=${rowan.id}&action=patron.read`)
    expect(shown.body).toContain(
      `<option value="${rowan.id}" selected>Rowan Elm (Librarian)</option>`,
    )
    expect(shown.body).toContain(
      '<option value="patron.read" selected>Opened a patron record</option>',
    )
  })

  it('takes the card number by post and puts only a session-held token in the address', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const reader = await namedStaff(ctx, 'Card Reader')
    const a = await lib.patron()
    const b = await lib.patron()
    await getPatron(ctx, reader, a.id)
    await getPatron(ctx, reader, b.id)
    await getPatron(ctx, reader, b.id)
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    const form = await officer.get('/staff/audit')
    expect(form.body).toContain('<form method="post" action="/staff/audit/filter"')
    const csrf = hiddenValue(form.body, '_csrf')

    const posted = await officer.post('/staff/audit/filter', {
      _csrf: csrf,
      card: b.barcode,
      staff: reader.id,
      action: '',
      from: '',
      to: '',
    })
    expect(posted.status).toBe(303)
    expect(posted.location).toMatch(
      new RegExp(`^/staff/audit\\?staff=${reader.id}&patron=[A-Za-z0-9_-]{8}$`),
    )
    const page = await officer.follow(posted)
    expect(rowsOf(page)).toHaveLength(2)
    expect(rowsOf(page).every((r) => r.endsWith(b.barcode))).toBe(true)
    expect(textOf(page.body)).toContain(`Only entries about the patron with card ${b.barcode}.`)
    // The form keeps the card (in the page, not the address) so the filter can be changed.
    expect(page.body).toContain(`value="${b.barcode}"`)
    // Paging and download links carry the token, never the card.
    expect(page.body).toMatch(/href="\/staff\/audit\.csv\?staff=[^"]+&amp;patron=[A-Za-z0-9_-]{8}"/)
    for (const { url, page: seen } of officer.seen) {
      expect(url).not.toContain(b.barcode)
      expect(seen.location ?? '').not.toContain(b.barcode)
      expect(url).not.toContain(b.id)
    }

    // The token means nothing in another session.
    const other = new WebClient(app)
    await signInStaff(other, ctx, 'privacy_officer')
    const elsewhere = await other.get(posted.location ?? '')
    expect(elsewhere.status).toBe(200)
    expect(textOf(elsewhere.body)).toContain('The patron filter is no longer held')
    expect(rowsOf(elsewhere)).toEqual([])

    // An unknown card is explained on the form; the list is not shown unfiltered.
    const unknown = await officer.post('/staff/audit/filter', {
      _csrf: csrf,
      card: '29999999999999',
    })
    expect(unknown.status).toBe(404)
    expect(textOf(unknown.body)).toContain('No patron has that card number.')
    expect(unknown.body).toContain('href="#f-card"')
    expect(unknown.body).toContain('aria-describedby="f-card-hint f-card-error"')
    expect(rowsOf(unknown)).toEqual([])
    // No card: a plain redirect with the other filters.
    const plain = await officer.post('/staff/audit/filter', {
      _csrf: csrf,
      card: '',
      action: 'patron.read',
    })
    expect(plain.location).toBe('/staff/audit?action=patron.read')
  })

  it('pages by entry number: the next page stays put while new entries arrive', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const busy = await namedStaff(ctx, 'Busy Page')
    const p = await lib.patron()
    for (let i = 0; i < 53; i++) await getPatron(ctx, busy, p.id)
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    const first = await officer.get(`/staff/audit?staff=${busy.id}`)
    expect(rowsOf(first)).toHaveLength(50)
    const older = /href="(\/staff\/audit\?staff=[^"]+&amp;before=\d+)">Older entries/.exec(
      first.body,
    )?.[1]
    expect(older).toBeDefined()
    expect(first.body).not.toContain('Newer entries')
    const olderUrl = (older ?? '').replaceAll('&amp;', '&')
    const second = await officer.get(olderUrl)
    expect(rowsOf(second)).toHaveLength(3)
    await getPatron(ctx, busy, p.id)
    const again = await officer.get(olderUrl)
    expect(rowsOf(again)).toEqual(rowsOf(second))
    expect(again.body).toContain('Newer entries')
    expect(again.body).toContain('Newest entries')
    expect(again.body).not.toContain('Older entries')

    // A page past the end, and a link that was tampered with, are explained, not failures.
    const past = await officer.get(`/staff/audit?staff=${busy.id}&before=1`)
    expect(past.status).toBe(200)
    expect(textOf(past.body)).toContain('There are no entries on this page.')
    expect(past.body).toContain(`href="/staff/audit?staff=${busy.id}">Newest entries`)
    for (const odd of ['before=abc', 'before=-4', 'after=1.5', 'before=3&after=2', 'before=0']) {
      const bent = await officer.get(`/staff/audit?staff=${busy.id}&${odd}`)
      expect(bent.status, odd).toBe(200)
      expect(textOf(bent.body), odd).toContain('That page link does not fit this log')
      expect(rowsOf(bent), odd).toHaveLength(50)
    }
  })

  it('explains bad dates, an unknown action and an unknown staff member instead of failing', async () => {
    const { ctx } = env()
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    const cases: [string, string, string][] = [
      ['from=2026-02-30', 'The first day is not a real date.', 'from'],
      ['to=31/12/2026', 'The last day is not a real date.', 'to'],
      ['from=2026-03-02&to=2026-03-01', 'The last day comes before the first day.', 'to'],
      ['action=patron.steal', 'The log records no action of that kind.', 'action'],
      ['staff=nobody', 'There is no such staff member.', 'staff'],
      [`action=${'x'.repeat(300)}`, 'The log records no action of that kind.', 'action'],
    ]
    for (const [query, message, field] of cases) {
      const page = await officer.get(`/staff/audit?${query}`)
      expect(page.status, query).toBe(400)
      expect(textOf(page.body), query).toContain(message)
      expect(page.body, query).toContain(`href="#f-${field}"`)
      expect(page.body, query).toContain(`id="f-${field}-error"`)
      expect(rowsOf(page), query).toEqual([])
      // The download refuses the same filter by sending the browser back to the explanation.
      const csv = await officer.get(`/staff/audit.csv?${query}`)
      expect(csv.status, query).toBe(303)
      const back = new URL(csv.location ?? '', 'http://desk.test')
      expect(back.pathname, query).toBe('/staff/audit')
      expect(back.searchParams.toString(), query).toBe(new URLSearchParams(query).toString())
    }
  })

  it('downloads the whole filtered list as quoted CSV named for its dates, and records it', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const quoted = await namedStaff(ctx, 'Reyes, "Pat"')
    const formula = await namedStaff(ctx, '=HYPERLINK("x")')
    const p = await lib.patron()
    for (let i = 0; i < 52; i++) await getPatron(ctx, quoted, p.id)
    await getPatron(ctx, formula, p.id)
    const officer = new WebClient(app)
    const { id: officerId } = await signInStaff(officer, ctx, 'privacy_officer')

    const page = await officer.get(`/staff/audit?staff=${quoted.id}`)
    expect(rowsOf(page)).toHaveLength(50)
    const link = /href="(\/staff\/audit\.csv\?[^"]+)"/.exec(page.body)?.[1] ?? ''
    expect(link).toBe(`/staff/audit.csv?staff=${quoted.id}`)
    const csv = await officer.get(`${link}&from=2026-01-01&to=2030-12-31`)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="audit-log-2026-01-01-to-2030-12-31.csv"',
    )
    expect(csv.body.startsWith('\uFEFF"Entry","Time (UTC)"')).toBe(true)
    expect(csv.body).toContain('"Reyes, ""Pat"" (Librarian)"')
    const rows = parse<Record<string, string>>(csv.body, { bom: true, columns: true })
    // Every matching entry, not only the page shown.
    expect(rows).toHaveLength(52)
    expect(rows[0]).toMatchObject({
      Who: 'Reyes, "Pat" (Librarian)',
      Action: 'Opened a patron record',
      'Action code': 'patron.read',
      'Patron card': p.barcode,
      Details: '',
    })
    expect(rows[0]?.['Time (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(csv.body).not.toContain(p.id)

    // A name that would run as a spreadsheet formula is defused.
    const risky = await officer.get(`/staff/audit.csv?staff=${formula.id}`)
    expect(risky.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-start-to-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(risky.body).toContain(`"'=HYPERLINK(""x"") (Librarian)"`)
    expect(risky.body).not.toMatch(/(^|,)"=/m)

    // The download is itself recorded, with how many entries left.
    const own = await ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('actor_id', '=', officerId)
      .where('action', '=', 'audit.read')
      .orderBy('seq')
      .execute()
    expect(own.map((r) => JSON.parse(r.detail) as unknown)).toContainEqual({
      filters: ['staffId', 'from', 'to'],
      export: 'csv',
      entries: 52,
    })
  })

  it('refuses the page, the filter and the download to roles that may not read the log', async () => {
    const { ctx } = env()
    for (const role of ['librarian', 'circulation'] as const) {
      const c = new WebClient(app)
      await signInStaff(c, ctx, role)
      const csrf = hiddenValue((await c.get('/staff')).body, '_csrf')
      for (const answer of [
        await c.get('/staff/audit'),
        await c.get('/staff/audit.csv'),
        await c.post('/staff/audit/filter', { _csrf: csrf, card: '' }),
        await c.post('/staff/audit/filter', { _csrf: csrf, card: '21234567890123' }),
      ]) {
        expect(answer.status, role).toBe(403)
        expect(textOf(answer.body)).toContain('Your role may not do this (audit.read).')
      }
    }
    const admin = new WebClient(app)
    await signInStaff(admin, ctx, 'admin')
    expect((await admin.get('/staff/audit')).status).toBe(200)
    expect((await admin.get('/staff/audit.csv')).status).toBe(200)
  })
})
