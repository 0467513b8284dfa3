import { SYSTEM_ACTOR } from '../../src/actor.js'
import { expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { verifyPin } from '../../src/patrons/card.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { call, expectProblem, signIn, useApp, type Call, type Reply } from './http-harness.js'

// Eight digits, so they cannot turn up by chance inside an id, a barcode or a timestamp.
const PIN = '73915284'
const WRONG = '51829374'
const NEW_PIN = '62847193'

async function patronWithCard(
  ctx: AppContext,
  pin = PIN,
): Promise<{ id: string; barcode: string }> {
  const p = await registerPatron(ctx, await staffActor(ctx, 'librarian'), {
    ...patronInput(),
    card: { pin },
  })
  return { id: p.id, barcode: p.cards[0]?.barcode ?? '' }
}

const code = (r: Reply) => (r.body as { code?: string }).code

describeEngines('http: PINs', (env) => {
  const app = useApp(env)

  it('locks a card after five failures across the API and direct service calls, and unlocks it after the window', async () => {
    const { ctx, clock } = env()
    const { token: t } = await signIn(app(), ctx, 'circulation')
    const selfCheck: Actor = await staffActor(ctx, 'circulation')
    const card = await patronWithCard(ctx)
    const other = await patronWithCard(ctx)
    const verify = (barcode: string, pin: string) =>
      call(app(), {
        method: 'POST',
        url: '/api/v1/cards/verify',
        token: t,
        payload: { barcode, pin },
      })
    const change = (barcode: string, currentPin: string, newPin = NEW_PIN) =>
      call(app(), {
        method: 'POST',
        url: `/api/v1/cards/${barcode}/pin-change`,
        token: t,
        payload: { currentPin, newPin },
      })
    const direct = (pin: string) => verifyPin(ctx, selfCheck, card.barcode, pin)

    expectProblem(await verify(card.barcode, WRONG), 422, 'INVALID_CREDENTIALS')
    expectProblem(await change(card.barcode, WRONG), 422, 'INVALID_CREDENTIALS')
    await expect(direct(WRONG)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expectProblem(await verify(card.barcode, WRONG), 422, 'INVALID_CREDENTIALS')
    // The fifth failure, wherever it comes from, locks the card.
    expectProblem(await change(card.barcode, WRONG), 423, 'CARD_LOCKED')

    expectProblem(await verify(card.barcode, PIN), 423, 'CARD_LOCKED')
    expectProblem(await change(card.barcode, PIN), 423, 'CARD_LOCKED')
    await expect(direct(PIN)).rejects.toMatchObject({ kind: 'locked', code: 'CARD_LOCKED' })
    // The lock belongs to that card number only.
    expect((await verify(other.barcode, PIN)).status).toBe(200)

    clock.advance(14 * 60_000)
    expectProblem(await verify(card.barcode, PIN), 423, 'CARD_LOCKED')
    clock.advance(2 * 60_000)
    const ok = await verify(card.barcode, PIN)
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ patronId: card.id, cardStatus: 'active', expired: false })
    expect((await change(card.barcode, PIN)).status).toBe(204)
    expectProblem(await verify(card.barcode, PIN), 422, 'INVALID_CREDENTIALS')
    expect((await verify(card.barcode, NEW_PIN)).body).toMatchObject({ patronId: card.id })
    await expect(direct(NEW_PIN)).resolves.toMatchObject({ patronId: card.id })
  })

  it('lets desk roles change a PIN given the current one, but not the privacy officer', async () => {
    const { ctx } = env()
    const card = await patronWithCard(ctx)
    const change = async (role: 'privacy_officer' | 'librarian', newPin: string) =>
      call(app(), {
        method: 'POST',
        url: `/api/v1/cards/${card.barcode}/pin-change`,
        token: (await signIn(app(), ctx, role)).token,
        payload: { currentPin: PIN, newPin },
      })
    expectProblem(await change('privacy_officer', NEW_PIN), 403, 'FORBIDDEN')
    // Refused before the PIN is even looked at: the card still takes its old PIN.
    await expect(verifyPin(ctx, SYSTEM_ACTOR, card.barcode, PIN)).resolves.toMatchObject({
      patronId: card.id,
    })
    expect((await change('librarian', NEW_PIN)).status).toBe(204)
  })

  it('answers an unknown card number and a wrong PIN byte for byte alike, and locks both', async () => {
    const { ctx } = env()
    const { token: t } = await signIn(app(), ctx, 'circulation')
    const real = await patronWithCard(ctx)
    const unknown = '20000000000000'
    const verify = (barcode: string, pin: string) =>
      call(app(), {
        method: 'POST',
        url: '/api/v1/cards/verify',
        token: t,
        payload: { barcode, pin },
      })
    const change = (barcode: string) =>
      call(app(), {
        method: 'POST',
        url: `/api/v1/cards/${barcode}/pin-change`,
        token: t,
        payload: { currentPin: WRONG, newPin: NEW_PIN },
      })

    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrongPin =
        attempt % 2 === 0 ? await change(real.barcode) : await verify(real.barcode, WRONG)
      const noCard = attempt % 2 === 0 ? await change(unknown) : await verify(unknown, WRONG)
      expect(code(wrongPin)).toBe(attempt < 5 ? 'INVALID_CREDENTIALS' : 'CARD_LOCKED')
      expect(noCard.status).toBe(wrongPin.status)
      expect(noCard.headers['content-type']).toBe(wrongPin.headers['content-type'])
      expect(noCard.raw).toBe(wrongPin.raw)
    }
    expectProblem(await verify(unknown, PIN), 423, 'CARD_LOCKED')
    expectProblem(await verify(real.barcode, PIN), 423, 'CARD_LOCKED')
  })

  it('never sends a PIN or a PIN hash back, whatever the route', async () => {
    const { ctx } = env()
    const admin = await signIn(app(), ctx, 'admin')
    const replies: Reply[] = []
    const hashes = new Set<string>()
    const send = async (c: Omit<Call, 'token'>) => {
      const r = await call(app(), { ...c, token: admin.token })
      replies.push(r)
      const rows = await ctx.db
        .selectFrom('cards')
        .select('pin_hash')
        .where('pin_hash', 'is not', null)
        .execute()
      for (const row of rows) if (row.pin_hash !== null) hashes.add(row.pin_hash)
      return r
    }

    const created = await send({
      method: 'POST',
      url: '/api/v1/patrons',
      payload: { ...patronInput(), card: { pin: PIN } },
    })
    expect(created.status).toBe(201)
    const { id, cards } = created.body as { id: string; cards: { barcode: string }[] }
    const barcode = cards[0]?.barcode ?? ''
    const pinUrl = `/api/v1/cards/${barcode}`
    expect(
      (await send({ method: 'POST', url: '/api/v1/cards/verify', payload: { barcode, pin: PIN } }))
        .status,
    ).toBe(200)
    await send({ method: 'POST', url: '/api/v1/cards/verify', payload: { barcode, pin: WRONG } })
    expect(
      (
        await send({
          method: 'POST',
          url: `${pinUrl}/pin-change`,
          payload: { currentPin: PIN, newPin: NEW_PIN },
        })
      ).status,
    ).toBe(204)
    await send({
      method: 'POST',
      url: `${pinUrl}/pin-change`,
      payload: { currentPin: NEW_PIN, newPin: '1234' },
    })
    await send({ method: 'PUT', url: `${pinUrl}/pin`, payload: { pin: '11111111' } })
    expect(
      (await send({ method: 'PUT', url: `${pinUrl}/pin`, payload: { pin: PIN } })).status,
    ).toBe(204)
    const replaced = await send({ method: 'POST', url: `${pinUrl}/replacement` })
    expect(replaced.status).toBe(201)
    await send({ method: 'POST', url: `/api/v1/patrons/${id}/cards`, payload: { pin: NEW_PIN } })
    await send({ method: 'GET', url: `/api/v1/patrons/${id}/cards` })
    await send({ method: 'GET', url: `/api/v1/patrons/${id}` })
    await send({
      method: 'GET',
      url: `/api/v1/patrons?barcode=${(replaced.body as { barcode: string }).barcode}`,
    })
    const exported = await send({
      method: 'GET',
      url: `/api/v1/patrons/${id}/export?identity=library_card`,
    })
    expect(exported.status).toBe(200)

    expect(hashes.size).toBeGreaterThanOrEqual(2)
    for (const r of replies) {
      for (const secret of [PIN, NEW_PIN, '11111111', ...hashes])
        expect(r.raw).not.toContain(secret)
      expect(r.raw).not.toMatch(/argon2|pin_?hash/i)
    }
  })
})
