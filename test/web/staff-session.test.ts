import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { updateStaff } from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { cookieAttributes, patronWithPin, signInStaff, useWebApp } from './web-harness.js'

describeEngines('web: staff sign-in, roles and the admin pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('signs in with one cookie scoped to /staff and refuses a wrong password without one', async () => {
    const c = new WebClient(app)
    const token = hiddenValue((await c.get('/staff/sign-in')).body, '_form')
    const wrong = await c.post('/staff/sign-in', {
      _form: token,
      username: 'nobody',
      password: 'wrong wrong',
      branch: 'main',
    })
    expect(wrong.status).toBe(401)
    expect(wrong.setCookies).toEqual([])
    expect(textOf(wrong.body)).toContain('The username or password is not right.')

    const { answer } = await signInStaff(c, env().ctx, 'librarian')
    // The session, and the mark of a known browser that only the sign-in form reads.
    expect(answer.setCookies).toHaveLength(2)
    const cookies = new Map(
      answer.setCookies.map((line) => {
        const { name, attrs } = cookieAttributes(line)
        return [name, attrs] as const
      }),
    )
    const attrs = cookies.get('carrel_staff') ?? new Map<string, string>()
    expect(attrs.get('path')).toBe('/staff')
    expect(attrs.get('samesite')).toBe('Strict')
    expect(attrs.has('httponly')).toBe(true)
    expect(attrs.has('max-age') || attrs.has('expires')).toBe(false)
    const device = cookies.get('carrel_staff_device') ?? new Map<string, string>()
    expect(device.get('path')).toBe('/staff/sign-in')
    expect(device.get('samesite')).toBe('Strict')
    expect(device.has('httponly')).toBe(true)
    expect(Number(device.get('max-age'))).toBe(90 * 86_400)
    const desk = await c.follow(answer)
    expect(desk.status).toBe(200)
    expect(desk.body).toMatch(
      /<input id="f-barcode" name="barcode" type="text" value required autocomplete="off" autofocus/,
    )
    // The staff cookie is never sent to the patron pages, and vice versa.
    expect((await c.get('/account')).status).toBe(303)
  })

  it('refuses a staff sign-in post without a valid form token, even with the right password', async () => {
    const { ctx, clock } = env()
    const username = `desk-${Date.now().toString(36)}`
    await staffActor(ctx, 'librarian', username)
    const c = new WebClient(app)
    const token = hiddenValue((await c.get('/staff/sign-in')).body, '_form')
    const fields = { username, password: STAFF_PASSWORD, branch: 'main' }
    const accountToken = hiddenValue((await c.get('/account/sign-in')).body, '_form')
    const attempts = {
      missing: fields,
      forged: { ...fields, _form: `${token.split('.')[0]}.AAAA` },
      'from the patron form': { ...fields, _form: accountToken },
    }
    for (const [what, body] of Object.entries(attempts)) {
      const refused = await c.post('/staff/sign-in', body)
      expect(refused.status, what).toBe(403)
      expect(refused.setCookies, what).toEqual([])
      expect(textOf(refused.body), what).toContain('The sign-in form had expired.')
    }
    clock.advance(41 * 60_000)
    const stale = await c.post('/staff/sign-in', { ...fields, _form: token })
    expect(stale.status).toBe(403)
    expect(stale.setCookies).toEqual([])
    const fresh = hiddenValue((await c.get('/staff/sign-in')).body, '_form')
    const ok = await c.post('/staff/sign-in', { ...fields, _form: fresh })
    expect(ok.status).toBe(303)
    expect(ok.setCookies.map((line) => cookieAttributes(line).name).sort()).toEqual([
      'carrel_staff',
      'carrel_staff_device',
    ])
  })

  it('ends the session at once when the account is switched off or its password changes', async () => {
    const { ctx, clock } = env()
    const c = new WebClient(app)
    const me = await signInStaff(c, ctx, 'circulation')
    expect((await c.get('/staff')).status).toBe(200)
    clock.advance(1000)
    await updateStaff(ctx, SYSTEM_ACTOR, me.id, { password: 'another long password' })
    const out = await c.get('/staff')
    expect(out.status).toBe(303)
    expect(out.location).toBe('/staff/sign-in')
    // A partial update asks htmx for a whole page load instead of swapping in the sign-in form.
    const partial = await c.post(
      '/staff/patrons/x/checkout',
      { itemBarcode: '1' },
      { 'hx-request': 'true' },
    )
    expect({
      status: partial.status,
      to: partial.headers['hx-redirect'],
      body: partial.body,
    }).toEqual({
      status: 200,
      to: '/staff/sign-in',
      body: '',
    })

    const d = new WebClient(app)
    const other = await signInStaff(d, ctx, 'librarian')
    clock.advance(1000)
    await updateStaff(ctx, SYSTEM_ACTOR, other.id, { active: false })
    expect((await d.get('/staff/checkin')).status).toBe(303)

    const e = new WebClient(app)
    await signInStaff(e, ctx, 'librarian')
    clock.advance(ctx.config.security.staffTokenMinutes * 60_000)
    expect((await e.get('/staff')).status).toBe(303)
  })

  it('shows each role only its sections and explains a refusal from the services', async () => {
    const { ctx } = env()
    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    const home = await desk.get('/staff')
    expect(home.body).not.toContain('href="/staff/audit"')
    expect(home.body).not.toContain('href="/staff/accounts"')
    for (const url of ['/staff/audit', '/staff/accounts']) {
      const refused = await desk.get(url)
      expect(refused.status, url).toBe(403)
      expect(textOf(refused.body), url).toMatch(
        /Your role may not do this \((audit\.read|staff\.manage)\)\./,
      )
    }

    const stale = await desk.post(
      '/staff/patrons/x/checkout',
      { _csrf: 'old' },
      { 'hx-request': 'true' },
    )
    expect({ status: stale.status, refresh: stale.headers['hx-refresh'] }).toEqual({
      status: 403,
      refresh: 'true',
    })

    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    expect((await officer.get('/staff')).body).toContain('href="/staff/audit"')
    const patron = await patronWithPin(ctx)
    const refusedCheckout = await officer.get('/staff/checkin')
    expect(refusedCheckout.status).toBe(200)
    const csrf = hiddenValue(refusedCheckout.body, '_csrf')
    const lookup = await officer.follow(
      await officer.post('/staff/lookup', { _csrf: csrf, barcode: patron.barcode }),
    )
    expect(lookup.status).toBe(200)
    const checkout = await officer.follow(
      await officer.post(`/staff/patrons/${patron.id}/checkout`, {
        _csrf: csrf,
        patronBarcode: patron.barcode,
        itemBarcode: '3000',
      }),
    )
    expect(textOf(checkout.body)).toContain('Your role may not check items out.')
  })

  it('lets the privacy officer read and verify the audit log, and the admin manage staff', async () => {
    const { ctx } = env()
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    const log = await officer.get('/staff/audit')
    expect(log.status).toBe(200)
    expect(textOf(log.body)).toContain('Signed in')
    const verified = await officer.submit('/staff/audit', '/staff/audit/verify', {})
    expect(textOf(verified.body)).toMatch(/The chains are intact: \d+ entries checked\./)
    expect((await officer.get('/staff/audit?patron=nobody&before=abc')).status).toBe(200)

    const admin = new WebClient(app)
    await signInStaff(admin, ctx, 'admin')
    const created = await admin.submit('/staff/accounts', '/staff/accounts', {
      displayName: 'Wren Desk',
      username: 'wren.desk',
      role: 'circulation',
      password: 'a long enough password',
    })
    expect(textOf(created.body)).toContain('Account wren.desk created.')
    const id = /href="\/staff\/accounts\/([^"]+)">Wren Desk</.exec(created.body)?.[1] ?? ''
    const weak = await admin.submit('/staff/accounts', '/staff/accounts', {
      displayName: 'Short',
      username: 'short',
      role: 'circulation',
      password: 'short',
    })
    expect(textOf(weak.body)).toContain('A staff password is at least 12 characters.')
    const edited = await admin.submit(`/staff/accounts/${id}`, `/staff/accounts/${id}`, {
      displayName: 'Wren Librarian',
      role: 'librarian',
    })
    expect(textOf(edited.body)).toContain('Account saved.')
    expect(edited.body).not.toMatch(/id="f-active" name="active" value="on" checked/)
  })
})
