import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { DEFAULT_RULE } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { call, expectProblem, fieldsOf, signIn, useApp, type Reply } from './http-harness.js'

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

describeEngines('http: circulation errors are problems with stable codes', (env) => {
  const app = useApp(env)
  const send = (token: string, method: Method, url: string, payload?: unknown): Promise<Reply> =>
    call(app(), { method, url: `${V1}${url}`, token, ...(payload !== undefined && { payload }) })

  it('refuses misshapen bodies and queries with 400, naming the fields, and stores nothing', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items, record } = await lib.title()
    const p = await lib.patron()
    const item = items[0]?.barcode ?? ''
    const admin = await signIn(app(), ctx, 'admin')
    const { token: t } = await signIn(app(), ctx, 'librarian')
    const before = await counts(ctx)
    const bad = async (res: Promise<Reply>, code: string, fields?: string[]) => {
      const r = await res
      expectProblem(r, 400, code)
      if (fields !== undefined) expect(fieldsOf(r)).toEqual(fields)
    }
    const desk = { patronBarcode: p.barcode, itemBarcode: item, branch: 'main' }

    await bad(send(t, 'POST', '/circulation/checkouts', { itemBarcode: item }), 'INVALID_INPUT', [
      'patronBarcode',
      'branch',
    ])
    // A self-check machine's offline fields are not part of the staff desk's API.
    await bad(
      send(t, 'POST', '/circulation/checkouts', { ...desk, noBlock: true }),
      'INVALID_INPUT',
      ['noBlock'],
    )
    await bad(
      send(t, 'POST', '/circulation/checkouts', { ...desk, at: '2025-01-01T00:00:00Z' }),
      'INVALID_INPUT',
      ['at'],
    )
    await bad(
      send(t, 'POST', '/circulation/checkouts', { ...desk, override: ['EVERYTHING'] }),
      'INVALID_INPUT',
    )
    await bad(
      send(t, 'POST', '/circulation/checkouts', { ...desk, branch: 'west' }),
      'UNKNOWN_BRANCH',
    )
    // Bodies are never coerced: a number where text belongs is refused.
    await bad(
      send(t, 'POST', '/circulation/checkins', { itemBarcode: 31000001, branch: 'main' }),
      'INVALID_INPUT',
      ['itemBarcode'],
    )
    await bad(send(t, 'POST', '/circulation/renewals', { itemBarcode: '' }), 'INVALID_INPUT', [
      'itemBarcode',
    ])
    await bad(send(t, 'POST', '/circulation/lost', {}), 'INVALID_INPUT', ['itemBarcode'])
    await bad(
      send(t, 'PUT', `/patrons/${p.id}/reading-history`, { keep: 'yes' }),
      'INVALID_INPUT',
      ['keep'],
    )
    await bad(send(t, 'POST', '/holds', { patronId: p.id, recordId: record.id }), 'INVALID_INPUT', [
      'pickupBranch',
    ])
    await bad(
      send(t, 'POST', `/holds/${record.id}/suspension`, { until: 'soon' }),
      'INVALID_INPUT',
      ['until'],
    )
    await bad(
      send(t, 'POST', `/patrons/${p.id}/payments`, { amountCents: 0, method: 'cash' }),
      'INVALID_INPUT',
      ['amountCents'],
    )
    await bad(
      send(t, 'POST', `/patrons/${p.id}/payments`, { amountCents: 100, method: 'bitcoin' }),
      'INVALID_INPUT',
      ['method'],
    )
    await bad(
      send(t, 'POST', `/patrons/${p.id}/payments`, {
        amountCents: 100,
        method: 'card_terminal',
        reference: '4111 1111 1111 1111',
      }),
      'REFERENCE_LOOKS_LIKE_CARD',
    )
    await bad(send(t, 'POST', '/fees/abc/waiver', { reason: 'x' }), 'INVALID_INPUT', ['reason'])
    await bad(
      send(t, 'POST', '/requests', { patronId: p.id, kind: 'gift', title: 'A' }),
      'INVALID_INPUT',
      ['kind'],
    )
    await bad(send(t, 'PUT', '/requests/abc/status', { status: 'lost' }), 'INVALID_INPUT', [
      'status',
    ])
    await bad(
      send(t, 'POST', '/catalog/records', { title: 'Scrolls', materialType: 'scroll' }),
      'INVALID_INPUT',
      ['materialType'],
    )
    await bad(send(t, 'PATCH', `/catalog/records/${record.id}`, {}), 'INVALID_INPUT')
    await bad(
      send(t, 'POST', '/catalog/items', {
        recordId: record.id,
        barcode: 'has spaces',
        branch: 'main',
        itemType: 'book',
        replacementPriceCents: 100,
      }),
      'INVALID_INPUT',
      ['barcode'],
    )

    // Library settings: the code comes from the path, bodies keep their types.
    await bad(
      send(admin.token, 'PUT', '/library/branches/West%20Wing', { name: 'West' }),
      'INVALID_INPUT',
      ['code'],
    )
    await bad(
      send(admin.token, 'PUT', '/library/branches/west', { code: 'west', name: 'West' }),
      'INVALID_INPUT',
      ['code'],
    )
    await bad(
      send(admin.token, 'PUT', '/library/loan-rules', { ...DEFAULT_RULE, loanPeriod: '14' }),
      'INVALID_INPUT',
      ['loanPeriod'],
    )
    await bad(
      send(admin.token, 'PUT', '/library/loan-rules', { ...DEFAULT_RULE, itemType: 'scroll' }),
      'UNKNOWN_ITEM_TYPE',
    )
    await bad(
      send(admin.token, 'POST', '/library/closed-days', {
        branch: 'main',
        date: '2026-03-02',
        weekday: 1,
      }),
      'ONE_OF_DATE_OR_WEEKDAY',
    )
    await bad(
      send(admin.token, 'POST', '/library/closed-days', { branch: 'main', date: '2026-02-30' }),
      'INVALID_DATE',
    )

    // Query strings are converted, then checked.
    await bad(send(t, 'GET', '/catalog/records'), 'EMPTY_QUERY')
    await bad(send(t, 'GET', '/catalog/records?q=shelf&limit=many'), 'INVALID_INPUT', ['limit'])
    await bad(send(t, 'GET', '/catalog/records?q=shelf&limit=500'), 'INVALID_INPUT', ['limit'])
    await bad(send(t, 'GET', '/catalog/records?q=shelf&colour=red'), 'INVALID_INPUT', ['colour'])
    await bad(send(t, 'GET', '/requests?status=lost'), 'INVALID_INPUT', ['status'])
    await bad(send(t, 'GET', '/holds/shelf'), 'INVALID_INPUT', ['branch'])

    expect(await counts(ctx)).toEqual(before)
    expect((await send(t, 'GET', '/library')).body).toMatchObject({
      branches: [{ code: 'east' }, { code: 'main' }],
    })
    expect((await send(t, 'GET', '/library/closed-days')).body).toEqual([])
  })

  it('answers 404 for unknown barcodes, cards and ids', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items, record } = await lib.title()
    const p = await lib.patron()
    const item = items[0]?.barcode ?? ''
    const admin = await signIn(app(), ctx, 'admin')
    const { token: t } = await signIn(app(), ctx, 'librarian')
    const before = await counts(ctx)
    const missing = async (res: Promise<Reply>, code: string) => expectProblem(await res, 404, code)

    await missing(
      send(t, 'POST', '/circulation/checkouts', {
        patronBarcode: p.barcode,
        itemBarcode: '39999999999999',
        branch: 'main',
      }),
      'ITEM_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/circulation/checkouts', {
        patronBarcode: '29999999999999',
        itemBarcode: item,
        branch: 'main',
      }),
      'CARD_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/circulation/checkins', { itemBarcode: '39999999999999', branch: 'main' }),
      'ITEM_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/circulation/renewals', { itemBarcode: '39999999999999' }),
      'ITEM_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/circulation/lost', { itemBarcode: '39999999999999' }),
      'ITEM_NOT_FOUND',
    )
    await missing(
      send(t, 'PATCH', '/catalog/items/39999999999999', { callNumber: 'X' }),
      'ITEM_NOT_FOUND',
    )
    await missing(send(t, 'GET', '/catalog/records/no-such-record'), 'RECORD_NOT_FOUND')
    await missing(
      send(t, 'PATCH', '/catalog/records/no-such-record', { year: 2001 }),
      'RECORD_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/catalog/items', {
        recordId: 'no-such-record',
        barcode: '39999999999998',
        branch: 'main',
        itemType: 'book',
        replacementPriceCents: 100,
      }),
      'RECORD_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/holds', {
        patronId: 'no-such-patron',
        recordId: record.id,
        pickupBranch: 'main',
      }),
      'PATRON_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/holds', {
        patronId: p.id,
        recordId: 'no-such-record',
        pickupBranch: 'main',
      }),
      'RECORD_NOT_FOUND',
    )
    await missing(send(t, 'DELETE', '/holds/no-such-hold'), 'HOLD_NOT_FOUND')
    await missing(
      send(t, 'POST', '/holds/no-such-hold/suspension', { until: null }),
      'HOLD_NOT_FOUND',
    )
    await missing(send(t, 'DELETE', '/holds/no-such-hold/suspension'), 'HOLD_NOT_FOUND')
    await missing(
      send(t, 'POST', '/fees/no-such-fee/waiver', { reason: 'Kindness' }),
      'FEE_NOT_FOUND',
    )
    await missing(
      send(t, 'PUT', '/requests/no-such-request/status', { status: 'ordered' }),
      'REQUEST_NOT_FOUND',
    )
    await missing(
      send(t, 'PUT', `/patrons/no-such-patron/reading-history`, { keep: true }),
      'PATRON_NOT_FOUND',
    )
    await missing(
      send(t, 'POST', '/requests', { patronId: 'no-such-patron', kind: 'purchase', title: 'A' }),
      'PATRON_NOT_FOUND',
    )
    await missing(send(admin.token, 'DELETE', '/library/loan-rules/no-such-rule'), 'RULE_NOT_FOUND')
    await missing(
      send(admin.token, 'DELETE', '/library/closed-days/no-such-day'),
      'CLOSED_DAY_NOT_FOUND',
    )
    await missing(send(t, 'GET', '/circulation/checkouts'), 'NOT_FOUND')
    expect(await counts(ctx)).toEqual(before)
  })
})
