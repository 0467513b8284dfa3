import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { call, containing, expectProblem, signIn, useApp, type Reply } from './http-harness.js'

const V1 = '/api/v1'
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

interface HoldBody {
  id: string
  status: string
  position: number | null
  suspendedUntil: string | null
  pickupCode: string | null
}

describeEngines('http: holds', (env) => {
  const app = useApp(env)
  const send = (token: string, method: Method, url: string, payload?: unknown): Promise<Reply> =>
    call(app(), { method, url: `${V1}${url}`, token, ...(payload !== undefined && { payload }) })

  it('suspends, resumes and cancels holds; a cancelled shelf copy goes to the next patron', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{}])
    const copy = items[0]?.barcode ?? ''
    const [lender, first, second] = [await lib.patron(), await lib.patron(), await lib.patron()]
    const t = (await signIn(app(), ctx, 'circulation')).token
    const holdsOf = async (patronId: string) =>
      (await send(t, 'GET', `/patrons/${patronId}/holds`)).body as HoldBody[]
    const place = async (patronId: string) => {
      const res = await send(t, 'POST', '/holds', {
        patronId,
        recordId: record.id,
        pickupBranch: 'main',
      })
      expect(res.status).toBe(201)
      clock.advance(1000)
      return res.body as HoldBody
    }

    expect(
      (
        await send(t, 'POST', '/circulation/checkouts', {
          patronBarcode: lender.barcode,
          itemBarcode: copy,
          branch: 'main',
        })
      ).status,
    ).toBe(201)
    const a = await place(first.id)
    const b = await place(second.id)
    expect([a.position, b.position]).toEqual([1, 2])

    // Suspended until a date, then resumed, then suspended until further notice.
    const suspend = await send(t, 'POST', `/holds/${a.id}/suspension`, { until: '2026-03-01' })
    expect(suspend.status).toBe(204)
    expect(suspend.raw).toBe('')
    expect(await holdsOf(first.id)).toEqual([
      containing({ id: a.id, status: 'queued', suspendedUntil: '2026-03-01', position: 1 }),
    ])
    expect((await send(t, 'DELETE', `/holds/${a.id}/suspension`)).status).toBe(204)
    expect(await holdsOf(first.id)).toEqual([containing({ id: a.id, suspendedUntil: null })])
    expect((await send(t, 'POST', `/holds/${a.id}/suspension`, { until: null })).status).toBe(204)
    expect(await holdsOf(first.id)).toEqual([containing({ suspendedUntil: '9999-12-31' })])
    expectProblem(
      await send(t, 'POST', `/holds/${a.id}/suspension`, { until: '2026-02-30' }),
      400,
      'INVALID_DATE',
    )

    // The copy comes back: the suspended hold is passed over, the second patron's is filled.
    const back = await send(t, 'POST', '/circulation/checkins', {
      itemBarcode: copy,
      branch: 'main',
    })
    expect(back.body).toMatchObject({ route: { action: 'hold_shelf', branch: 'main' } })
    const [ready] = await holdsOf(second.id)
    expect(ready).toMatchObject({ id: b.id, status: 'ready', position: null })
    expectProblem(
      await send(t, 'POST', `/holds/${b.id}/suspension`, { until: null }),
      409,
      'HOLD_NOT_QUEUED',
    )

    // The second patron cancels: the copy moves straight on to the first, now resumed.
    expect((await send(t, 'DELETE', `/holds/${a.id}/suspension`)).status).toBe(204)
    const cancelled = await send(t, 'DELETE', `/holds/${b.id}`)
    expect(cancelled.status).toBe(204)
    expect(await holdsOf(second.id)).toEqual([])
    expectProblem(await send(t, 'DELETE', `/holds/${b.id}`), 404, 'HOLD_NOT_FOUND')
    const [moved] = await holdsOf(first.id)
    expect(moved).toMatchObject({ id: a.id, status: 'ready' })
    expect(moved?.pickupCode).not.toBe(ready?.pickupCode)
    const shelf = await send(t, 'GET', '/holds/shelf?branch=main')
    expect(shelf.body).toEqual({
      ready: [containing({ pickupCode: moved?.pickupCode, itemBarcode: copy })],
      expired: [],
    })
    for (const personal of [first.id, first.barcode, second.id, second.barcode])
      expect(shelf.raw).not.toContain(personal)
  })
})
