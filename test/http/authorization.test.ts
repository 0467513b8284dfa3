import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, patronInput, staffActor } from '../harness/factories.js'
import { call, countRows, expectProblem, signIn, useApp } from './http-harness.js'

describeEngines('http: authentication and roles', (env) => {
  const app = useApp(env)

  it('refuses a missing, malformed, forged or expired token with 401 UNAUTHENTICATED', async () => {
    const { ctx, clock } = env()
    const patron = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const { token } = await signIn(app(), ctx, 'librarian')
    const [body, sig] = token.split('.') as [string, string]
    const forged = `${body}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`
    const url = `/api/v1/patrons/${patron.id}`
    const attempts: Record<string, string>[] = [
      {},
      { authorization: '' },
      { authorization: token },
      { authorization: `Basic ${token}` },
      { authorization: 'Bearer not-a-token' },
      { authorization: `Bearer ${forged}` },
    ]
    for (const headers of attempts) {
      const res = await call(app(), { method: 'GET', url, headers })
      expectProblem(res, 401, 'UNAUTHENTICATED')
      expect(res.headers['www-authenticate']).toBe('Bearer')
    }
    expect((await call(app(), { method: 'GET', url, token })).status).toBe(200)
    clock.advance(ctx.config.security.staffTokenMinutes * 60_000 + 1)
    expectProblem(await call(app(), { method: 'GET', url, token }), 401, 'UNAUTHENTICATED')
  })

  it('checks the token before reading the body, so an anonymous write stores nothing', async () => {
    const { ctx } = env()
    const before = await countRows(ctx, 'patrons')
    expectProblem(
      await call(app(), { method: 'POST', url: '/api/v1/patrons', payload: patronInput() }),
      401,
      'UNAUTHENTICATED',
    )
    expectProblem(
      await call(app(), { method: 'POST', url: '/api/v1/patrons', payload: { junk: true } }),
      401,
      'UNAUTHENTICATED',
    )
    for (const url of [
      '/api/v1/staff/me',
      '/api/v1/staff',
      '/api/v1/audit/verify',
      '/api/v1/patrons?surname=x',
    ]) {
      expectProblem(await call(app(), { method: 'GET', url }), 401, 'UNAUTHENTICATED')
    }
    expect(await countRows(ctx, 'patrons')).toBe(before)
  })

  it('gives an unknown username and a wrong password the same answer', async () => {
    const { ctx } = env()
    await staffActor(ctx, 'librarian', 'known-user')
    const wrong = await call(app(), {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'known-user', password: 'not the password' },
    })
    const unknown = await call(app(), {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody-here', password: STAFF_PASSWORD },
    })
    expectProblem(wrong, 401, 'INVALID_CREDENTIALS')
    expect(unknown.status).toBe(wrong.status)
    expect(unknown.raw).toBe(wrong.raw)
    expect(wrong.headers['www-authenticate']).toBeUndefined()
  })

  it('keeps circulation staff to the desk: no export, erase, staff management or audit', async () => {
    const { ctx } = env()
    const patron = await registerPatron(
      ctx,
      SYSTEM_ACTOR,
      patronInput({ licenceNumber: 'D55501234567' }),
    )
    const { token: t } = await signIn(app(), ctx, 'circulation')
    const url = `/api/v1/patrons/${patron.id}`

    const read = await call(app(), { method: 'GET', url, token: t })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({
      licenceNumber: '••••••••4567',
      restricted: ['licenceNumber', 'birthDate'],
    })
    expect(read.body).not.toHaveProperty('birthDate')

    const denied = [
      { method: 'GET', url: `${url}/export?identity=photo_id` },
      { method: 'DELETE', url },
      { method: 'GET', url: '/api/v1/staff' },
      {
        method: 'POST',
        url: '/api/v1/staff',
        payload: {
          username: 'sneaky',
          displayName: 'S',
          password: 'long enough password',
          role: 'admin',
        },
      },
      { method: 'PATCH', url: `/api/v1/staff/${patron.id}`, payload: { role: 'admin' } },
      { method: 'GET', url: '/api/v1/audit/verify' },
      { method: 'GET', url: '/api/v1/audit' },
      { method: 'GET', url: `/api/v1/audit?patronId=${patron.id}` },
    ] as const
    const last = await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    for (const d of denied) expectProblem(await call(app(), { ...d, token: t }), 403, 'FORBIDDEN')
    // Refused reads of the log read nothing, so they add nothing to it either.
    expect(
      await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('seq', '>', last.seq)
        .where('action', '=', 'audit.read')
        .execute(),
    ).toEqual([])
    expect((await call(app(), { method: 'GET', url, token: t })).body).toMatchObject({
      status: 'active',
    })

    const officer = await signIn(app(), ctx, 'privacy_officer')
    const exported = await call(app(), {
      method: 'GET',
      url: `${url}/export?identity=photo_id`,
      token: officer.token,
    })
    expect(exported.status).toBe(200)
    expect(exported.body).toMatchObject({ patron: { licenceNumber: 'D55501234567' } })
    for (const url of ['/api/v1/audit/verify', `/api/v1/audit?patronId=${patron.id}`])
      expect((await call(app(), { method: 'GET', url, token: officer.token })).status, url).toBe(
        200,
      )
  })

  it("stops a switched-off staff member's token at once", async () => {
    const { ctx } = env()
    const admin = await signIn(app(), ctx, 'admin')
    const desk = await signIn(app(), ctx, 'circulation')
    expect(
      (await call(app(), { method: 'GET', url: '/api/v1/staff/me', token: desk.token })).status,
    ).toBe(200)

    const off = await call(app(), {
      method: 'PATCH',
      url: `/api/v1/staff/${desk.staffId}`,
      token: admin.token,
      payload: { active: false },
    })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ id: desk.staffId, active: false })

    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/staff/me', token: desk.token }),
      401,
      'UNAUTHENTICATED',
    )
    expectProblem(
      await call(app(), {
        method: 'GET',
        url: '/api/v1/patrons?surname=anyone',
        token: desk.token,
      }),
      401,
      'UNAUTHENTICATED',
    )
    const login = await call(app(), {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: desk.username, password: STAFF_PASSWORD },
    })
    expectProblem(login, 401, 'INVALID_CREDENTIALS')
  })

  it('locks a staff account after five wrong passwords, whatever the address, and audits them', async () => {
    const { ctx, clock } = env()
    await signIn(app(), ctx, 'circulation')
    const victim = await ctx.db
      .selectFrom('staff')
      .select(['id', 'username'])
      .where('role', '=', 'circulation')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    const login = (password: string, remoteAddress: string) =>
      app().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { username: victim.username, password },
      })
    for (let i = 0; i < 5; i++)
      expect((await login('not-the-password', `198.51.100.${i + 1}`)).statusCode).toBe(401)
    const locked = await login(STAFF_PASSWORD, '198.51.100.99')
    expect(locked.statusCode).toBe(423)
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' })
    const failures = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', victim.id)
      .where('action', '=', 'staff.login_failed')
      .execute()
    expect(failures).toHaveLength(5)
    clock.advance(16 * 60_000)
    expect((await login(STAFF_PASSWORD, '198.51.100.99')).statusCode).toBe(200)
  })
})
