import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { setCardStatus } from '../../src/patrons/card.service.js'
import type { AppContext } from '../../src/context.js'
import { erasePatron, registerPatron } from '../../src/patrons/patron.service.js'
import {
  patronSessionStands,
  signInPatron,
  updateOwnChoices,
} from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

async function currentVersion(ctx: AppContext, patronId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('patrons')
    .select('session_version')
    .where('id', '=', patronId)
    .executeTakeFirstOrThrow()
  return Number(row.session_version)
}

describeEngines('signing in and staying signed in', (env) => {
  it('signs in with a card number typed with spaces around it, into a session that stands', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    const signedIn = await signInPatron(ctx, ` ${barcode}  `, '4826')
    expect(signedIn.sessionVersion).toBe(await currentVersion(ctx, p.id))
    expect(await patronSessionStands(ctx, p.id, signedIn.sessionVersion)).toBeTruthy()
  })

  it('answers an unknown card number at sign-in as a wrong PIN', async () => {
    const { ctx } = env()
    const err = await refusal(signInPatron(ctx, '29999999999999', '4826'))
    expect(err.code).toBe('INVALID_CREDENTIALS')
  })

  it('lets no session stand for a patron who does not exist or was erased', async () => {
    const { ctx } = env()
    expect(await patronSessionStands(ctx, '00000000-0000-4000-8000-000000000000', 0)).toBeFalsy()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    expect(await patronSessionStands(ctx, p.id, await currentVersion(ctx, p.id))).toBeTruthy()
    await erasePatron(ctx, SYSTEM_ACTOR, p.id)
    // Even a session carrying the erased row's current version is over.
    expect(await patronSessionStands(ctx, p.id, await currentVersion(ctx, p.id))).toBeFalsy()
  })
})

describeEngines('signing in with a card that is not current', (env) => {
  it('signs in with a card marked expired, flagged as expired', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    await setCardStatus(ctx, SYSTEM_ACTOR, barcode, 'expired')
    expect(await signInPatron(ctx, barcode, '4826')).toMatchObject({
      patronId: p.id,
      expired: true,
    })
  })

  it('signs in with an active card whose registration has lapsed, flagged as expired', async () => {
    const { ctx, clock } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ expiresOn: '2026-02-01' }),
      card: { pin: '4826' },
    })
    clock.set('2026-02-02T10:00:00Z')
    expect(await signInPatron(ctx, p.cards[0]?.barcode ?? '', '4826')).toMatchObject({
      patronId: p.id,
      expired: true,
    })
  })

  it('tells the holder of a lost card to ask at the desk', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    await setCardStatus(ctx, SYSTEM_ACTOR, barcode, 'lost')
    const err = await refusal(signInPatron(ctx, barcode, '4826'))
    expectRefusal(err, 'rule', 'CARD_NOT_ACTIVE', /./)
    expect(err.message).toBe(
      'This card has been reported lost or replaced; please ask at the desk.',
    )
  })

  it("records a patron's change of their own communication choices", async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const me = { type: 'patron' as const, id: p.id }
    await updateOwnChoices(ctx, me, { notices: true, newsletter: false, policyChanges: true })
    const last = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id', 'detail'])
      .where('patron_id', '=', p.id)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect({ ...last, detail: JSON.parse(last.detail) as unknown }).toEqual({
      action: 'patron.update',
      actor_type: 'patron',
      actor_id: p.id,
      detail: { fields: ['notify'] },
    })
  })
})
