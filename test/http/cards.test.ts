import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { call, containing, expectProblem, signIn, useApp } from './http-harness.js'

interface PatronBody {
  id: string
  cards: { barcode: string; hasPin: boolean; status: string }[]
}

describeEngines('http: cards', (env) => {
  const app = useApp(env)
  it('issues, lists, replaces and changes the status of cards', async () => {
    const { ctx } = env()
    const { token: t } = await signIn(app(), ctx, 'librarian')
    const patron = (
      await call(app(), {
        method: 'POST',
        url: '/api/v1/patrons',
        token: t,
        payload: patronInput(),
      })
    ).body as PatronBody
    expect(patron.cards).toEqual([])
    const cardsUrl = `/api/v1/patrons/${patron.id}/cards`

    // No body at all is fine: every field of a new card is optional.
    const issued = await call(app(), { method: 'POST', url: cardsUrl, token: t })
    expect(issued.status).toBe(201)
    const first = issued.body as { barcode: string; hasPin: boolean }
    expect(first).toMatchObject({ status: 'active', hasPin: false })
    expect(first.barcode).toMatch(/^2\d{13}$/)
    expectProblem(
      await call(app(), { method: 'POST', url: cardsUrl, token: t, payload: {} }),
      409,
      'CARD_ALREADY_ACTIVE',
    )

    const pin = await call(app(), {
      method: 'PUT',
      url: `/api/v1/cards/${first.barcode}/pin`,
      token: t,
      payload: { pin: '73915284' },
    })
    expect(pin.status).toBe(204)
    expectProblem(
      await call(app(), {
        method: 'PUT',
        url: `/api/v1/cards/${first.barcode}/pin`,
        token: t,
        payload: { pin: '1234' },
      }),
      400,
      'WEAK_PIN',
    )

    const replaced = await call(app(), {
      method: 'POST',
      url: `/api/v1/cards/${first.barcode}/replacement`,
      token: t,
    })
    expect(replaced.status).toBe(201)
    const second = replaced.body as { barcode: string }
    expect(replaced.body).toMatchObject({ status: 'active', hasPin: true })
    expect(second.barcode).not.toBe(first.barcode)

    const lost = await call(app(), {
      method: 'PUT',
      url: `/api/v1/cards/${second.barcode}/status`,
      token: t,
      payload: { status: 'lost' },
    })
    expect(lost.status).toBe(200)
    expect(lost.body).toMatchObject({ barcode: second.barcode, status: 'lost' })
    const bad = await call(app(), {
      method: 'PUT',
      url: `/api/v1/cards/${second.barcode}/status`,
      token: t,
      payload: { status: 'replaced' },
    })
    expectProblem(bad, 400, 'INVALID_INPUT')

    const list = await call(app(), { method: 'GET', url: cardsUrl, token: t })
    expect(list.status).toBe(200)
    expect(list.body).toEqual([
      containing({ barcode: first.barcode, status: 'replaced', hasPin: false }),
      containing({ barcode: second.barcode, status: 'lost', hasPin: true }),
    ])
    expectProblem(
      await call(app(), {
        method: 'PUT',
        url: '/api/v1/cards/29999999999999/status',
        token: t,
        payload: { status: 'lost' },
      }),
      404,
      'CARD_NOT_FOUND',
    )
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/patrons/no-such-patron', token: t }),
      404,
      'PATRON_NOT_FOUND',
    )
  })
})
