import { expect, it } from 'vitest'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { cookieAttributes, patronWithPin, PIN, signInPatron, useWebApp } from './web-harness.js'

describeEngines('web: signing in to the account (P7, CSRF)', (env) => {
  const app = useWebApp(() => env().ctx)

  it('sets one sealed, session-only, HttpOnly, SameSite=Strict cookie scoped to /account', async () => {
    const patron = await patronWithPin(env().ctx)
    const c = new WebClient(app)
    const form = await c.get('/account/sign-in')
    expect(form.setCookies).toEqual([])
    const answer = await signInPatron(c, patron.barcode)
    expect(answer.location).toBe('/account')
    expect(answer.setCookies).toHaveLength(1)
    const { name, attrs } = cookieAttributes(answer.setCookies[0] ?? '')
    expect(name).toBe('carrel_account')
    expect(attrs.get('path')).toBe('/account')
    expect(attrs.has('httponly')).toBe(true)
    expect(attrs.get('samesite')).toBe('Strict')
    expect(attrs.has('max-age')).toBe(false)
    expect(attrs.has('expires')).toBe(false)
    expect(attrs.has('secure')).toBe(false)
    expect(attrs.has('domain')).toBe(false)
    // Sealed: neither the patron's id nor their card number can be read from it.
    expect(answer.setCookies[0]).not.toContain(patron.id)
    expect(answer.setCookies[0]).not.toContain(patron.barcode)

    const home = await c.follow(answer)
    expect(home.status).toBe(200)
    expect(textOf(home.body)).toContain(`Hello, ${patron.givenName}.`)
    // Reading pages leaves the cookie alone.
    expect(home.setCookies).toEqual([])
    expect((await c.get('/account/holds')).setCookies).toEqual([])

    const out = await c.post('/account/sign-out', { _csrf: hiddenValue(home.body, '_csrf') })
    expect(out.status).toBe(303)
    expect(out.location).toBe('/')
    expect(cookieAttributes(out.setCookies[0] ?? '').attrs.get('max-age')).toBe('0')
    expect((await c.get('/account')).status).toBe(303)
  })

  it('marks the cookie Secure when the site is served over TLS', async () => {
    const behindProxy = await env().reopen({ http: { trustProxy: true } })
    const tls = await buildHttpApp(behindProxy)
    try {
      const patron = await patronWithPin(behindProxy)
      const c = new WebClient(() => tls, { 'x-forwarded-proto': 'https' })
      const answer = await signInPatron(c, patron.barcode)
      expect(cookieAttributes(answer.setCookies[0] ?? '').attrs.has('secure')).toBe(true)
    } finally {
      await tls.close()
    }
  })

  it('refuses a wrong PIN without a cookie, and locks the card through the shared lockout', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    const token = hiddenValue((await c.get('/account/sign-in')).body, '_form')
    const attempt = (pin: string) =>
      c.post('/account/sign-in', { _form: token, next: '/account', barcode: patron.barcode, pin })
    const wrong = await attempt('11223344')
    expect(wrong.status).toBe(422)
    expect(wrong.setCookies).toEqual([])
    expect(textOf(wrong.body)).toContain('The card number or PIN is not right.')
    expect(wrong.body).not.toContain('11223344')
    for (let i = 1; i < ctx.config.cards.lockoutMaxFailures; i++) await attempt('11223344')
    const locked = await attempt(PIN)
    expect(locked.status).toBe(423)
    expect(locked.setCookies).toEqual([])
    expect(textOf(locked.body)).toContain('locked')
  })

  it('refuses sign-in posts without a fresh form token or from another site', async () => {
    const { ctx, clock } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    const token = hiddenValue((await c.get('/account/sign-in')).body, '_form')
    const fields = { next: '/account', barcode: patron.barcode, pin: PIN }

    const missing = await c.post('/account/sign-in', fields)
    expect(missing.status).toBe(403)
    expect(missing.setCookies).toEqual([])
    const forged = await c.post('/account/sign-in', {
      ...fields,
      _form: `${token.split('.')[0]}.AAAA`,
    })
    expect(forged.status).toBe(403)

    const crossSite = await c.post(
      '/account/sign-in',
      { ...fields, _form: token },
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(crossSite.status).toBe(403)
    const otherOrigin = await c.post(
      '/account/sign-in',
      { ...fields, _form: token },
      { origin: 'https://evil.example' },
    )
    expect(otherOrigin.status).toBe(403)
    expect([crossSite, otherOrigin].flatMap((p) => p.setCookies)).toEqual([])

    clock.advance(41 * 60_000)
    const stale = await c.post('/account/sign-in', { ...fields, _form: token })
    expect(stale.status).toBe(403)
    const fresh = hiddenValue((await c.get('/account/sign-in')).body, '_form')
    const ok = await c.post(
      '/account/sign-in',
      { ...fields, _form: fresh },
      { 'sec-fetch-site': 'same-origin' },
    )
    expect(ok.status).toBe(303)
  })

  it('needs the session token on every signed-in form, and ends the session after an hour', async () => {
    const { ctx, clock } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const choices = await c.get('/account/choices')
    const csrf = hiddenValue(choices.body, '_csrf')

    const noToken = await c.post('/account/choices', { notices: 'on' })
    expect(noToken.status).toBe(403)
    expect(textOf(noToken.body)).toContain('This form has expired')
    const badToken = await c.post('/account/choices', { _csrf: 'x', notices: 'on' })
    expect(badToken.status).toBe(403)
    // Another patron's session token does not fit this session either.
    const other = new WebClient(app)
    await signInPatron(other, (await patronWithPin(ctx)).barcode)
    const otherToken = hiddenValue((await other.get('/account/choices')).body, '_csrf')
    expect((await c.post('/account/choices', { _csrf: otherToken, notices: 'on' })).status).toBe(
      403,
    )
    expect((await c.post('/account/choices', { _csrf: csrf, notices: 'on' })).status).toBe(303)

    clock.advance(61 * 60_000)
    const expired = await c.get('/account/choices')
    expect(expired.status).toBe(303)
    expect(expired.location).toBe('/account/sign-in?next=%2Faccount%2Fchoices')
    const late = await c.post('/account/choices', { _csrf: csrf, notices: 'on' })
    expect(late.status).toBe(303)
    expect(late.location).toBe('/account/sign-in?next=%2Faccount')
  })

  it('sends the browser back only to a page inside the account', async () => {
    const patron = await patronWithPin(env().ctx)
    for (const [next, to] of [
      ['/account/holds', '/account/holds'],
      ['https://evil.example/', '/account'],
      ['//evil.example/account', '/account'],
      ['/accountant', '/account'],
      ['/staff', '/account'],
    ] as const) {
      const c = new WebClient(app)
      const token = hiddenValue((await c.get('/account/sign-in')).body, '_form')
      const answer = await c.post('/account/sign-in', {
        _form: token,
        next,
        barcode: patron.barcode,
        pin: PIN,
      })
      expect({ next, location: answer.location }).toEqual({ next, location: to })
    }
  })
})
