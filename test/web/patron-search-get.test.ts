// Patron search by GET: the desk posts the search, the words are kept in the sealed
// staff session under a short random token, and the browser lands on a results page whose
// address carries only that token, so Back, Forward and reload work without resubmitting and
// a surname or an email never sits in an address, a Location header or a log.
import { expect, it } from 'vitest'
import { REFS_KEPT } from '../../src/web/session-refs.js'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient, type Page } from './web-client.js'
import { patronWithPin, signInStaff, useWebApp } from './web-harness.js'

const RESULTS = /^\/staff\/patrons\/search\?r=[A-Za-z0-9_-]{8}$/

describeEngines('web: patron search by GET', (env) => {
  const app = useWebApp(() => env().ctx)

  const search = async (c: WebClient, by: string, value: string): Promise<Page> => {
    const csrf = hiddenValue((await c.get('/staff')).body, '_csrf')
    return c.post('/staff/patrons/search', { _csrf: csrf, by, value })
  }

  it('posts the search, then shows the results at an address holding only a token', async () => {
    const { ctx } = env()
    const ada = await patronWithPin(ctx)
    const other = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')

    const posted = await search(c, 'surname', ada.familyName)
    expect(posted.status).toBe(303)
    expect(posted.location).toMatch(RESULTS)
    const url = posted.location ?? ''
    const results = await c.get(url)
    expect(results.status).toBe(200)
    expect(textOf(results.body)).toContain('Patrons found')
    expect(results.body).toContain(`href="/staff/patrons/${ada.id}"`)
    expect(results.body).not.toContain(`href="/staff/patrons/${other.id}"`)
    // The search form above the results keeps the words, in the page (not the address).
    expect(results.body).toContain(`value="${ada.familyName}"`)
    expect(results.body).toContain('<option value="surname" selected>')

    // Reload, or Back and Forward to it: a plain GET that shows the same results again.
    const reloaded = await c.get(url)
    expect(reloaded.status).toBe(200)
    expect(reloaded.body).toContain(`href="/staff/patrons/${ada.id}"`)

    // A second search gets its own token; Back to the first still shows the first results.
    const second = await search(c, 'email', `  ${other.givenName}@nowhere.example  `)
    expect(second.location).toMatch(RESULTS)
    expect(second.location).not.toBe(url)
    const back = await c.get(url)
    expect(back.body).toContain(`href="/staff/patrons/${ada.id}"`)

    // Nothing the patron is known by sat in any address or Location header.
    for (const { url: seen, page } of c.seen) {
      for (const secret of [ada.familyName, other.givenName, ada.familyName.toLowerCase()]) {
        expect(seen).not.toContain(secret)
        expect(page.location ?? '').not.toContain(secret)
      }
    }
  })

  it('records the search hits each time the results are shown', async () => {
    const { ctx } = env()
    const ada = await patronWithPin(ctx)
    const c = new WebClient(app)
    const { id: staffId } = await signInStaff(c, ctx, 'librarian')
    const hits = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('actor_id', '=', staffId)
          .where('action', '=', 'patron.search_hit')
          .where('patron_id', '=', ada.id)
          .execute()
      ).length
    const posted = await search(c, 'surnamePrefix', ada.familyName.slice(0, 5))
    // Posting alone finds no one: the search runs when the results page is shown.
    expect(await hits()).toBe(0)
    await c.get(posted.location ?? '')
    expect(await hits()).toBe(1)
    await c.get(posted.location ?? '')
    expect(await hits()).toBe(2)
  })

  it('shows the empty search form with a note for a token it does not hold', async () => {
    const { ctx } = env()
    const ada = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const plain = await c.get('/staff/patrons/search')
    expect(plain.status).toBe(200)
    expect(textOf(plain.body)).toContain('Find a patron')
    expect(textOf(plain.body)).not.toContain('no longer held')
    expect(plain.body).toContain('<form method="post" action="/staff/patrons/search"')

    for (const token of ['AAAAAAAA', 'not a token', 'x'.repeat(300), '']) {
      const page = await c.get(`/staff/patrons/search?r=${encodeURIComponent(token)}`)
      expect(page.status, token).toBe(200)
      expect(textOf(page.body), token).toContain(
        token === '' ? 'Find a patron' : 'That search is no longer held',
      )
      expect(page.body, token).not.toContain('<table')
    }

    // A token is good only in the session that made it.
    const posted = await search(c, 'surname', ada.familyName)
    const someoneElse = new WebClient(app)
    await signInStaff(someoneElse, ctx, 'circulation')
    const elsewhere = await someoneElse.get(posted.location ?? '')
    expect(elsewhere.status).toBe(200)
    expect(textOf(elsewhere.body)).toContain('That search is no longer held')
    expect(elsewhere.body).not.toContain(ada.id)
    expect(elsewhere.body).not.toContain(ada.familyName)

    // Signing out forgets it too.
    const csrf = hiddenValue((await c.get('/staff')).body, '_csrf')
    await c.post('/staff/sign-out', { _csrf: csrf })
    await signInStaff(c, ctx, 'circulation')
    const after = await c.get(posted.location ?? '')
    expect(textOf(after.body)).toContain('That search is no longer held')
  })

  it(`keeps the last ${REFS_KEPT} searches for Back, and forgets older ones`, async () => {
    const { ctx } = env()
    const ada = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const urls: string[] = []
    for (let i = 0; i <= REFS_KEPT; i++)
      urls.push((await search(c, 'surname', ada.familyName)).location ?? '')
    expect(new Set(urls).size).toBe(REFS_KEPT + 1)
    const oldest = await c.get(urls[0] ?? '')
    expect(textOf(oldest.body)).toContain('That search is no longer held')
    for (const url of urls.slice(1)) {
      const page = await c.get(url)
      expect(page.body, url).toContain(`href="/staff/patrons/${ada.id}"`)
    }
  })

  it('keeps fewer long searches rather than let the session cookie outgrow a browser', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const long = (i: number) => `${String(i).repeat(240)}@example.org`
    const urls: string[] = []
    for (let i = 1; i <= REFS_KEPT; i++) {
      const posted = await search(c, 'email', long(i))
      urls.push(posted.location ?? '')
      for (const line of posted.setCookies) expect(line.length).toBeLessThan(2500)
    }
    // The newest always, and as many before it as fit.
    const newest = await c.get(urls.at(-1) ?? '')
    expect(newest.body).toContain(`value="${long(REFS_KEPT)}"`)
    expect(textOf((await c.get(urls[0] ?? '')).body)).toContain('That search is no longer held')
  })

  it('explains a search too short to run, on the search page, keeping what was typed', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const posted = await search(c, 'surnamePrefix', 'q')
    expect(posted.status).toBe(303)
    const page = await c.get(posted.location ?? '')
    expect(page.status).toBe(400)
    expect(textOf(page.body)).toContain(
      'Give at least two letters of a surname, or a whole email address, phone or card number.',
    )
    expect(page.body).toContain('<option value="surnamePrefix" selected>')
    expect(page.body).toContain('value="q"')
    // An unknown way of searching falls back to the surname.
    const odd = await search(c, 'pin', 'Quillfeather')
    expect((await c.get(odd.location ?? '')).body).toContain('<option value="surname" selected>')
  })
})
