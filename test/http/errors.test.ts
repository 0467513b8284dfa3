import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { buildHttpApp } from '../../src/http/app.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { signInStaff } from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, patronInput, staffActor } from '../harness/factories.js'
import {
  call,
  countKeys,
  countRows,
  expectProblem,
  fieldsOf,
  signIn,
  useApp,
  type Reply,
} from './http-harness.js'

const JSON_TYPE = { 'content-type': 'application/json' }

describeEngines('http: errors are problems, never 500s, never partial writes', (env) => {
  const app = useApp(env)

  it('maps malformed, misshapen and oversized bodies to stable codes and stores nothing', async () => {
    const { ctx } = env()
    const { token: t } = await signIn(app(), ctx, 'librarian')
    const patron = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const ledgerUrl = `/api/v1/patrons/${patron.id}/ledger`
    const before = {
      patrons: await countRows(ctx, 'patrons'),
      keys: await countKeys(ctx),
      ledger: await countRows(ctx, 'card_ledger'),
    }

    const post = (url: string, payload: unknown, headers?: Record<string, string>) =>
      call(app(), { method: 'POST', url, token: t, payload, ...(headers && { headers }) })
    const seen: Reply[] = []
    const expectCode = async (
      res: Promise<Reply>,
      status: number,
      code: string,
      fields?: string[],
    ) => {
      const r = await res
      seen.push(r)
      expectProblem(r, status, code)
      if (fields !== undefined) expect(fieldsOf(r)).toEqual(fields)
    }

    await expectCode(
      post('/api/v1/patrons', '{"givenName": "Ada",', JSON_TYPE),
      400,
      'INVALID_JSON',
    )
    await expectCode(post('/api/v1/patrons', '', JSON_TYPE), 400, 'INVALID_JSON')
    await expectCode(
      post('/api/v1/patrons', { ...patronInput(), nickname: 'Ada' }),
      400,
      'INVALID_INPUT',
      ['nickname'],
    )
    await expectCode(
      post('/api/v1/patrons', { ...patronInput(), givenName: 42 }),
      400,
      'INVALID_INPUT',
      ['givenName'],
    )
    const { familyName: _, ...noSurname } = patronInput()
    await expectCode(post('/api/v1/patrons', noSurname), 400, 'INVALID_INPUT', ['familyName'])
    await expectCode(
      post('/api/v1/patrons', {
        ...patronInput(),
        address: { line1: '1 Elm St', city: 'Thornton', postcode: 60476 },
      }),
      400,
      'INVALID_INPUT',
      ['address.postcode'],
    )
    await expectCode(post('/api/v1/patrons', [patronInput()]), 400, 'INVALID_INPUT')
    await expectCode(
      post('/api/v1/patrons', { ...patronInput(), email: 'not-an-email' }),
      400,
      'INVALID_INPUT',
      ['email'],
    )
    await expectCode(
      post('/api/v1/patrons', patronInput({ category: 'martian' })),
      400,
      'UNKNOWN_CATEGORY',
    )
    await expectCode(
      post(ledgerUrl, { kind: 'debit', amountCents: '250', reason: 'Late' }),
      400,
      'INVALID_INPUT',
      ['amountCents'],
    )
    await expectCode(
      post(ledgerUrl, { kind: 'debit', amountCents: 2.5, reason: 'Late' }),
      400,
      'INVALID_INPUT',
      ['amountCents'],
    )
    await expectCode(
      post(ledgerUrl, { kind: 'gift', amountCents: 250, reason: 'Late' }),
      400,
      'INVALID_INPUT',
      ['kind'],
    )
    await expectCode(
      post('/api/v1/patrons', { ...patronInput(), givenName: 'x'.repeat(70 * 1024) }),
      413,
      'BODY_TOO_LARGE',
    )
    await expectCode(
      post('/api/v1/patrons', JSON.stringify(patronInput()), { 'content-type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    await expectCode(
      post(ledgerUrl, '<entry/>', { 'content-type': 'application/xml' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )

    // Bad input echoes field names, never the values that were sent.
    for (const r of seen) expect(r.raw).not.toMatch(/Ada|martian|not-an-email|<entry/)
    expect({
      patrons: await countRows(ctx, 'patrons'),
      keys: await countKeys(ctx),
      ledger: await countRows(ctx, 'card_ledger'),
    }).toEqual(before)
  })

  it('refuses a switched-off field with FIELD_DISABLED and stores nothing of it', async () => {
    const { ctx } = env()
    const noSex = await env().reopen({ patrons: { fields: { sex: false } } })
    const strict = await buildHttpApp(noSex)
    try {
      const existing = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ sex: 'F' }))
      const { token: t } = await signIn(strict, noSex, 'librarian')
      const before = { patrons: await countRows(ctx, 'patrons'), keys: await countKeys(ctx) }

      const refused = await call(strict, {
        method: 'POST',
        url: '/api/v1/patrons',
        token: t,
        payload: patronInput({ sex: 'X' }),
      })
      expectProblem(refused, 400, 'FIELD_DISABLED')
      expect(fieldsOf(refused)).toEqual(['sex'])
      expect({ patrons: await countRows(ctx, 'patrons'), keys: await countKeys(ctx) }).toEqual(
        before,
      )

      const patch = await call(strict, {
        method: 'PATCH',
        url: `/api/v1/patrons/${existing.id}`,
        token: t,
        payload: { sex: 'M' },
      })
      expectProblem(patch, 400, 'FIELD_DISABLED')
      const row = await ctx.db
        .selectFrom('patrons')
        .select(['sex_enc', 'updated_at'])
        .where('id', '=', existing.id)
        .executeTakeFirstOrThrow()
      expect(row.updated_at).toBe(existing.updatedAt)

      const { sex: _, ...withoutSex } = patronInput()
      const accepted = await call(strict, {
        method: 'POST',
        url: '/api/v1/patrons',
        token: t,
        payload: withoutSex,
      })
      expect(accepted.status).toBe(201)
      const id = (accepted.body as { id: string }).id
      const stored = await ctx.db
        .selectFrom('patrons')
        .select('sex_enc')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(stored.sex_enc).toBeNull()
    } finally {
      await strict.close()
    }
  })

  it('refuses NUL characters the same way on both engines', async () => {
    const { ctx } = env()
    const { token: t } = await signIn(app(), ctx, 'librarian')
    const patron = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const before = await countRows(ctx, 'card_ledger')
    const body = await call(app(), {
      method: 'POST',
      url: `/api/v1/patrons/${patron.id}/ledger`,
      token: t,
      payload: { kind: 'debit', amountCents: 5, reason: 'Late\u0000fee' },
    })
    expectProblem(body, 400, 'INVALID_INPUT')
    expect(fieldsOf(body)).toEqual(['reason'])
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/patrons?barcode=2%00', token: t }),
      400,
      'INVALID_INPUT',
    )
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/patrons/abc%00def', token: t }),
      400,
      'INVALID_INPUT',
    )
    expectProblem(
      await call(app(), {
        method: 'POST',
        url: '/api/v1/cards/verify',
        token: t,
        payload: { barcode: '2\u0000', pin: '1' },
      }),
      400,
      'INVALID_INPUT',
    )
    expect(await countRows(ctx, 'card_ledger')).toBe(before)
  })

  it('answers unknown routes, bad URLs and query mistakes with problems', async () => {
    const { ctx } = env()
    const { token: t } = await signIn(app(), ctx, 'librarian')
    expectProblem(await call(app(), { method: 'GET', url: '/api/v1/nowhere' }), 404, 'NOT_FOUND')
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/nowhere', token: t }),
      404,
      'NOT_FOUND',
    )
    expectProblem(
      await call(app(), { method: 'PUT', url: '/api/v1/patrons', token: t, payload: {} }),
      404,
      'NOT_FOUND',
    )
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/patrons/%E0%A4%A', token: t }),
      400,
      'INVALID_URL',
    )
    const twice = await call(app(), {
      method: 'GET',
      url: '/api/v1/patrons?email=a%40b.cd&email=c%40d.ef',
      token: t,
    })
    expectProblem(twice, 400, 'INVALID_INPUT')
    expect(fieldsOf(twice)).toEqual(['email'])
    const unknown = await call(app(), {
      method: 'GET',
      url: '/api/v1/patrons?nickname=ada',
      token: t,
    })
    expectProblem(unknown, 400, 'INVALID_INPUT')
    expect(fieldsOf(unknown)).toEqual(['nickname'])
    expectProblem(
      await call(app(), { method: 'GET', url: `/api/v1/patrons/${'x'.repeat(65)}`, token: t }),
      400,
      'INVALID_INPUT',
    )
  })

  it('hides internal failures behind 500 INTERNAL and reports a dead store on /readyz as 503', async () => {
    const { ctx } = env()
    await staffActor(ctx, 'librarian', 'health-check')
    const { token } = await signInStaff(ctx, 'health-check', STAFF_PASSWORD)
    const broken = await env().reopen()
    const brokenApp = await buildHttpApp(broken)
    try {
      await broken.close()
      const health = await call(brokenApp, { method: 'GET', url: '/readyz' })
      expectProblem(health, 503, 'STORE_UNAVAILABLE')
      const failed = await call(brokenApp, { method: 'GET', url: '/api/v1/staff/me', token })
      expectProblem(failed, 500, 'INTERNAL')
      expect(failed.raw).not.toMatch(/destroy|driver|pool|sqlite|postgres|at /i)
      expect((await call(app(), { method: 'GET', url: '/readyz' })).body).toEqual({
        status: 'ready',
      })
    } finally {
      await brokenApp.close()
    }
  })
})
