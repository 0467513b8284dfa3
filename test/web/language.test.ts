import { expect, it } from 'vitest'
import { setOwnLanguage } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { expectRefusal, refusal } from '../harness/refusals.js'
import { englishLeftIn } from './english-left.js'
import { hiddenValue, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

const htmlLang = (body: string) => /<html lang="([^"]+)"/.exec(body)?.[1]
const hrefs = (body: string) => [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')

describeEngines('web: the language of a page, chosen without a cookie', (env) => {
  const app = useWebApp(() => env().ctx)

  it('serves /es/ pages in Spanish, keeps links in Spanish, and offers English at the same address', async () => {
    const c = new WebClient(app)
    const home = await c.get('/es/')
    expect(home.status).toBe(200)
    expect(htmlLang(home.body)).toBe('es')
    expect(home.headers['content-language']).toBe('es')
    expect(home.headers.vary ?? '').not.toMatch(/accept-language/i)
    expect(home.setCookies).toEqual([])
    expect(home.body).toContain('Buscar en el catálogo')
    const chrome = /<header[\s\S]*<\/header>/.exec(home.body)?.[0] ?? ''
    const links = [
      ...hrefs(chrome),
      ...hrefs(/<footer[\s\S]*<\/footer>/.exec(home.body)?.[0] ?? ''),
    ]
    expect(links).toContain('/es/search')
    expect(links).toContain('/es/privacy')
    // The account area keeps the language in the address too; its cookie lives under /account.
    expect(links).toContain('/account?lang=es')
    expect(links).toContain('/en/')
    expect(links.filter((l) => l === '/search' || l === '/privacy')).toEqual([])
    expect(englishLeftIn(chrome + (/<footer[\s\S]*<\/footer>/.exec(home.body)?.[0] ?? ''))).toEqual(
      [],
    )
    // And the check finds English where it is left.
    expect(englishLeftIn((await c.get('/en/')).body)).toContain('Skip to main content')

    const search = await c.get('/es/search?q=river')
    expect(htmlLang(search.body)).toBe('es')
    expect(hrefs(search.body)).toContain('/en/search?q=river')
    const english = await c.get('/en/search?q=river')
    expect(htmlLang(english.body)).toBe('en')
    expect(hrefs(english.body)).toContain('/en/privacy')
    expect(hrefs(english.body)).toContain('/es/search?q=river')
  })

  it('follows Accept-Language when the address names no language, and says the answer varies with it', async () => {
    const c = new WebClient(app)
    const spanish = await c.get('/', { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' })
    expect(htmlLang(spanish.body)).toBe('es')
    expect(spanish.headers.vary).toMatch(/accept-language/i)
    // The browser chose, so plain links keep working the same way on the next page.
    expect(hrefs(spanish.body)).toContain('/search')
    expect(hrefs(spanish.body)).toContain('/en/')
    const english = await c.get('/', { 'accept-language': 'de-DE' })
    expect(htmlLang(english.body)).toBe('en')
    expect((await c.get('/')).body).toContain('<html lang="en"')
    // The address wins over the browser.
    expect(htmlLang((await c.get('/en/', { 'accept-language': 'es' })).body)).toBe('en')
  })

  it('gives no language prefix to the staff area or the API, and shows missing pages in the language asked for', async () => {
    const c = new WebClient(app)
    expect((await c.get('/es/staff/sign-in')).status).toBe(404)
    const api = await c.get('/es/api/v1/patrons')
    expect(api.status).toBe(404)
    const missing = await c.get('/es/nowhere')
    expect(missing.status).toBe(404)
    expect(htmlLang(missing.body)).toBe('es')
    expect(missing.body).toContain('No encontramos la página')
    const staff = await c.get('/staff/sign-in', { 'accept-language': 'es' })
    expect(htmlLang(staff.body)).toBe('en')
  })

  it("uses a signed-in patron's stored language on account pages, the address over it, and the browser without one", async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await c.follow(await signInPatron(c, patron.barcode))
    const browser = await c.get('/account', { 'accept-language': 'es' })
    expect(htmlLang(browser.body)).toBe('es')
    await setOwnLanguage(ctx, { type: 'patron', id: patron.id }, { language: 'en' })
    const stored = await c.get('/account', { 'accept-language': 'es' })
    expect(htmlLang(stored.body)).toBe('en')
    expect(stored.headers.vary ?? '').not.toMatch(/accept-language/i)
    const asked = await c.get('/account?lang=es')
    expect(htmlLang(asked.body)).toBe('es')
    expect(hrefs(asked.body)).toContain('/account/holds?lang=es')
    // Signing out lands on the public site in the language the account was in.
    await setOwnLanguage(ctx, { type: 'patron', id: patron.id }, { language: 'es' })
    const csrf = hiddenValue((await c.get('/account')).body, '_csrf')
    const out = await c.post('/account/sign-out', { _csrf: csrf })
    expect(out.location).toBe('/es/')
  })

  it('keeps the language through the sign-in redirect', async () => {
    const c = new WebClient(app)
    const redirect = await c.get('/account/holds?lang=es')
    expect(redirect.status).toBe(303)
    expect(redirect.location).toBe(
      `/account/sign-in?next=${encodeURIComponent('/account/holds?lang=es')}&lang=es`,
    )
    const form = await c.get(redirect.location ?? '')
    expect(htmlLang(form.body)).toBe('es')
  })

  it('stores only a language it offers, and only for the patron signed in', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const me = { type: 'patron' as const, id: patron.id }
    expect(await refusal(setOwnLanguage(ctx, me, { language: 'fr' }))).toMatchObject({
      kind: 'validation',
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/language/) as unknown,
    })
    expectRefusal(
      await refusal(setOwnLanguage(ctx, { type: 'patron', id: 'anonymous' }, { language: 'es' })),
      'forbidden',
      'FORBIDDEN',
      /sign in/i,
    )
    await setOwnLanguage(ctx, me, { language: 'es' })
    expect(
      (
        await ctx.db
          .selectFrom('patrons')
          .select('language')
          .where('id', '=', patron.id)
          .executeTakeFirst()
      )?.language,
    ).toBe('es')
    await setOwnLanguage(ctx, me, { language: null })
    expect(
      (
        await ctx.db
          .selectFrom('patrons')
          .select('language')
          .where('id', '=', patron.id)
          .executeTakeFirst()
      )?.language,
    ).toBeNull()
  })
})
