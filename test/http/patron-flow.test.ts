import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import {
  anyNumber,
  anyString,
  call,
  containing,
  expectProblem,
  signIn,
  useApp,
} from './http-harness.js'

interface PatronBody {
  id: string
  status: string
  givenName: string | null
  email?: string | null
  phone?: string | null
  cards: { barcode: string; hasPin: boolean; status: string }[]
  balanceCents: number
}

describeEngines('http: patron records', (env) => {
  const app = useApp(env)

  it('signs in, then registers, finds, reads, updates, charges, notes, exports and erases a patron', async () => {
    const { ctx, clock } = env()
    const admin = await signIn(app(), ctx, 'admin')
    const t = admin.token

    const me = await call(app(), { method: 'GET', url: '/api/v1/staff/me', token: t })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      id: admin.staffId,
      username: admin.username,
      role: 'admin',
      active: true,
    })

    const input = patronInput({ familyName: 'Vandermolen', email: 'Vera.V@Example.org' })
    const created = await call(app(), {
      method: 'POST',
      url: '/api/v1/patrons',
      token: t,
      payload: { ...input, card: { pin: '73915284' } },
    })
    expect(created.status).toBe(201)
    const patron = created.body as PatronBody
    expect(patron).toMatchObject({
      status: 'active',
      givenName: input.givenName,
      email: input.email,
      balanceCents: 0,
    })
    expect(patron.cards).toEqual([containing({ status: 'active', hasPin: true })])
    const barcode = patron.cards[0]?.barcode ?? ''
    const url = `/api/v1/patrons/${patron.id}`

    for (const query of [
      'email=vera.v%40example.ORG',
      'surnamePrefix=vanderm',
      `barcode=${barcode}`,
    ]) {
      const found = await call(app(), { method: 'GET', url: `/api/v1/patrons?${query}`, token: t })
      expect(found.status).toBe(200)
      expect(found.body).toEqual([
        {
          id: patron.id,
          givenName: input.givenName,
          familyName: 'Vandermolen',
          barcode,
          status: 'active',
          category: 'adult',
          expiresOn: anyString,
        },
      ])
    }
    expectProblem(
      await call(app(), {
        method: 'GET',
        url: '/api/v1/patrons?email=a%40b.cd&phone=7085551234',
        token: t,
      }),
      400,
      'ONE_CRITERION',
    )

    const read = await call(app(), { method: 'GET', url, token: t })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({
      id: patron.id,
      email: input.email,
      birthDate: '1984-03-09',
      address: input.address,
    })

    clock.advance(60_000)
    const updated = await call(app(), {
      method: 'PATCH',
      url,
      token: t,
      payload: { email: 'vera@example.net', phone: null },
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({
      email: 'vera@example.net',
      phone: null,
      updatedAt: clock.now().toISOString(),
    })
    expect(
      (
        await call(app(), {
          method: 'GET',
          url: '/api/v1/patrons?email=vera.v%40example.org',
          token: t,
        })
      ).body,
    ).toEqual([])
    expect(
      (
        await call(app(), {
          method: 'GET',
          url: '/api/v1/patrons?email=vera%40example.net',
          token: t,
        })
      ).body,
    ).toEqual([containing({ id: patron.id })])

    const debit = await call(app(), {
      method: 'POST',
      url: `${url}/ledger`,
      token: t,
      payload: { kind: 'debit', amountCents: 250, reason: 'Replacement card' },
    })
    expect(debit.status).toBe(201)
    expect(debit.body).toMatchObject({ balanceCents: -250 })
    // Entries are listed in time order; ids are random and say nothing about order.
    clock.advance(60_000)
    const credit = await call(app(), {
      method: 'POST',
      url: `${url}/ledger`,
      token: t,
      payload: { kind: 'credit', amountCents: 100, reason: 'Paid at desk' },
    })
    expect(credit.body).toMatchObject({ balanceCents: -150 })
    const ledger = await call(app(), { method: 'GET', url: `${url}/ledger`, token: t })
    expect(ledger.status).toBe(200)
    expect(ledger.body).toEqual({
      balanceCents: -150,
      entries: [
        containing({
          amountCents: -250,
          reason: 'Replacement card',
          staffId: admin.staffId,
        }),
        containing({
          amountCents: 100,
          reason: 'Paid at desk',
          staffId: admin.staffId,
        }),
      ],
    })

    const note = await call(app(), {
      method: 'POST',
      url: `${url}/notes`,
      token: t,
      payload: { body: 'Prefers large print.' },
    })
    expect(note.status).toBe(201)
    expect(note.body).toMatchObject({ body: 'Prefers large print.', authorStaffId: admin.staffId })
    const notes = await call(app(), { method: 'GET', url: `${url}/notes`, token: t })
    expect(notes.body).toEqual([containing({ body: 'Prefers large print.' })])

    const exported = await call(app(), {
      method: 'GET',
      url: `${url}/export?identity=photo_id`,
      token: t,
    })
    expect(exported.status).toBe(200)
    expect(exported.body).toMatchObject({
      patron: {
        id: patron.id,
        email: 'vera@example.net',
        licenceNumber: input.licenceNumber,
        sex: 'F',
      },
      cards: [{ barcode, hasPin: true }],
      ledger: [{ amountCents: -250 }, { amountCents: 100 }],
      notes: [{ body: 'Prefers large print.' }],
    })

    const erased = await call(app(), { method: 'DELETE', url, token: t })
    expect(erased.status).toBe(204)
    expect(erased.raw).toBe('')
    const after = await call(app(), { method: 'GET', url, token: t })
    expect(after.status).toBe(200)
    expect(after.body).toMatchObject({ status: 'erased', givenName: null, email: null, cards: [] })
    expectProblem(
      await call(app(), { method: 'GET', url: `${url}/ledger`, token: t }),
      409,
      'PATRON_ERASED',
    )
    expect(
      (
        await call(app(), {
          method: 'GET',
          url: '/api/v1/patrons?email=vera%40example.net',
          token: t,
        })
      ).body,
    ).toEqual([])

    // Every step was recorded against the signed-in staff member, and the chain still holds.
    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', admin.staffId)
      .where('patron_id', '=', patron.id)
      .execute()
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'patron.create',
        'card.issue',
        'patron.search_hit',
        'patron.read',
        'patron.update',
        'ledger.entry',
        'note.create',
        'note.read',
        'patron.export',
        'patron.erase',
      ]),
    )
    const verify = await call(app(), { method: 'GET', url: '/api/v1/audit/verify', token: t })
    expect(verify.status).toBe(200)
    expect(verify.body).toMatchObject({ ok: true, entries: anyNumber })
    expect((verify.body as { entries: number }).entries).toBeGreaterThanOrEqual(actions.length)
  })
})
