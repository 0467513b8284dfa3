import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { luhnDigit } from '../../src/patrons/barcode.js'
import {
  changePin,
  issueCard,
  replaceCard,
  setCardStatus,
  verifyPin,
} from '../../src/patrons/card.service.js'
import { getPatron, registerPatron } from '../../src/patrons/patron.service.js'
import { createTestEnv, describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

let serial = 0
/** A free card number in the default format (prefix 2, 14 digits, Luhn check digit). */
function freeBarcode(): string {
  serial += 1
  const body = `2${String(Date.now() % 1e9).padStart(9, '0')}${String(serial).padStart(3, '0')}`
  return body + luhnDigit(body)
}

async function patronWithCard(ctx: AppContext, pin: string) {
  const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin } })
  return { id: p.id, barcode: p.cards[0]?.barcode ?? '' }
}

describeEngines('card refusals', (env) => {
  it('replaces a card with the number the desk typed in, when it is free', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await patronWithCard(ctx, '4826')
    const wanted = freeBarcode()
    const card = await replaceCard(ctx, desk, a.barcode, { newBarcode: wanted })
    expect(card.barcode).toBe(wanted)
    expect((await verifyPin(ctx, SYSTEM_ACTOR, wanted, '4826')).patronId).toBe(a.id)
  })

  it('refuses a new card number that is already in use and leaves the old card working', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await patronWithCard(ctx, '4826')
    const b = await patronWithCard(ctx, '5173')
    await expect(
      replaceCard(ctx, desk, a.barcode, { newBarcode: b.barcode }),
    ).rejects.toMatchObject({
      code: 'BARCODE_TAKEN',
      message: expect.stringMatching(/already in use/) as unknown,
    })
    expect(await verifyPin(ctx, SYSTEM_ACTOR, a.barcode, '4826')).toMatchObject({
      patronId: a.id,
      cardStatus: 'active',
    })
    expect((await verifyPin(ctx, SYSTEM_ACTOR, b.barcode, '5173')).patronId).toBe(b.id)
  })

  it('gives a card number typed at two desks at once to one patron only', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await patronWithCard(ctx, '4826')
    const b = await patronWithCard(ctx, '5173')
    const wanted = freeBarcode()
    const outcomes = await Promise.allSettled([
      replaceCard(ctx, desk, a.barcode, { newBarcode: wanted }),
      replaceCard(ctx, desk, b.barcode, { newBarcode: wanted }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected')
    expect(refused?.reason).toMatchObject({ code: 'BARCODE_TAKEN' })
  })

  it('sets a card only to active, lost or expired, and says which are allowed', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await patronWithCard(ctx, '4826')
    await expect(setCardStatus(ctx, desk, a.barcode, 'replaced')).rejects.toMatchObject({
      code: 'INVALID_STATUS',
      message: 'Card status must be one of active, lost, expired.',
    })
    expect((await verifyPin(ctx, SYSTEM_ACTOR, a.barcode, '4826')).cardStatus).toBe('active')
  })

  it('never changes the status of a card that was replaced', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await patronWithCard(ctx, '4826')
    await replaceCard(ctx, desk, a.barcode, {})
    await expect(setCardStatus(ctx, desk, a.barcode, 'active')).rejects.toMatchObject({
      code: 'CARD_ALREADY_REPLACED',
      message: expect.stringMatching(/replaced card/) as unknown,
    })
    const cards = (await getPatron(ctx, desk, a.id)).cards
    expect(cards.find((c) => c.barcode === a.barcode)?.status).toBe('replaced')
  })

  it("lets a patron change only their own card's PIN, even when they know another card's PIN", async () => {
    const { ctx } = env()
    const a = await patronWithCard(ctx, '4826')
    const b = await patronWithCard(ctx, '5173')
    await expect(
      changePin(ctx, { type: 'patron', id: a.id }, b.barcode, '5173', '7391'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Not your card.' })
    expect((await verifyPin(ctx, SYSTEM_ACTOR, b.barcode, '5173')).patronId).toBe(b.id)
  })

  it('refuses a card number with anything but digits, saying so', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await expect(issueCard(ctx, desk, p.id, { barcode: '2000A000000009' })).rejects.toMatchObject({
      code: 'INVALID_BARCODE',
      message: expect.stringContaining('digits only') as unknown,
    })
  })

  it('says the card numbers have run out, rather than trying forever, when the format is full', async () => {
    // Prefix 1234, six digits with the check digit: the format holds ten numbers.
    const small = await createTestEnv(env().engine, {
      cards: { barcodePrefix: '1234', barcodeLength: 6 },
    })
    try {
      const desk = await staffActor(small.ctx, 'circulation')
      for (let d = 0; d < 10; d++) {
        const body = `1234${d}`
        const card = { barcode: body + luhnDigit(body) }
        await registerPatron(small.ctx, SYSTEM_ACTOR, { ...patronInput(), card })
      }
      const last = await registerPatron(small.ctx, SYSTEM_ACTOR, patronInput())
      await expect(issueCard(small.ctx, desk, last.id, {})).rejects.toMatchObject({
        code: 'BARCODE_SPACE_EXHAUSTED',
        message: expect.stringContaining('lengthen the barcode format') as unknown,
      })
    } finally {
      await small.close()
    }
  })
})
