import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { DEFAULT_RULE } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { call, containing, expectProblem, signIn, useApp, type Reply } from './http-harness.js'

const V1 = '/api/v1'
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

async function count(ctx: AppContext, table: 'loans' | 'holds' | 'fees' | 'fee_payments') {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const counts = async (ctx: AppContext) => ({
  loans: await count(ctx, 'loans'),
  holds: await count(ctx, 'holds'),
  fees: await count(ctx, 'fees'),
  payments: await count(ctx, 'fee_payments'),
})

describeEngines('http: circulation rules, conflicts and role limits', (env) => {
  const app = useApp(env)
  const send = (token: string, method: Method, url: string, payload?: unknown): Promise<Reply> =>
    call(app(), { method, url: `${V1}${url}`, token, ...(payload !== undefined && { payload }) })

  it('answers 422 with the rule that said no, and 409 on conflicting state', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx, { maxItems: 1 })
    const { items } = await lib.title([{}, {}, {}])
    const [a, b, c] = items.map((i) => i.barcode)
    const p = await lib.patron()
    const q = await lib.patron()
    const admin = await signIn(app(), ctx, 'admin')
    const circ = (await signIn(app(), ctx, 'circulation')).token
    const lend = (patronBarcode: string, itemBarcode = '', override?: string[]) =>
      send(circ, 'POST', '/circulation/checkouts', {
        patronBarcode,
        itemBarcode,
        branch: 'main',
        ...(override !== undefined && { override }),
      })

    expect((await lend(p.barcode, a)).status).toBe(201)
    const loansBefore = await count(ctx, 'loans')
    const tooMany = await lend(p.barcode, b)
    expectProblem(tooMany, 422, 'TOO_MANY_ITEMS')
    expect(tooMany.body).toMatchObject({
      details: { blocks: ['TOO_MANY_ITEMS'], overridable: ['TOO_MANY_ITEMS'] },
    })
    // Every block is listed; the code is the first of them.
    const twice = await lend(p.barcode, a)
    expectProblem(twice, 422, 'TOO_MANY_ITEMS')
    expect(twice.body).toMatchObject({
      details: {
        blocks: ['TOO_MANY_ITEMS', 'ITEM_ALREADY_ON_LOAN'],
        overridable: ['TOO_MANY_ITEMS'],
      },
    })
    expectProblem(await lend(p.barcode, a, ['TOO_MANY_ITEMS']), 422, 'ITEM_ALREADY_ON_LOAN')
    expectProblem(
      await lend(p.barcode, a, ['TOO_MANY_ITEMS', 'ITEM_ALREADY_ON_LOAN']),
      403,
      'OVERRIDE_NOT_ALLOWED',
    )
    expect(await count(ctx, 'loans')).toBe(loansBefore)
    const overridden = await lend(p.barcode, b, ['TOO_MANY_ITEMS'])
    expect(overridden.status).toBe(201)
    expect(overridden.body).toMatchObject({ overridden: ['TOO_MANY_ITEMS'] })

    const lostCard = await send(circ, 'PUT', `/cards/${q.barcode}/status`, { status: 'lost' })
    expect(lostCard.status).toBe(200)
    const refused = await lend(q.barcode, c)
    expectProblem(refused, 422, 'CARD_LOST')
    expect(refused.body).toMatchObject({ details: { blocks: ['CARD_LOST'], overridable: [] } })

    expectProblem(
      await send(circ, 'POST', '/circulation/renewals', { itemBarcode: c }),
      422,
      'NOT_ON_LOAN',
    )
    expectProblem(
      await send(circ, 'POST', '/circulation/lost', { itemBarcode: c }),
      422,
      'NOT_ON_LOAN',
    )
    expectProblem(
      await send(circ, 'POST', '/circulation/renewals', {
        itemBarcode: a,
        patronBarcode: q.barcode,
      }),
      422,
      'NOT_ON_LOAN',
    )
    expectProblem(
      await send(circ, 'POST', `/patrons/${p.id}/payments`, { amountCents: 100, method: 'cash' }),
      422,
      'AMOUNT_EXCEEDS_BALANCE',
    )

    // A lost item is charged at its replacement price, then forgiven when it turns up.
    const lost = await send(circ, 'POST', '/circulation/lost', { itemBarcode: b })
    expect(lost.status).toBe(200)
    expect(lost.body).toEqual({ chargedCents: 2500 })
    const fees = await send(circ, 'GET', `/patrons/${p.id}/fees`)
    expect(fees.body).toMatchObject({
      owedCents: 2500,
      fees: [{ kind: 'lost', status: 'open', outstandingCents: 2500 }],
    })
    const feeId = (fees.body as { fees: { id: string }[] }).fees[0]?.id ?? ''
    expectProblem(
      await send(circ, 'POST', `/patrons/${p.id}/payments`, { amountCents: 2501, method: 'cash' }),
      422,
      'AMOUNT_EXCEEDS_BALANCE',
    )
    expect(
      (await send(circ, 'POST', '/circulation/checkins', { itemBarcode: b, branch: 'main' })).body,
    ).toMatchObject({ wasOnLoan: false, route: { action: 'shelve' } })
    // Forgiven means settled, and a settled charge is deleted (P3): nothing is left to waive.
    expect((await send(circ, 'GET', `/patrons/${p.id}/fees`)).body).toEqual({
      owedCents: 0,
      fees: [],
    })
    const { token: lib2 } = await signIn(app(), ctx, 'librarian')
    expectProblem(
      await send(lib2, 'POST', `/fees/${feeId}/waiver`, { reason: 'Kindness' }),
      404,
      'FEE_NOT_FOUND',
    )

    // Conflicts: state that has moved on, or would be duplicated.
    expectProblem(
      await send(lib2, 'PATCH', `/catalog/items/${a}`, { status: 'withdrawn' }),
      409,
      'ITEM_IN_CIRCULATION',
    )
    expectProblem(
      await send(lib2, 'POST', '/catalog/items', {
        recordId: items[0]?.record_id,
        barcode: a,
        branch: 'main',
        itemType: 'book',
        replacementPriceCents: 100,
      }),
      409,
      'ITEM_BARCODE_TAKEN',
    )
    const hold = await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: q.id,
      recordId: items[0]?.record_id,
      pickupBranch: 'main',
    })
    expectProblem(
      await send(circ, 'POST', '/holds', {
        patronId: p.id,
        recordId: items[0]?.record_id,
        pickupBranch: 'main',
      }),
      409,
      'ALREADY_ON_LOAN',
    )
    expectProblem(
      await send(circ, 'POST', '/circulation/renewals', { itemBarcode: a }),
      422,
      'ON_HOLD_FOR_ANOTHER',
    )
    expect((await send(circ, 'DELETE', `/holds/${hold.id}`)).status).toBe(204)
    expectProblem(await send(circ, 'DELETE', `/holds/${hold.id}`), 404, 'HOLD_NOT_FOUND')
    const rules = (await send(circ, 'GET', '/library/loan-rules')).body as { id: string }[]
    expectProblem(
      await send(admin.token, 'DELETE', `/library/loan-rules/${rules[0]?.id ?? ''}`),
      400,
      'DEFAULT_RULE_REQUIRED',
    )
  })

  it('keeps each role to its permissions with 403, changing nothing', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items, record } = await lib.title([{}, {}])
    const [a, b] = items.map((i) => i.barcode)
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: a ?? '',
      branch: 'main',
    })
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: b ?? '',
      branch: 'main',
    })
    await declareLost(ctx, lib.desk, { itemBarcode: b ?? '' })
    const feeId = (await listFees(ctx, lib.desk, p.id)).fees[0]?.id ?? ''
    const circ = (await signIn(app(), ctx, 'circulation')).token
    const librarian = (await signIn(app(), ctx, 'librarian')).token
    const officer = (await signIn(app(), ctx, 'privacy_officer')).token
    const rulesBefore = (await send(circ, 'GET', '/library/loan-rules')).body
    const libraryBefore = (await send(circ, 'GET', '/library')).body
    const before = await counts(ctx)
    const denied = async (token: string, method: Method, url: string, payload?: unknown) =>
      expectProblem(await send(token, method, url, payload), 403, 'FORBIDDEN')

    // The desk may not change the rules, the calendar or the catalogue, nor waive fines.
    const rule = { ...DEFAULT_RULE, maxItems: 500 }
    await denied(circ, 'PUT', '/library/loan-rules', rule)
    await denied(librarian, 'PUT', '/library/loan-rules', rule)
    await denied(
      circ,
      'DELETE',
      `/library/loan-rules/${(rulesBefore as { id: string }[])[0]?.id ?? ''}`,
    )
    await denied(circ, 'PUT', '/library/branches/west', { name: 'West' })
    await denied(circ, 'PUT', '/library/item-types/laptop', { name: 'Laptop' })
    await denied(librarian, 'PUT', '/library/patron-categories/adult', {
      name: 'A',
      maxOwedCents: 0,
    })
    await denied(circ, 'POST', '/library/closed-days', { branch: 'main', weekday: 1 })
    await denied(circ, 'POST', '/catalog/records', { title: 'Mine', materialType: 'book' })
    await denied(circ, 'PATCH', `/catalog/records/${record.id}`, { title: 'Renamed' })
    await denied(circ, 'PATCH', `/catalog/items/${b}`, { replacementPriceCents: 1 })
    await denied(circ, 'POST', `/fees/${feeId}/waiver`, { reason: 'Because' })

    // A privacy officer reads records but does not work the desk.
    await denied(officer, 'POST', '/circulation/checkouts', {
      patronBarcode: p.barcode,
      itemBarcode: b,
      branch: 'main',
    })
    await denied(officer, 'POST', '/circulation/checkins', { itemBarcode: b, branch: 'main' })
    await denied(officer, 'POST', '/circulation/renewals', { itemBarcode: a })
    await denied(officer, 'POST', '/circulation/lost', { itemBarcode: a })
    await denied(officer, 'GET', '/holds/shelf?branch=main')
    await denied(officer, 'POST', '/holds', {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'main',
    })
    await denied(officer, 'POST', `/patrons/${p.id}/payments`, { amountCents: 100, method: 'cash' })
    await denied(officer, 'POST', `/fees/${feeId}/waiver`, { reason: 'Because' })
    await denied(officer, 'PUT', `/patrons/${p.id}/reading-history`, { keep: true })
    await denied(officer, 'POST', '/requests', { patronId: p.id, kind: 'purchase', title: 'A' })
    await denied(officer, 'GET', '/requests')
    expect((await send(officer, 'GET', `/patrons/${p.id}/fees`)).status).toBe(200)

    // Nothing changed, and an anonymous caller is turned away before anything else.
    expect((await send(circ, 'GET', '/library/loan-rules')).body).toEqual(rulesBefore)
    expect((await send(circ, 'GET', '/library')).body).toEqual(libraryBefore)
    expect(await counts(ctx)).toEqual(before)
    expect((await send(circ, 'GET', `/patrons/${p.id}/loans`)).body).toEqual([
      containing({ itemBarcode: a }),
    ])
    expect((await send(circ, 'GET', `/patrons/${p.id}/fees`)).body).toMatchObject({
      owedCents: 2500,
      fees: [{ id: feeId, status: 'open' }],
    })
    for (const [method, url] of [
      ['GET', '/library'],
      ['GET', '/catalog/records?q=shelf'],
      ['POST', '/circulation/checkouts'],
      ['GET', '/holds/shelf?branch=main'],
    ] as const)
      expectProblem(await call(app(), { method, url: `${V1}${url}` }), 401, 'UNAUTHENTICATED')
  })
})
