// A terminal that saw a card's PIN verified may send it again with each message; the recheck
// confirms in one read that the card is the same one, still active, with the same PIN and not
// locked, and says whether the registration has lapsed since. Anything else means "check the
// PIN properly". Finding a card's holder for a terminal ignores spaces, and the finding is
// audited as a search by card number.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import {
  auditCardLookup,
  cardHolderId,
  recheckVerifiedPin,
  replaceCard,
  verifyPinForSession,
} from '../../src/patrons/card.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

async function withPin(ctx: AppContext) {
  const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
  const { expires_on } = await ctx.db
    .selectFrom('patrons')
    .select('expires_on')
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow()
  return { id: p.id, barcode: p.cards[0]!.barcode, expiresOn: expires_on }
}

describeEngines('rechecking a PIN a terminal already saw verified', (env) => {
  it('confirms the same active card however its number is spaced, and says when the registration has lapsed', async () => {
    const { ctx, clock } = env()
    const a = await withPin(ctx)
    const { proof } = await verifyPinForSession(ctx, SYSTEM_ACTOR, a.barcode, '4826')
    const active = { patronId: a.id, cardStatus: 'active', expired: false }
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, a.barcode, proof)).toEqual(active)
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, ` ${a.barcode} `, proof)).toEqual(active)

    // The registration's last day still counts; the day after, it has lapsed.
    clock.set(`${a.expiresOn}T23:00:00.000Z`)
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, a.barcode, proof)).toEqual(active)
    clock.set(`${a.expiresOn}T23:59:59.999Z`)
    clock.advance(1)
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, a.barcode, proof)).toEqual({
      ...active,
      expired: true,
    })
  })

  it('sends the terminal back to a full check for an unknown number, another card, a replaced one or its replacement', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await withPin(ctx)
    const b = await withPin(ctx)
    const { proof } = await verifyPinForSession(ctx, SYSTEM_ACTOR, a.barcode, '4826')
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, '29999999999999', proof)).toBeUndefined()
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, b.barcode, proof)).toBeUndefined()
    const replacement = await replaceCard(ctx, desk, a.barcode, {})
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, a.barcode, proof)).toBeUndefined()
    // The new card keeps the PIN, but the proof was for the old card: check it properly.
    expect(await recheckVerifiedPin(ctx, SYSTEM_ACTOR, replacement.barcode, proof)).toBeUndefined()
  })
})

describeEngines('finding whose card a terminal holds', (env) => {
  it('finds the holder however the number is spaced, nobody for an unknown number, and audits the finding as a search by card', async () => {
    const { ctx } = env()
    const a = await withPin(ctx)
    expect(await cardHolderId(ctx, SYSTEM_ACTOR, `  ${a.barcode} `)).toBe(a.id)
    expect(await cardHolderId(ctx, SYSTEM_ACTOR, '29999999999999')).toBeUndefined()

    await auditCardLookup(ctx, SYSTEM_ACTOR, a.id)
    const last = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patron_id', 'detail'])
      .where('patron_id', '=', a.id)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect({ ...last, detail: JSON.parse(last.detail) as unknown }).toEqual({
      action: 'patron.search_hit',
      patron_id: a.id,
      detail: { by: 'barcode' },
    })
  })
})
