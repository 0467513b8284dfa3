import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import {
  anyString,
  call,
  containing,
  expectProblem,
  including,
  signIn,
  useApp,
} from './http-harness.js'

describeEngines('http: staff accounts', (env) => {
  const app = useApp(env)
  it('lets an admin create, list and change staff accounts', async () => {
    const { ctx } = env()
    const { token: t } = await signIn(app(), ctx, 'admin')
    const username = `desk-${Date.now().toString(36)}`
    const created = await call(app(), {
      method: 'POST',
      url: '/api/v1/staff',
      token: t,
      payload: {
        username,
        displayName: 'Desk One',
        password: 'a long enough password',
        role: 'circulation',
      },
    })
    expect(created.status).toBe(201)
    const staff = created.body as { id: string }
    expect(created.body).toEqual({
      id: anyString,
      username,
      displayName: 'Desk One',
      role: 'circulation',
      active: true,
      createdAt: anyString,
    })
    expect(created.raw).not.toContain('a long enough password')

    const again = await call(app(), {
      method: 'POST',
      url: '/api/v1/staff',
      token: t,
      payload: {
        username,
        displayName: 'Desk Two',
        password: 'another long password',
        role: 'circulation',
      },
    })
    expectProblem(again, 409, 'USERNAME_TAKEN')
    const weak = await call(app(), {
      method: 'POST',
      url: '/api/v1/staff',
      token: t,
      payload: { username: 'desk-weak', displayName: 'W', password: 'short', role: 'librarian' },
    })
    expectProblem(weak, 400, 'WEAK_PASSWORD')

    const listed = await call(app(), { method: 'GET', url: '/api/v1/staff', token: t })
    expect(listed.status).toBe(200)
    expect(listed.body).toEqual(including([containing({ id: staff.id, username })]))

    const changed = await call(app(), {
      method: 'PATCH',
      url: `/api/v1/staff/${staff.id}`,
      token: t,
      payload: { role: 'librarian', displayName: 'Desk Lead' },
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({
      id: staff.id,
      role: 'librarian',
      displayName: 'Desk Lead',
    })
    const login = await call(app(), {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'a long enough password' },
    })
    expect(login.status).toBe(200)
    expect(login.body).toMatchObject({ staff: { id: staff.id, role: 'librarian' } })
    expectProblem(
      await call(app(), {
        method: 'PATCH',
        url: `/api/v1/staff/${staff.id}`,
        token: t,
        payload: {},
      }),
      400,
      'INVALID_INPUT',
    )
    expectProblem(
      await call(app(), {
        method: 'PATCH',
        url: '/api/v1/staff/nobody',
        token: t,
        payload: { active: false },
      }),
      404,
      'STAFF_NOT_FOUND',
    )
  })
})
