import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { anyString, call, expectProblem, signIn, useApp } from '../http/http-harness.js'

const body = {
  login: 'envisionware-1',
  password: 'a long machine password',
  institutionId: 'CARREL',
  location: 'main',
  personalFields: ['name'],
}

describeEngines('http: SIP accounts', (env) => {
  const app = useApp(env)

  it('lets an admin create, list and change SIP accounts; never returns the password hash', async () => {
    const { token } = await signIn(app(), env().ctx, 'admin')
    const created = await call(app(), {
      method: 'POST',
      url: '/api/v1/sip-accounts',
      token,
      payload: body,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: anyString,
      login: 'envisionware-1',
      charset: 'utf8',
      personalFields: ['name'],
      active: true,
    })
    const { id } = created.body as { id: string }
    const listed = await call(app(), { method: 'GET', url: '/api/v1/sip-accounts', token })
    expect(listed.status).toBe(200)
    const patched = await call(app(), {
      method: 'PATCH',
      url: `/api/v1/sip-accounts/${id}`,
      token,
      payload: { active: false, charset: 'latin1' },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ active: false, charset: 'latin1' })
    for (const res of [created, listed, patched]) {
      expect(res.raw).not.toMatch(/argon2|password/i)
      expect(res.headers['cache-control']).toBe('no-store')
    }
  })

  it('refuses other roles, anonymous callers and bad bodies with problem details', async () => {
    const { token: librarian } = await signIn(app(), env().ctx, 'librarian')
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/sip-accounts', token: librarian }),
      403,
      'FORBIDDEN',
    )
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/sip-accounts' }),
      401,
      'UNAUTHENTICATED',
    )
    const { token } = await signIn(app(), env().ctx, 'admin')
    const post = (payload: unknown) =>
      call(app(), { method: 'POST', url: '/api/v1/sip-accounts', token, payload })
    expectProblem(await post({ ...body, login: 'x', extra: 1 }), 400, 'INVALID_INPUT')
    expectProblem(
      await post({ ...body, login: 'kiosk-weak', password: 'short' }),
      400,
      'WEAK_PASSWORD',
    )
    expectProblem(
      await post({ ...body, login: 'kiosk-where', location: 'mars' }),
      400,
      'UNKNOWN_BRANCH',
    )
    expectProblem(await post({ ...body, personalFields: ['licence'] }), 400, 'INVALID_INPUT')
    expect((await post({ ...body, login: 'kiosk-twice' })).status).toBe(201)
    expectProblem(await post({ ...body, login: 'kiosk-twice' }), 409, 'LOGIN_TAKEN')
    expectProblem(
      await call(app(), {
        method: 'PATCH',
        url: '/api/v1/sip-accounts/nope',
        token,
        payload: { active: true },
      }),
      404,
      'SIP_ACCOUNT_NOT_FOUND',
    )
    expectProblem(
      await call(app(), { method: 'PATCH', url: '/api/v1/sip-accounts/nope', token, payload: {} }),
      400,
      'INVALID_INPUT',
    )
  })
})
