import { sql } from 'kysely'
import { expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import {
  issueCard,
  listPatronCards,
  replaceCard,
  setCardStatus,
  setPin,
  unlockCard,
  verifyPin,
} from '../../src/patrons/card.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { createTestEnv, describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

/** The audit entries naming a patron, oldest first. */
async function auditOf(ctx: AppContext, patronId: string) {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'detail'])
    .where('patron_id', '=', patronId)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor_id,
    detail: JSON.parse(r.detail) as unknown,
  }))
}

async function sessionVersion(ctx: AppContext, patronId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('patrons')
    .select('session_version')
    .where('id', '=', patronId)
    .executeTakeFirstOrThrow()
  return Number(row.session_version)
}

async function withPin(ctx: AppContext, pin: string) {
  const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin } })
  return { id: p.id, barcode: p.cards[0]?.barcode ?? '' }
}

describeEngines('what the audit log records about cards', (env) => {
  it('records issuing a card, and whether it has a PIN, without signing anyone out', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const b = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const versionBefore = await sessionVersion(ctx, a.id)

    await issueCard(ctx, desk, a.id, { pin: '4826' })
    await issueCard(ctx, desk, b.id, {})

    expect((await auditOf(ctx, a.id)).at(-1)).toEqual({
      action: 'card.issue',
      actor: desk.id,
      detail: { withPin: true },
    })
    expect((await auditOf(ctx, b.id)).at(-1)).toEqual({
      action: 'card.issue',
      actor: desk.id,
      detail: { withPin: false },
    })
    // A first card ends no session: there was no card to sign in with before.
    expect(await sessionVersion(ctx, a.id)).toBe(versionBefore)
  })

  it('records a replacement as a replacement, and signs the holder out', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    const versionBefore = await sessionVersion(ctx, a.id)
    await replaceCard(ctx, desk, a.barcode, {})
    expect((await auditOf(ctx, a.id)).at(-1)).toEqual({
      action: 'card.replace',
      actor: desk.id,
      detail: { withPin: true },
    })
    expect(await sessionVersion(ctx, a.id)).toBe(versionBefore + 1)
  })

  it('records a status change with the old and the new status', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    await setCardStatus(ctx, desk, a.barcode, 'lost')
    expect((await auditOf(ctx, a.id)).at(-1)).toEqual({
      action: 'card.status',
      actor: desk.id,
      detail: { from: 'active', to: 'lost' },
    })
  })

  it('records that a PIN was set, never the PIN', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    await setPin(ctx, desk, a.barcode, '5937')
    const entries = await auditOf(ctx, a.id)
    expect(entries.at(-1)).toEqual({ action: 'card.pin_set', actor: desk.id, detail: {} })
    expect(JSON.stringify(entries)).not.toContain('5937')
  })

  it('records that staff listed a patron’s cards', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    await listPatronCards(ctx, desk, a.id)
    expect((await auditOf(ctx, a.id)).at(-1)).toEqual({
      action: 'patron.read',
      actor: desk.id,
      detail: { part: 'cards' },
    })
  })

  it('records each wrong PIN, and the lock on the attempt that locks the card', async () => {
    const { ctx } = env()
    const a = await withPin(ctx, '4826')
    // The API and SIP2 answer with these messages as they are, so they are part of the rule.
    for (let i = 0; i < 4; i++)
      expectRefusal(
        await refusal(verifyPin(ctx, SYSTEM_ACTOR, a.barcode, '0000')),
        'rule',
        'INVALID_CREDENTIALS',
        /^The card number or PIN is not right\.$/,
      )
    const actions = () => auditOf(ctx, a.id).then((es) => es.map((e) => e.action))
    expect((await actions()).filter((x) => x === 'card.locked')).toEqual([])
    expectRefusal(
      await refusal(verifyPin(ctx, SYSTEM_ACTOR, a.barcode, '0000')),
      'locked',
      'CARD_LOCKED',
      /^Too many wrong PINs: this card is locked for a while\.$/,
    )
    expect((await actions()).slice(-2)).toEqual(['card.pin_failed', 'card.locked'])
    expect((await actions()).filter((x) => x === 'card.pin_failed')).toHaveLength(5)
  })
})

describeEngines('finding a card by its number', (env) => {
  it('ignores spaces around a card number typed at the desk or at sign-in', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    expect(await verifyPin(ctx, SYSTEM_ACTOR, ` ${a.barcode} `, '4826')).toMatchObject({
      patronId: a.id,
    })
    const card = await setCardStatus(ctx, desk, `  ${a.barcode}\t`, 'lost')
    expect(card).toMatchObject({ barcode: a.barcode, status: 'lost' })
    await unlockCard(ctx, desk, ` ${a.barcode} `)
  })

  it('counts wrong PINs towards one lockout however the card number is spaced', async () => {
    const { ctx } = env()
    const a = await withPin(ctx, '4826')
    for (const typed of [a.barcode, ` ${a.barcode}`, `${a.barcode} `, `  ${a.barcode}  `])
      expect((await refusal(verifyPin(ctx, SYSTEM_ACTOR, typed, '0000'))).code).toBe(
        'INVALID_CREDENTIALS',
      )
    expect((await refusal(verifyPin(ctx, SYSTEM_ACTOR, ` ${a.barcode} `, '0000'))).code).toBe(
      'CARD_LOCKED',
    )
  })

  it('says plainly that no card has an unknown number', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    expectRefusal(
      await refusal(setCardStatus(ctx, desk, '29999999999999', 'lost')),
      'not_found',
      'CARD_NOT_FOUND',
      /^No card has that number\.$/,
    )
  })

  it('issues a new card to a patron whose only card is lost, but not to one with an active card', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    expectRefusal(
      await refusal(issueCard(ctx, desk, a.id, {})),
      'conflict',
      'CARD_ALREADY_ACTIVE',
      /already has an active card; replace it instead/,
    )
    await setCardStatus(ctx, desk, a.barcode, 'lost')
    const fresh = await issueCard(ctx, desk, a.id, { pin: '5937' })
    expect(fresh.status).toBe('active')
    expect(fresh.barcode).not.toBe(a.barcode)
    expect((await verifyPin(ctx, SYSTEM_ACTOR, fresh.barcode, '5937')).patronId).toBe(a.id)
  })

  it('says a card already replaced cannot be replaced again', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    await replaceCard(ctx, desk, a.barcode, {})
    expectRefusal(
      await refusal(replaceCard(ctx, desk, a.barcode, {})),
      'conflict',
      'CARD_ALREADY_REPLACED',
      /^This card has already been replaced\.$/,
    )
  })
})

describeEngines('checking a PIN', (env) => {
  it('checks a card without a PIN, a replaced card and an unknown card against the stand-in hash only', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const known = await withPin(ctx, '4826')
    const pinless = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: {} })
    const moved = await withPin(ctx, '4826')
    await replaceCard(ctx, desk, moved.barcode, {})
    const standIn = vi.spyOn(ctx.hasher, 'verifyNothing')
    try {
      const cases: [string, string, number][] = [
        ['a known card with a wrong PIN', known.barcode, 0],
        ['an unknown card', '29999999990001', 1],
        ['a card with no PIN', pinless.cards[0]?.barcode ?? '', 1],
        ['a replaced card', moved.barcode, 1],
      ]
      for (const [what, barcode, standIns] of cases) {
        standIn.mockClear()
        expect((await refusal(verifyPin(ctx, SYSTEM_ACTOR, barcode, '7391'))).code, what).toBe(
          'INVALID_CREDENTIALS',
        )
        expect(standIn, what).toHaveBeenCalledTimes(standIns)
      }
    } finally {
      standIn.mockRestore()
    }
  })

  it('never accepts a replaced card, even when a PIN was set on it after the replacement', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx, '4826')
    await replaceCard(ctx, desk, a.barcode, {})
    await setPin(ctx, desk, a.barcode, '5937')
    expect((await refusal(verifyPin(ctx, SYSTEM_ACTOR, a.barcode, '5937'))).code).toBe(
      'INVALID_CREDENTIALS',
    )
  })

  it('treats a registration as current through its last day, and lapsed the day after', async () => {
    const { ctx, clock } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ expiresOn: '2026-03-01' }),
      card: { pin: '4826' },
    })
    const barcode = p.cards[0]?.barcode ?? ''
    clock.set('2026-03-01T00:00:00Z')
    expect(await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).toMatchObject({ expired: false })
    clock.set('2026-03-01T23:59:00Z')
    expect(await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).toMatchObject({ expired: false })
    clock.set('2026-03-02T00:00:00Z')
    expect(await verifyPin(ctx, SYSTEM_ACTOR, barcode, '4826')).toMatchObject({ expired: true })
  })
})

describeEngines('a store failing while a card is written', (env) => {
  it('reports the failure as it is, not as a card number already in use', async () => {
    const broken = await createTestEnv(env().engine)
    try {
      const desk = await staffActor(broken.ctx, 'circulation')
      const p = await registerPatron(broken.ctx, SYSTEM_ACTOR, patronInput())
      await sql`drop table audit_chains`.execute(broken.ctx.db)
      const outcome = await issueCard(broken.ctx, desk, p.id, {}).then(
        () => 'issued',
        (err: unknown) => err,
      )
      expect(outcome).toBeInstanceOf(Error)
      expect(outcome).not.toMatchObject({ code: 'BARCODE_TAKEN' })
      expect(String(outcome)).toMatch(/audit_chains/)
    } finally {
      await broken.close()
    }
  })
})
