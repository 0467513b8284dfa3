import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, patronInput } from '../harness/factories.js'
import {
  anyString,
  call,
  containing,
  expectProblem,
  including,
  signIn,
  useApp,
  type Reply,
  type Session,
} from './http-harness.js'

const V1 = '/api/v1'
const PICKUP_CODE = /^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$/

interface Created {
  id: string
}
interface PatronBody extends Created {
  cards: { barcode: string }[]
}
interface CheckinBody {
  route: { action: string; pickupCode?: string }
}
interface FeesBody {
  owedCents: number
  fees: { id: string }[]
}

/** Staff tokens last eight hours: once the clock has moved by days, the same person signs in again. */
async function relogin(app: FastifyInstance, session: Session): Promise<string> {
  const res = await call(app, {
    method: 'POST',
    url: `${V1}/auth/login`,
    payload: { username: session.username, password: STAFF_PASSWORD },
  })
  expect(res.status).toBe(200)
  return (res.body as { token: string }).token
}

describeEngines('http: a day at the circulation desk', (env) => {
  const app = useApp(env)

  it('sets up the rules, lends, blocks, renews, fills a hold, fines, settles, forgets and handles requests', async () => {
    const { ctx, clock } = env()
    clock.set('2026-02-02T16:00:00Z') // Monday, 10:00 in Chicago
    const admin = await signIn(app(), ctx, 'admin')
    const librarian = await signIn(app(), ctx, 'librarian')
    const desk = await signIn(app(), ctx, 'circulation')
    let lib = librarian.token
    let circ = desk.token
    const send = (
      token: string,
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      payload?: unknown,
    ): Promise<Reply> =>
      call(app(), { method, url: `${V1}${url}`, token, ...(payload !== undefined && { payload }) })

    // The library's structure and rules, set by the administrator.
    const branch = await send(admin.token, 'PUT', '/library/branches/east', { name: 'East Branch' })
    expect(branch.status).toBe(204)
    expect(branch.raw).toBe('')
    expect(
      (await send(admin.token, 'PUT', '/library/item-types/kit', { name: 'Discovery kit' })).status,
    ).toBe(204)
    expect(
      (
        await send(admin.token, 'PUT', '/library/patron-categories/adult', {
          name: 'Adult',
          maxOwedCents: 500,
        })
      ).status,
    ).toBe(204)
    const structure = await send(circ, 'GET', '/library')
    expect(structure.status).toBe(200)
    expect(structure.body).toMatchObject({
      branches: [
        { code: 'east', name: 'East Branch' },
        { code: 'main', name: 'Main' },
      ],
      itemTypes: including([
        {
          code: 'kit',
          name: 'Discovery kit',
          notForLoan: false,
          magneticMedia: null,
          securityMarker: '00',
        },
      ]),
      patronCategories: including([
        { code: 'adult', name: 'Adult', maxOwedCents: 500, internetProfile: null },
      ]),
    })

    const ruleInput = {
      branch: '*',
      patronCategory: 'adult',
      itemType: 'book',
      loanPeriod: 14,
      periodUnit: 'days',
      maxItems: 5,
      renewalsAllowed: 1,
      finePerDayCents: 30,
      maxFineCents: 300,
      graceDays: 0,
      holdsAllowed: true,
    }
    const rule = await send(admin.token, 'PUT', '/library/loan-rules', ruleInput)
    expect(rule.status).toBe(200)
    expect(rule.body).toEqual({ id: anyString, ...ruleInput, updatedAt: clock.now().toISOString() })
    const rules = await send(circ, 'GET', '/library/loan-rules')
    expect(rules.status).toBe(200)
    expect(rules.body).toEqual([
      containing({ branch: '*', patronCategory: '*', itemType: '*', loanPeriod: 21 }),
      rule.body,
    ])

    const holiday = await send(admin.token, 'POST', '/library/closed-days', {
      branch: 'main',
      date: '2026-02-16',
      note: "Presidents' Day",
    })
    expect(holiday.status).toBe(201)
    expect(holiday.body).toEqual({
      id: anyString,
      branch: 'main',
      date: '2026-02-16',
      weekday: null,
      note: "Presidents' Day",
    })
    const sundays = await send(admin.token, 'POST', '/library/closed-days', {
      branch: 'east',
      weekday: 0,
    })
    expect(sundays.body).toMatchObject({ branch: 'east', date: null, weekday: 0, note: '' })
    const reopened = await send(
      admin.token,
      'DELETE',
      `/library/closed-days/${(sundays.body as Created).id}`,
    )
    expect(reopened.status).toBe(204)
    expect((await send(circ, 'GET', '/library/closed-days')).body).toEqual([holiday.body])

    // The catalogue: two titles, three copies.
    const record = await send(lib, 'POST', '/catalog/records', {
      title: 'The Lighthouse Almanac',
      author: 'Mara Ellison',
      isbn: '978-0-306-40615-7',
      year: 2019,
      materialType: 'book',
    })
    expect(record.status).toBe(201)
    expect(record.body).toEqual({
      id: anyString,
      title: 'The Lighthouse Almanac',
      author: 'Mara Ellison',
      isbn: '9780306406157',
      year: 2019,
      materialType: 'book',
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    })
    const recordId = (record.body as Created).id
    const fixed = await send(lib, 'PATCH', `/catalog/records/${recordId}`, { year: 2020 })
    expect(fixed.status).toBe(200)
    expect(fixed.body).toMatchObject({ id: recordId, title: 'The Lighthouse Almanac', year: 2020 })
    const copy = (barcode: string, branchCode: string, id = recordId) =>
      send(lib, 'POST', '/catalog/items', {
        recordId: id,
        barcode,
        callNumber: '551.46 ELL',
        branch: branchCode,
        itemType: 'book',
        replacementPriceCents: 2400,
      })
    const m1 = '31000000000001'
    const e1 = '31000000000002'
    const s1 = '31000000000003'
    const added = await copy(m1, 'main')
    expect(added.status).toBe(201)
    expect(added.body).toEqual({
      id: anyString,
      recordId,
      barcode: m1,
      callNumber: '551.46 ELL',
      branch: 'main',
      itemType: 'book',
      status: 'available',
      transitTo: null,
      replacementPriceCents: 2400,
      magneticMedia: null,
      securityMarker: null,
    })
    expect((await copy(e1, 'east')).status).toBe(201)
    const guide = await send(lib, 'POST', '/catalog/records', {
      title: 'A Field Guide to Moths',
      author: 'Iris Penhallow',
      materialType: 'book',
    })
    expect((await copy(s1, 'main', (guide.body as Created).id)).status).toBe(201)
    const display = await send(lib, 'PATCH', `/catalog/items/${s1}`, {
      status: 'not_for_loan',
      callNumber: '595.78 PEN',
    })
    expect(display.status).toBe(200)
    expect(display.body).toMatchObject({
      barcode: s1,
      status: 'not_for_loan',
      callNumber: '595.78 PEN',
    })

    // Two patrons, each registered with a card.
    const register = async (givenName: string, familyName: string) => {
      const res = await send(circ, 'POST', '/patrons', {
        ...patronInput({ givenName, familyName }),
        card: {},
      })
      expect(res.status).toBe(201)
      const body = res.body as PatronBody
      return { id: body.id, card: body.cards[0]?.barcode ?? '', givenName, familyName }
    }
    const ada = await register('Annabel', 'Thistlewood')
    const ben = await register('Bartholomew', 'Quince')
    expect(ada.card).toMatch(/^\d{14}$/)

    // Fourteen days from Monday 2 February is the closed Presidents' Day: due the day after.
    const lent = await send(circ, 'POST', '/circulation/checkouts', {
      patronBarcode: ada.card,
      itemBarcode: m1,
      branch: 'main',
    })
    expect(lent.status).toBe(201)
    expect(lent.body).toEqual({
      loanId: anyString,
      patronId: ada.id,
      itemBarcode: m1,
      title: 'The Lighthouse Almanac',
      dueAt: '2026-02-18T05:59:59.000Z', // 23:59:59 on 17 February in Chicago
      overridden: [],
    })

    // Search: one copy out at Main, one on the shelf at East.
    const found = await send(circ, 'GET', '/catalog/records?q=LIGHTHOUSE%20almanac')
    expect(found.status).toBe(200)
    expect(found.body).toEqual({
      total: 1,
      results: [
        {
          id: recordId,
          title: 'The Lighthouse Almanac',
          author: 'Mara Ellison',
          isbn: '9780306406157',
          year: 2020,
          materialType: 'book',
          availability: [
            { branch: 'east', total: 1, available: 1 },
            { branch: 'main', total: 1, available: 0 },
          ],
        },
      ],
    })
    expect((await send(circ, 'GET', '/catalog/records?isbn=0-306-40615-2')).body).toEqual({
      total: 0,
      results: [],
    })
    expect((await send(circ, 'GET', '/catalog/records?isbn=978-0306406157')).body).toMatchObject({
      total: 1,
      results: [{ id: recordId }],
    })
    expect((await send(circ, 'GET', '/catalog/records?author=penhallow')).body).toMatchObject({
      total: 1,
      results: [
        {
          title: 'A Field Guide to Moths',
          availability: [{ branch: 'main', total: 1, available: 0 }],
        },
      ],
    })
    const paged = await send(
      circ,
      'GET',
      '/catalog/records?format=book&sort=title&limit=1&offset=1',
    )
    expect(paged.body).toMatchObject({ total: 2, results: [{ title: 'The Lighthouse Almanac' }] })
    expect((paged.body as { results: unknown[] }).results).toHaveLength(1)
    const detail = await send(circ, 'GET', `/catalog/records/${recordId}`)
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({
      id: recordId,
      availability: [
        { branch: 'east', available: 1 },
        { branch: 'main', available: 0 },
      ],
      items: [
        { barcode: e1, branch: 'east', status: 'available' },
        { barcode: m1, branch: 'main', status: 'on_loan' },
      ],
    })

    // A copy kept for display: the desk is blocked and may not override; a librarian may.
    const checkoutDisplay = { patronBarcode: ada.card, itemBarcode: s1, branch: 'main' }
    const blocked = await send(circ, 'POST', '/circulation/checkouts', checkoutDisplay)
    expectProblem(blocked, 422, 'ITEM_NOT_FOR_LOAN')
    expect((blocked.body as { details: unknown }).details).toEqual({
      fields: [],
      blocks: ['ITEM_NOT_FOR_LOAN'],
      overridable: [],
    })
    expectProblem(
      await send(circ, 'POST', '/circulation/checkouts', {
        ...checkoutDisplay,
        override: ['ITEM_NOT_FOR_LOAN'],
      }),
      403,
      'OVERRIDE_NOT_ALLOWED',
    )
    const offered = await send(lib, 'POST', '/circulation/checkouts', checkoutDisplay)
    expectProblem(offered, 422, 'ITEM_NOT_FOR_LOAN')
    expect((offered.body as { details: unknown }).details).toEqual({
      fields: [],
      blocks: ['ITEM_NOT_FOR_LOAN'],
      overridable: ['ITEM_NOT_FOR_LOAN'],
    })
    const overridden = await send(lib, 'POST', '/circulation/checkouts', {
      ...checkoutDisplay,
      override: ['ITEM_NOT_FOR_LOAN'],
    })
    expect(overridden.status).toBe(201)
    expect(overridden.body).toMatchObject({
      patronId: ada.id,
      itemBarcode: s1,
      overridden: ['ITEM_NOT_FOR_LOAN'],
    })

    // Three days later: one renewal allowed, counted from today.
    clock.advance(3 * DAY)
    circ = await relogin(app(), desk)
    const renewed = await send(circ, 'POST', '/circulation/renewals', {
      itemBarcode: m1,
      patronBarcode: ada.card,
    })
    expect(renewed.status).toBe(200)
    expect(renewed.body).toEqual({
      itemBarcode: m1,
      dueAt: '2026-02-20T05:59:59.000Z',
      renewals: 1,
      renewalsLeft: 0,
    })
    expectProblem(
      await send(circ, 'POST', '/circulation/renewals', { itemBarcode: m1 }),
      422,
      'RENEWAL_LIMIT',
    )

    // Ben asks for the title at Main; Ada brings her copy back and it goes to his hold.
    const hold = await send(circ, 'POST', '/holds', {
      patronId: ben.id,
      recordId,
      pickupBranch: 'main',
    })
    expect(hold.status).toBe(201)
    expect(hold.body).toEqual({
      id: anyString,
      recordId,
      title: 'The Lighthouse Almanac',
      pickupBranch: 'main',
      status: 'queued',
      placedAt: clock.now().toISOString(),
      suspendedUntil: null,
      position: 1,
      pickupCode: null,
      expiresOn: null,
    })
    expectProblem(
      await send(circ, 'POST', '/holds', { patronId: ben.id, recordId, pickupBranch: 'main' }),
      409,
      'ALREADY_ON_HOLD',
    )
    const back = await send(circ, 'POST', '/circulation/checkins', {
      itemBarcode: m1,
      branch: 'main',
    })
    expect(back.status).toBe(200)
    expect(back.body).toEqual({
      itemBarcode: m1,
      title: 'The Lighthouse Almanac',
      wasOnLoan: true,
      fineCents: 0,
      forgotten: true,
      route: {
        action: 'hold_shelf',
        branch: 'main',
        pickupCode: anyString,
        expiresOn: '2026-02-12',
      },
    })
    const pickupCode = (back.body as CheckinBody).route.pickupCode ?? ''
    expect(pickupCode).toMatch(PICKUP_CODE)
    for (const personal of [ben.givenName, ben.familyName, ben.card, ben.id])
      expect(back.raw).not.toContain(personal)

    // P10: the shelf shows the code and the title, never who it is for.
    const shelf = await send(circ, 'GET', '/holds/shelf?branch=main')
    expect(shelf.status).toBe(200)
    expect(shelf.body).toEqual({
      ready: [
        {
          pickupCode,
          title: 'The Lighthouse Almanac',
          itemBarcode: m1,
          readyAt: clock.now().toISOString(),
          expiresOn: '2026-02-12',
        },
      ],
      expired: [],
    })
    for (const personal of [ben.givenName, ben.familyName, ben.card, ben.id])
      expect(shelf.raw).not.toContain(personal)
    expect((await send(circ, 'GET', '/holds/shelf?branch=east')).body).toEqual({
      ready: [],
      expired: [],
    })
    expect((await send(circ, 'GET', `/patrons/${ben.id}/holds`)).body).toEqual([
      containing({ status: 'ready', pickupCode, position: null, expiresOn: '2026-02-12' }),
    ])
    const kept = await send(circ, 'POST', '/circulation/checkouts', {
      patronBarcode: ada.card,
      itemBarcode: m1,
      branch: 'main',
    })
    expectProblem(kept, 422, 'ITEM_ON_HOLD_FOR_ANOTHER')
    expect(kept.body).toMatchObject({
      details: { blocks: ['ITEM_ON_HOLD_FOR_ANOTHER'], overridable: [] },
    })

    // Ben collects it: the hold is fulfilled and leaves his list and the shelf.
    const collected = await send(circ, 'POST', '/circulation/checkouts', {
      patronBarcode: ben.card,
      itemBarcode: m1,
      branch: 'main',
    })
    expect(collected.status).toBe(201)
    expect(collected.body).toMatchObject({ patronId: ben.id, dueAt: '2026-02-20T05:59:59.000Z' })
    expect((await send(circ, 'GET', `/patrons/${ben.id}/holds`)).body).toEqual([])
    expect((await send(circ, 'GET', '/holds/shelf?branch=main')).body).toEqual({
      ready: [],
      expired: [],
    })

    // Three weeks on, Ben returns it a week late, at East: 7 open days at 30 cents.
    clock.advance(21 * DAY)
    circ = await relogin(app(), desk)
    lib = await relogin(app(), librarian)
    expect((await send(circ, 'GET', `/patrons/${ben.id}/loans`)).body).toEqual([
      {
        itemBarcode: m1,
        title: 'The Lighthouse Almanac',
        author: 'Mara Ellison',
        checkedOutAt: '2026-02-05T16:00:00.000Z',
        dueAt: '2026-02-20T05:59:59.000Z',
        returnedAt: null,
        renewals: 0,
        overdue: true,
      },
    ])
    const late = await send(circ, 'POST', '/circulation/checkins', {
      itemBarcode: m1,
      branch: 'east',
    })
    expect(late.status).toBe(200)
    expect(late.body).toMatchObject({
      wasOnLoan: true,
      fineCents: 210,
      forgotten: false,
      route: { action: 'transit', branch: 'main', forHold: false },
    })
    expect(
      (await send(circ, 'POST', '/circulation/checkins', { itemBarcode: m1, branch: 'main' })).body,
    ).toMatchObject({ wasOnLoan: false, fineCents: 0, route: { action: 'shelve', branch: 'main' } })
    expect((await send(circ, 'GET', `/patrons/${ben.id}/loans`)).body).toEqual([])

    const fees = await send(circ, 'GET', `/patrons/${ben.id}/fees`)
    expect(fees.status).toBe(200)
    expect(fees.body).toEqual({
      owedCents: 210,
      fees: [
        {
          id: anyString,
          kind: 'overdue',
          status: 'open',
          amountCents: 210,
          outstandingCents: 210,
          createdAt: clock.now().toISOString(),
          itemTitle: 'The Lighthouse Almanac',
          // Returned: the fine is final and no longer grows.
          growth: null,
        },
      ],
    })
    const feeId = (fees.body as FeesBody).fees[0]?.id ?? ''
    const paid = await send(circ, 'POST', `/patrons/${ben.id}/payments`, {
      amountCents: 100,
      method: 'cash',
      reference: 'R-2291',
    })
    expect(paid.status).toBe(201)
    expect(paid.body).toEqual({ owedCents: 110 })
    expectProblem(
      await send(circ, 'POST', `/fees/${feeId}/waiver`, { reason: 'Goodwill' }),
      403,
      'FORBIDDEN',
    )
    const waived = await send(lib, 'POST', `/fees/${feeId}/waiver`, {
      reason: 'First late return',
    })
    expect(waived.status).toBe(201)
    expect(waived.body).toEqual({ owedCents: 0 })
    // P3: a settled fine is deleted, and with it the last link to the item and the loan; the
    // month's anonymous totals keep the money.
    expect((await send(circ, 'GET', `/patrons/${ben.id}/fees`)).body).toEqual({
      owedCents: 0,
      fees: [],
    })
    expect(
      await ctx.db
        .selectFrom('fee_counts')
        .select(['kind', 'outcome', 'count', 'cents'])
        .where('kind', '=', 'overdue')
        .where('outcome', '!=', 'charged')
        .execute(),
    ).toEqual([{ kind: 'overdue', outcome: 'waived', count: 1, cents: 210 }])
    const bensLoans = await ctx.db
      .selectFrom('loans')
      .select('id')
      .where('patron_id', '=', ben.id)
      .execute()
    expect(bensLoans).toEqual([])

    // Ada keeps a reading history for one loan, then switches it off, which erases it.
    const on = await send(circ, 'PUT', `/patrons/${ada.id}/reading-history`, { keep: true })
    expect(on.status).toBe(200)
    expect(on.body).toEqual({ keep: true, forgotten: 0 })
    expect(
      (
        await send(circ, 'POST', '/circulation/checkouts', {
          patronBarcode: ada.card,
          itemBarcode: e1,
          branch: 'east',
        })
      ).status,
    ).toBe(201)
    expect(
      (await send(circ, 'POST', '/circulation/checkins', { itemBarcode: e1, branch: 'east' })).body,
    ).toMatchObject({ forgotten: false, route: { action: 'shelve', branch: 'east' } })
    const history = await send(circ, 'GET', `/patrons/${ada.id}/reading-history`)
    expect(history.status).toBe(200)
    expect(history.body).toEqual([
      containing({
        itemBarcode: e1,
        title: 'The Lighthouse Almanac',
        returnedAt: clock.now().toISOString(),
      }),
    ])
    expect((await send(circ, 'GET', `/patrons/${ada.id}/loans`)).body).toEqual([
      containing({ itemBarcode: s1, title: 'A Field Guide to Moths', overdue: true }),
    ])
    const off = await send(circ, 'PUT', `/patrons/${ada.id}/reading-history`, { keep: false })
    expect(off.body).toEqual({ keep: false, forgotten: 1 })
    expect((await send(circ, 'GET', `/patrons/${ada.id}/reading-history`)).body).toEqual([])

    // A purchase suggestion moves through its statuses; an interlibrary loan stays apart.
    const asked = await send(circ, 'POST', '/requests', {
      patronId: ada.id,
      kind: 'purchase',
      title: 'Tides of the Great Lakes',
      author: 'R. Okafor',
      note: 'Large print if possible',
    })
    expect(asked.status).toBe(201)
    expect(asked.body).toEqual({
      id: anyString,
      patronId: ada.id,
      kind: 'purchase',
      status: 'submitted',
      title: 'Tides of the Great Lakes',
      author: 'R. Okafor',
      note: 'Large print if possible',
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    })
    const requestId = (asked.body as Created).id
    const ill = await send(circ, 'POST', '/requests', {
      patronId: ben.id,
      kind: 'interlibrary_loan',
      title: 'Beacons and Buoys',
    })
    expect(ill.body).toMatchObject({ kind: 'interlibrary_loan', author: null, note: null })
    expect((await send(circ, 'GET', '/requests?status=submitted')).body).toEqual([
      asked.body,
      ill.body,
    ])
    for (const status of ['ordered', 'received', 'fulfilled']) {
      const moved = await send(circ, 'PUT', `/requests/${requestId}/status`, { status })
      expect(moved.status, status).toBe(204)
    }
    expectProblem(
      await send(circ, 'PUT', `/requests/${requestId}/status`, { status: 'ordered' }),
      409,
      'INVALID_TRANSITION',
    )
    expect((await send(circ, 'GET', '/requests?status=submitted')).body).toEqual([ill.body])
    expect((await send(circ, 'GET', `/requests?patronId=${ada.id}`)).body).toEqual([
      { ...(asked.body as object), status: 'fulfilled', updatedAt: clock.now().toISOString() },
    ])

    // Every step is in the audit log against the person who did it, and the chain holds.
    const actionsOf = async (staffId: string) =>
      new Set(
        (
          await ctx.db
            .selectFrom('audit_log')
            .select('action')
            .where('actor_id', '=', staffId)
            .execute()
        ).map((a) => a.action),
      )
    expect([...(await actionsOf(desk.staffId))]).toEqual(
      including([
        'circ.checkout',
        'circ.renew',
        'hold.place',
        'circ.checkin',
        'loans.read',
        'fee.payment',
        'history.on',
        'history.off',
        'request.create',
        'request.status',
        'request.read',
      ]),
    )
    expect([...(await actionsOf(librarian.staffId))]).toEqual(
      including(['circ.checkout', 'circ.override', 'fee.waiver']),
    )
    const verify = await send(await relogin(app(), admin), 'GET', '/audit/verify')
    expect(verify.body).toMatchObject({ ok: true })
  })
})
