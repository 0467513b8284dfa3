import type { FastifyInstance } from 'fastify'
import { afterEach, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { patronWithPin, PIN } from '../web/web-harness.js'
import { call, expectProblem, signIn, useApp } from './http-harness.js'

describeEngines('http: wrong secrets are counted per address, in the database', (env) => {
  const app = useApp(env)
  const extra: FastifyInstance[] = []
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((a) => a.close()))
  })
  /** Another Carrel process in front of the same database (its own Fastify, its own memory). */
  const another = async (ctx: AppContext): Promise<FastifyInstance> => {
    const a = await buildHttpApp(ctx)
    extra.push(a)
    return a
  }
  const limit = () => env().ctx.config.security.addressFailureLimit
  let n = 0
  const wrongLogin = (a: FastifyInstance, remoteAddress: string) =>
    a.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      // A new name each time, so no account lockout gets in the way.
      payload: { username: `guess-${(n += 1)}`, password: 'guess-guess-guess' },
    })

  it('stops an address after the limit of wrong secrets, whichever route and process they went to', async () => {
    const { ctx, clock } = env()
    clock.advance(60 * 60_000)
    const { token } = await signIn(app(), ctx, 'circulation')
    const staff = await staffActor(ctx, 'librarian', `right-${Date.now().toString(36)}`)
    const username = (
      await ctx.db
        .selectFrom('staff')
        .select('username')
        .where('id', '=', staff.id)
        .executeTakeFirstOrThrow()
    ).username
    const second = await another(ctx)
    const patron = await patronWithPin(ctx)
    const from = '203.0.113.5'
    // Half the wrong secrets as staff passwords to one process, half as PINs of different cards to the other.
    for (let i = 0; i < limit(); i++) {
      const res =
        i % 2 === 0
          ? await wrongLogin(app(), from)
          : await second.inject({
              method: 'POST',
              url: '/api/v1/cards/verify',
              remoteAddress: from,
              headers: { authorization: `Bearer ${token}` },
              payload: { barcode: `2999000${String(i).padStart(7, '0')}`, pin: '1357' },
            })
      expect(res.statusCode, res.payload).toBe(i % 2 === 0 ? 401 : 422)
    }
    // Past the limit the address waits, even with the right password, on either process.
    for (const a of [app(), second]) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: from,
        payload: { username, password: STAFF_PASSWORD },
      })
      expect(res.statusCode).toBe(429)
      expect(res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
      const wait = Number(res.headers['retry-after'])
      expect(wait).toBeGreaterThan(0)
      expect(wait).toBeLessThanOrEqual(ctx.config.security.addressWindowMinutes * 60)
    }
    const pin = await second.inject({
      method: 'POST',
      url: '/api/v1/cards/verify',
      remoteAddress: from,
      headers: { authorization: `Bearer ${token}` },
      payload: { barcode: patron.barcode, pin: PIN },
    })
    expect(pin.statusCode).toBe(429)
    expect(pin.json()).toMatchObject({ code: 'RATE_LIMITED' })
    // Another address is not affected, and the cards and accounts tried are not locked by it.
    const elsewhere = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '198.51.100.20',
      payload: { username, password: STAFF_PASSWORD },
    })
    expect(elsewhere.statusCode).toBe(200)
    // The address is stored only as a keyed digest.
    const rows = await ctx.db.selectFrom('attempt_counts').selectAll().execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain('203.0.113')
    // Once the window has passed, the address may try again.
    clock.advance(ctx.config.security.addressWindowMinutes * 60_000)
    const later = await second.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: from,
      payload: { username, password: STAFF_PASSWORD },
    })
    expect(later.statusCode).toBe(200)
  })

  it('checks no more than the limit when an address sends all its guesses at once', async () => {
    const { clock } = env()
    clock.advance(60 * 60_000)
    // Each attempt is counted before its hash is checked, so a burst cannot slip past the limit.
    const burst = await Promise.all(
      Array.from({ length: limit() + 10 }, () => wrongLogin(app(), '192.0.2.200')),
    )
    const statuses = burst.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(limit())
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10)
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
  })

  it('keeps no count past its window, whether or not the retention sweep may run', async () => {
    const { ctx, clock } = env()
    clock.advance(60 * 60_000)
    for (let i = 0; i < 3; i++) await wrongLogin(app(), '192.0.2.210')
    const counted = () =>
      ctx.db.selectFrom('attempt_counts').select(['subject', 'minute']).execute()
    const before = await counted()
    expect(before.length).toBeGreaterThan(0)
    clock.advance(ctx.config.security.addressWindowMinutes * 60_000 + 60_000)
    // Any address's next wrong secret drops every count the window has left behind.
    await wrongLogin(app(), '192.0.2.211')
    const after = await counted()
    expect(after).toHaveLength(1)
    expect(before.map((r) => r.subject)).not.toContain(after[0]?.subject)
  })

  it('does not count right secrets, so a busy shared address is not stopped by its own patrons', async () => {
    const { ctx, clock } = env()
    clock.advance(60 * 60_000)
    const { token } = await signIn(app(), ctx, 'circulation')
    const patron = await patronWithPin(ctx)
    for (let i = 0; i < limit() * 2; i++) {
      const res = await app().inject({
        method: 'POST',
        url: '/api/v1/cards/verify',
        remoteAddress: '192.0.2.44',
        headers: { authorization: `Bearer ${token}` },
        payload: { barcode: patron.barcode, pin: PIN },
      })
      expect(res.statusCode).toBe(200)
    }
  })

  it('counts IPv6 clients by their /64, so a new address from the same network does not start afresh', async () => {
    const { clock } = env()
    clock.advance(60 * 60_000)
    for (let i = 0; i < limit(); i++)
      expect((await wrongLogin(app(), `2001:db8:1:2::${(i + 1).toString(16)}`)).statusCode).toBe(
        401,
      )
    expect((await wrongLogin(app(), '2001:db8:1:2:ffff:ffff:ffff:1')).statusCode).toBe(429)
    expect((await wrongLogin(app(), '2001:db8:1:3::1')).statusCode).toBe(401)
  })

  it('behind a proxy, takes the address the proxy saw, never one the client made up', async () => {
    const { ctx, clock } = env()
    clock.advance(60 * 60_000)
    const proxied = await another({
      ...ctx,
      config: { ...ctx.config, http: { ...ctx.config.http, trustProxy: true, proxyHops: 1 } },
    })
    // The client writes a new address each time; the proxy appends the one it really saw.
    const attempt = (i: number) =>
      proxied.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `192.0.2.${i % 250}, 203.0.113.77` },
        payload: { username: `guess-${(n += 1)}`, password: 'guess-guess-guess' },
      })
    for (let i = 0; i < limit(); i++) expect((await attempt(i)).statusCode).toBe(401)
    expect((await attempt(limit())).statusCode).toBe(429)
    // Not behind a proxy, the header is ignored: the socket's address is what counts.
    for (let i = 0; i < limit(); i++)
      expect(
        (
          await app().inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '198.51.100.150',
            headers: { 'x-forwarded-for': `203.0.113.78` },
            payload: { username: `guess-${(n += 1)}`, password: 'guess-guess-guess' },
          })
        ).statusCode,
      ).toBe(401)
    expect((await wrongLogin(app(), '198.51.100.150')).statusCode).toBe(429)
    expect((await wrongLogin(app(), '203.0.113.78')).statusCode).toBe(401)
  })

  it('lets an administrator unlock a staff account and desk staff unlock a card, audited', async () => {
    const { ctx, clock } = env()
    clock.advance(60 * 60_000)
    const admin = await signIn(app(), ctx, 'admin')
    const desk = await signIn(app(), ctx, 'circulation')
    const victim = await signIn(app(), ctx, 'librarian')
    const patron = await patronWithPin(ctx)
    for (let i = 0; i < ctx.config.cards.lockoutMaxFailures; i++) {
      await app().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `198.51.100.${i + 30}`,
        payload: { username: victim.username, password: 'not the password' },
      })
      await app().inject({
        method: 'POST',
        url: '/api/v1/cards/verify',
        remoteAddress: `198.51.100.${i + 30}`,
        headers: { authorization: `Bearer ${desk.token}` },
        payload: { barcode: patron.barcode, pin: '1357' },
      })
    }
    const login = () =>
      call(app(), {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: victim.username, password: STAFF_PASSWORD },
      })
    const verify = () =>
      call(app(), {
        method: 'POST',
        url: '/api/v1/cards/verify',
        token: desk.token,
        payload: { barcode: patron.barcode, pin: PIN },
      })
    expectProblem(await login(), 423, 'ACCOUNT_LOCKED')
    expectProblem(await verify(), 423, 'CARD_LOCKED')
    // Only an administrator unlocks staff; desk staff unlock cards.
    const staffUnlock = `/api/v1/staff/${victim.staffId}/unlock`
    expectProblem(
      await call(app(), { method: 'POST', url: staffUnlock, token: desk.token }),
      403,
      'FORBIDDEN',
    )
    expect(
      (await call(app(), { method: 'POST', url: staffUnlock, token: admin.token })).status,
    ).toBe(204)
    expect((await login()).status).toBe(200)
    const cardUnlock = `/api/v1/cards/${patron.barcode}/unlock`
    const officer = await signIn(app(), ctx, 'privacy_officer')
    expectProblem(
      await call(app(), { method: 'POST', url: cardUnlock, token: officer.token }),
      403,
      'FORBIDDEN',
    )
    expect((await call(app(), { method: 'POST', url: cardUnlock, token: desk.token })).status).toBe(
      204,
    )
    expect((await verify()).status).toBe(200)
    expectProblem(
      await call(app(), {
        method: 'POST',
        url: '/api/v1/cards/29990000000000/unlock',
        token: desk.token,
      }),
      404,
      'CARD_NOT_FOUND',
    )
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'patron_id'])
      .where('action', 'in', ['staff.unlock', 'card.unlock'])
      .execute()
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'staff.unlock', actor_id: admin.staffId, patron_id: null },
        { action: 'card.unlock', actor_id: desk.staffId, patron_id: patron.id },
      ]),
    )
  })
})
