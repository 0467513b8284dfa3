import { expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import {
  changePin,
  issueCard,
  replaceCard,
  setCardStatus,
  setPin,
  verifyPin,
} from '../../src/patrons/card.service.js'
import { addLedgerEntry, getLedger } from '../../src/patrons/ledger.service.js'
import { findPatrons, getPatron, registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (err) {
    const e = err as { code?: string; kind?: string; message?: string }
    return { code: e.code, kind: e.kind, message: e.message }
  }
  throw new Error('expected a failure')
}

describeEngines('cards and PINs', (env) => {
  it('never returns a PIN or its hash, and verifies the right PIN', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    expect(JSON.stringify(p)).not.toMatch(/4826|argon2/)
    expect(await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).toEqual({
      patronId: p.id,
      cardStatus: 'active',
      expired: false,
    })
  })

  it('locks a card after five wrong PINs in fifteen minutes, across entry points, then lets it go', async () => {
    const { ctx, clock } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    for (let i = 0; i < 2; i++)
      expect((await errorOf(verifyPin(ctx, SYSTEM_ACTOR, barcode, '0000'))).code).toBe(
        'INVALID_CREDENTIALS',
      )
    for (let i = 0; i < 2; i++)
      expect((await errorOf(changePin(ctx, SYSTEM_ACTOR, barcode, '1111', '5937'))).code).toBe(
        'INVALID_CREDENTIALS',
      )
    expect((await errorOf(verifyPin(ctx, SYSTEM_ACTOR, barcode, '9999'))).code).toBe('CARD_LOCKED')
    expect((await errorOf(verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826'))).code).toBe('CARD_LOCKED')
    expect((await errorOf(changePin(ctx, SYSTEM_ACTOR, barcode, '4826', '5937'))).code).toBe(
      'CARD_LOCKED',
    )
    clock.advance(16 * MINUTE)
    expect((await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).patronId).toBe(p.id)
  })

  it('counts only failures inside the window', async () => {
    const { ctx, clock } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    for (let i = 0; i < 4; i++) {
      await errorOf(verifyPin(ctx, SYSTEM_ACTOR, barcode, '0000'))
      clock.advance(5 * MINUTE)
    }
    // Only the last three failures are inside the window now, so one more does not lock.
    expect((await errorOf(verifyPin(ctx, SYSTEM_ACTOR, barcode, '0000'))).code).toBe(
      'INVALID_CREDENTIALS',
    )
    expect((await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).patronId).toBe(p.id)
  })

  it('answers an unknown card exactly like a wrong PIN, and locks it the same way', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const wrong = await errorOf(verifyPin(ctx, SYSTEM_ACTOR, p.cards[0]?.barcode ?? '', '0000'))
    const unknown = await errorOf(verifyPin(ctx, SYSTEM_ACTOR, '29999999999999', '0000'))
    expect(unknown).toEqual(wrong)
    for (let i = 0; i < 4; i++)
      await errorOf(verifyPin(ctx, SYSTEM_ACTOR, '29999999999999', '0000'))
    expect((await errorOf(verifyPin(ctx, SYSTEM_ACTOR, '29999999999999', '0000'))).code).toBe(
      'CARD_LOCKED',
    )
  })

  it('spends one Argon2id check on a card that cannot match, as on a wrong PIN', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const known = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput(),
      card: { pin: '4826' },
    })
    const pinless = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: {} })
    const moved = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput(),
      card: { pin: '4826' },
    })
    const replaced = moved.cards[0]?.barcode ?? ''
    await setCardStatus(ctx, desk, replaced, 'lost')
    await replaceCard(ctx, desk, replaced, {})
    // The hasher is the edge where the work is done: count the checks it runs.
    const checks = vi.spyOn(ctx.hasher, 'verify')
    try {
      const cases = {
        'a known card with a wrong PIN': known.cards[0]?.barcode ?? '',
        'an unknown card': '29999999990001',
        'a card with no PIN': pinless.cards[0]?.barcode ?? '',
        'a replaced card': replaced,
      }
      for (const [what, barcode] of Object.entries(cases)) {
        checks.mockClear()
        expect((await errorOf(verifyPin(ctx, SYSTEM_ACTOR, barcode, '7391'))).code, what).toBe(
          'INVALID_CREDENTIALS',
        )
        expect(checks, what).toHaveBeenCalledTimes(1)
      }
    } finally {
      checks.mockRestore()
    }
  })

  it('screens weak PINs unless the library turns the screen off', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ birthDate: '1975-01-02', phone: '708-555-3141' }),
      card: {},
    })
    const barcode = p.cards[0]?.barcode ?? ''
    for (const pin of ['7777', '1234', '6543', '1975', '3141', '12a4', '12']) {
      expect((await errorOf(setPin(ctx, SYSTEM_ACTOR, barcode, pin))).code, pin).toMatch(/WEAK_PIN/)
    }
    await setPin(ctx, SYSTEM_ACTOR, barcode, '4826')
    const lenient = await env().reopen({ cards: { weakPinScreen: false } })
    await setPin(lenient, SYSTEM_ACTOR, barcode, '1234')
    expect((await verifyPin(lenient, SYSTEM_ACTOR, barcode, '1234')).patronId).toBe(p.id)
    expect((await errorOf(setPin(lenient, SYSTEM_ACTOR, barcode, '12'))).code).toBe('WEAK_PIN')
  })

  it('replacing a lost card moves the account and PIN to a new number', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const p = await registerPatron(ctx, desk, { ...patronInput(), card: { pin: '4826' } })
    const oldBarcode = p.cards[0]?.barcode ?? ''
    await setCardStatus(ctx, desk, oldBarcode, 'lost')
    const fresh = await replaceCard(ctx, desk, oldBarcode, {})
    expect(fresh.barcode).not.toBe(oldBarcode)
    expect(fresh.status).toBe('active')
    expect((await verifyPin(ctx, desk, fresh.barcode, '4826')).patronId).toBe(p.id)
    expect((await errorOf(verifyPin(ctx, desk, oldBarcode, '4826'))).code).toBe(
      'INVALID_CREDENTIALS',
    )
    expect((await findPatrons(ctx, desk, { barcode: fresh.barcode })).map((x) => x.id)).toEqual([
      p.id,
    ])
    const view = await getPatron(ctx, desk, p.id)
    expect(view.cards.map((c) => c.status)).toEqual(['replaced', 'active'])
    expect((await errorOf(replaceCard(ctx, desk, oldBarcode, {}))).code).toBe(
      'CARD_ALREADY_REPLACED',
    )
    expect((await errorOf(issueCard(ctx, desk, p.id, {}))).code).toBe('CARD_ALREADY_ACTIVE')
  })

  it('reports a lost card and a lapsed registration to the caller', async () => {
    const { ctx, clock } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ expiresOn: '2026-02-01' }),
      card: { pin: '4826' },
    })
    const barcode = p.cards[0]?.barcode ?? ''
    await setCardStatus(ctx, SYSTEM_ACTOR, barcode, 'lost')
    expect(await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).toMatchObject({
      cardStatus: 'lost',
      expired: false,
    })
    clock.set('2026-02-02T09:00:00Z')
    expect(await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).toMatchObject({ expired: true })
  })

  it('keeps the balance as the sum of a ledger with reasons and staff', async () => {
    const { ctx, clock } = env()
    const desk = await staffActor(ctx, 'circulation')
    const p = await registerPatron(ctx, desk, patronInput())
    await addLedgerEntry(ctx, desk, p.id, {
      kind: 'credit',
      amountCents: 1000,
      reason: '  Prepaid printing \n',
    })
    // Entries are listed in time order (ids are random and say nothing about order).
    clock.advance(60_000)
    const ledger = await addLedgerEntry(ctx, desk, p.id, {
      kind: 'debit',
      amountCents: 250,
      reason: 'Printing, 10 pages',
    })
    expect(ledger.balanceCents).toBe(750)
    expect(ledger.entries.map((e) => [e.amountCents, e.staffId, e.reason])).toEqual([
      [1000, desk.id, 'Prepaid printing'],
      [-250, desk.id, 'Printing, 10 pages'],
    ])
    expect((await getLedger(ctx, desk, p.id)).balanceCents).toBe(750)
    expect((await getPatron(ctx, desk, p.id)).balanceCents).toBe(750)
    expect(
      (
        await errorOf(
          addLedgerEntry(ctx, desk, p.id, { kind: 'credit', amountCents: -5, reason: 'x' }),
        )
      ).code,
    ).toBe('INVALID_INPUT')
    expect(
      (
        await errorOf(
          addLedgerEntry(ctx, await staffActor(ctx, 'privacy_officer'), p.id, {
            kind: 'credit',
            amountCents: 5,
            reason: 'x',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
  })
})

describeEngines(
  'switched-off fields',
  (env) => {
    it('refuses a switched-off field on input and never stores it', async () => {
      const { ctx } = env()
      const input = patronInput()
      for (const field of ['sex', 'licenceNumber', 'birthDate', 'phone'] as const) {
        expect(
          (await errorOf(registerPatron(ctx, SYSTEM_ACTOR, { ...input, [field]: input[field] })))
            .code,
        ).toBe('FIELD_DISABLED')
      }
      const { sex: _s, licenceNumber: _l, birthDate: _b, phone: _p, ...rest } = input
      const p = await registerPatron(ctx, SYSTEM_ACTOR, rest)
      const row = await ctx.db
        .selectFrom('patrons')
        .selectAll()
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow()
      expect([row.sex_enc, row.licence_number_enc, row.birth_date_enc, row.phone_enc]).toEqual([
        null,
        null,
        null,
        null,
      ])
      const { updatePatron } = await import('../../src/patrons/patron.service.js')
      expect((await errorOf(updatePatron(ctx, SYSTEM_ACTOR, p.id, { sex: 'M' }))).code).toBe(
        'FIELD_DISABLED',
      )
    })
  },
  { patrons: { fields: { sex: false, licenceNumber: false, birthDate: false, phone: false } } },
)

describeEngines('PIN guessing in parallel', (env) => {
  it('lets no more than five guesses be checked at once, so the lockout cannot be raced', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 29 ? '4826' : String(5000 + i)))
    const results = await Promise.allSettled(
      guesses.map((g) => verifyPin(ctx, SYSTEM_ACTOR, barcode, g)),
    )
    const codes = results.map((r) =>
      r.status === 'fulfilled' ? 'OK' : (r.reason as { code: string }).code,
    )
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5)
    expect(codes.at(-1)).toBe('CARD_LOCKED')
    expect(codes.filter((c) => c === 'CARD_LOCKED').length).toBeGreaterThanOrEqual(25)
  })
})
