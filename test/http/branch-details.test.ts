import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { call, expectProblem, signIn, useApp } from './http-harness.js'

const WEEK = {
  address: '200 Larkspur Avenue\r\n  Millbrook, IL 60999  \n',
  phone: '(312) 555-0142',
  email: 'ask@library.example.org',
  hours: [
    { weekday: 6, opens: '14:00', closes: '18:00' },
    { weekday: 6, opens: '10:00', closes: '13:00' },
    { weekday: 1, opens: '09:00', closes: '20:00' },
  ],
}

describeEngines('http: branch address, phone and opening hours', (env) => {
  const app = useApp(env)

  it('saves a branch’s details and whole week, and gives them back in order', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    const admin = await signIn(app(), ctx, 'admin')
    const put = await call(app(), {
      method: 'PUT',
      url: '/api/v1/library/branches/east/details',
      token: admin.token,
      payload: WEEK,
    })
    expect(put.status, put.raw).toBe(200)
    const expected = {
      code: 'east',
      name: 'East Branch',
      address: '200 Larkspur Avenue\nMillbrook, IL 60999',
      phone: '(312) 555-0142',
      email: 'ask@library.example.org',
      hours: [
        { weekday: 1, opens: '09:00', closes: '20:00' },
        { weekday: 6, opens: '10:00', closes: '13:00' },
        { weekday: 6, opens: '14:00', closes: '18:00' },
      ],
    }
    expect(put.body).toEqual(expected)
    const librarian = await signIn(app(), ctx, 'librarian')
    const got = await call(app(), {
      method: 'GET',
      url: '/api/v1/library/branches/east/details',
      token: librarian.token,
    })
    expect(got.body).toEqual(expected)
    const all = await call(app(), {
      method: 'GET',
      url: '/api/v1/library/branch-details',
      token: librarian.token,
    })
    expect(all.body).toContainEqual(expected)

    // Saving again replaces the week: Saturday's two spans go, and no email is kept.
    const again = await call(app(), {
      method: 'PUT',
      url: '/api/v1/library/branches/east/details',
      token: admin.token,
      payload: { ...WEEK, email: null, hours: [{ weekday: 0, opens: '13:00', closes: '17:00' }] },
    })
    expect(again.body).toEqual({
      ...expected,
      email: null,
      hours: [{ weekday: 0, opens: '13:00', closes: '17:00' }],
    })
    const rows = await ctx.db
      .selectFrom('opening_hours')
      .selectAll()
      .where('branch', '=', 'east')
      .execute()
    expect(rows).toEqual([
      { branch: 'east', weekday: 0, span: 0, opens_at: '13:00', closes_at: '17:00' },
    ])
  })

  it('refuses bad hours with a stable code and changes nothing', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'north', name: 'North Branch' })
    const admin = await signIn(app(), ctx, 'admin')
    const put = (payload: unknown) =>
      call(app(), {
        method: 'PUT',
        url: '/api/v1/library/branches/north/details',
        token: admin.token,
        payload,
      })
    expect((await put(WEEK)).status).toBe(200)
    const span = (weekday: number, opens: string, closes: string) => ({ weekday, opens, closes })
    const refusals: [unknown, string][] = [
      [{ ...WEEK, hours: [span(1, '9:00', '17:00')] }, 'INVALID_INPUT'],
      [{ ...WEEK, hours: [span(1, '09:00', '24:00')] }, 'INVALID_INPUT'],
      [{ ...WEEK, hours: [span(1, '09:60', '17:00')] }, 'INVALID_INPUT'],
      [{ ...WEEK, hours: [span(7, '09:00', '17:00')] }, 'INVALID_INPUT'],
      [{ ...WEEK, hours: [span(-1, '09:00', '17:00')] }, 'INVALID_INPUT'],
      [
        { ...WEEK, hours: [span(2, '09:00', '17:00'), span(1, '17:00', '09:00')] },
        'CLOSES_BEFORE_OPENS',
      ],
      [{ ...WEEK, hours: [span(1, '09:00', '09:00')] }, 'CLOSES_BEFORE_OPENS'],
      [{ ...WEEK, hours: [span(1, '09:00', '13:00'), span(1, '12:00', '17:00')] }, 'HOURS_OVERLAP'],
      [
        {
          ...WEEK,
          hours: [span(1, '08:00', '09:00'), span(1, '10:00', '11:00'), span(1, '12:00', '13:00')],
        },
        'TOO_MANY_SPANS',
      ],
      [
        { ...WEEK, hours: Array.from({ length: 15 }, () => span(1, '09:00', '10:00')) },
        'INVALID_INPUT',
      ],
      [{ ...WEEK, address: 'x'.repeat(301) }, 'INVALID_INPUT'],
      [{ ...WEEK, address: 'a\nb\nc\nd\ne\nf' }, 'ADDRESS_TOO_LONG'],
      [{ ...WEEK, phone: '555-0142<script>' }, 'INVALID_INPUT'],
      [{ ...WEEK, email: 'not an address' }, 'INVALID_INPUT'],
      [{ ...WEEK, extra: 1 }, 'INVALID_INPUT'],
      [{ address: 'Somewhere', phone: '' }, 'INVALID_INPUT'],
    ]
    for (const [payload, code] of refusals) expectProblem(await put(payload), 400, code)
    const stored = await call(app(), {
      method: 'GET',
      url: '/api/v1/library/branches/north/details',
      token: admin.token,
    })
    expect(stored.body).toMatchObject({
      address: '200 Larkspur Avenue\nMillbrook, IL 60999',
      hours: [
        { weekday: 1, opens: '09:00', closes: '20:00' },
        { weekday: 6, opens: '10:00', closes: '13:00' },
        { weekday: 6, opens: '14:00', closes: '18:00' },
      ],
    })
  })

  it('answers 404 for an unknown branch and 403 for staff who do not set up the library', async () => {
    const { ctx } = env()
    const admin = await signIn(app(), ctx, 'admin')
    for (const method of ['GET', 'PUT'] as const)
      expectProblem(
        await call(app(), {
          method,
          url: '/api/v1/library/branches/nowhere/details',
          token: admin.token,
          ...(method === 'PUT' && { payload: WEEK }),
        }),
        404,
        'BRANCH_NOT_FOUND',
      )
    const librarian = await signIn(app(), ctx, 'librarian')
    expectProblem(
      await call(app(), {
        method: 'PUT',
        url: '/api/v1/library/branches/main/details',
        token: librarian.token,
        payload: WEEK,
      }),
      403,
      'FORBIDDEN',
    )
    const main = await ctx.db
      .selectFrom('branches')
      .select(['address', 'phone', 'email'])
      .where('code', '=', 'main')
      .executeTakeFirstOrThrow()
    expect(main).toEqual({ address: '', phone: '', email: null })
  })
})
