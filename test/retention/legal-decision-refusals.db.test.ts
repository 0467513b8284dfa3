// The privacy officer's decision is bounded by law (P8): a request that is neither a court order
// nor a qualifying emergency cannot be approved, an emergency only when every statutory
// condition holds, and no approval without the patron it concerns. Only an approved request is
// released, and only an emergency has an acknowledgement form. Each refusal says why.
import { expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import {
  acknowledgementForm,
  decideLegalRequest,
  registerLegalRequest,
  releaseLegalRequest,
} from '../../src/privacy/legal/legal-requests.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/** A message (or other string) containing these words; typed for use inside toMatchObject. */
const says = (words: RegExp): unknown => expect.stringMatching(words)

const ALL_CONDITIONS = {
  swornOfficer: true,
  courtOrderImpractical: true,
  imminentPhysicalHarm: true,
  identifySuspectWitnessOrVictim: true,
}
const base = {
  requesterName: 'Det. Sam Okafor',
  requesterAgency: 'Thornton Police Department',
  requesterBadge: '4471',
  documents: 'Written statement',
}
const IDENTIFYING = { parts: ['registration'], fields: ['givenName', 'familyName'] }

const statusOf = async (ctx: AppContext, id: string) =>
  (
    await ctx.db
      .selectFrom('legal_requests')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status

async function request(ctx: AppContext, officer: Actor, input: Record<string, unknown>) {
  return (await registerLegalRequest(ctx, officer, { ...base, ...input })).id
}

describeEngines('legal request decisions refused (P8)', (env) => {
  it('refuses to approve a request that is neither a court order nor an emergency, citing the law', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const id = await request(ctx, officer, { kind: 'other', patronId: p.id, scope: IDENTIFYING })
    await expect(
      decideLegalRequest(ctx, officer, id, { decision: 'approve', note: 'Employer asked' }),
    ).rejects.toMatchObject({
      kind: 'rule',
      code: 'NOT_PERMITTED_BY_LAW',
      message: says(
        /only under a court order or the emergency exception of 75 ILCS 70\/1\(a\)\(2\)/,
      ),
    })
    expect(await statusOf(ctx, id)).toBe('received')
  })

  it('refuses to approve an emergency request unless every statutory condition holds, naming those not met', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const id = await request(ctx, officer, {
      kind: 'emergency',
      patronId: p.id,
      scope: IDENTIFYING,
      conditions: { ...ALL_CONDITIONS, courtOrderImpractical: false, imminentPhysicalHarm: false },
    })
    await expect(
      decideLegalRequest(ctx, officer, id, { decision: 'approve', note: 'Checked' }),
    ).rejects.toMatchObject({
      kind: 'rule',
      code: 'CONDITIONS_NOT_MET',
      message:
        'Every statutory condition must hold; not met: courtOrderImpractical, imminentPhysicalHarm.',
    })
    expect(await statusOf(ctx, id)).toBe('received')
  })

  it('refuses to approve a request that names no patron', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const id = await request(ctx, officer, {
      kind: 'court_order',
      orderReference: 'Circuit Court of Cook County, 2026-CR-0300, 2026-03-01',
      scope: IDENTIFYING,
    })
    await expect(
      decideLegalRequest(ctx, officer, id, { decision: 'approve', note: 'Order reviewed' }),
    ).rejects.toMatchObject({
      kind: 'validation',
      code: 'PATRON_REQUIRED',
      message: says(/Name the patron/),
    })
    expect(await statusOf(ctx, id)).toBe('received')
    // Refusing it needs no patron.
    await decideLegalRequest(ctx, officer, id, { decision: 'refuse', note: 'No patron named' })
    expect(await statusOf(ctx, id)).toBe('refused')
  })

  it('releases nothing for a request that was not approved', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const received = await request(ctx, officer, {
      kind: 'court_order',
      orderReference: 'Circuit Court of Cook County, 2026-CR-0301, 2026-03-02',
      patronId: p.id,
      scope: IDENTIFYING,
    })
    const refused = await request(ctx, officer, {
      kind: 'other',
      patronId: p.id,
      scope: IDENTIFYING,
    })
    await decideLegalRequest(ctx, officer, refused, { decision: 'refuse', note: 'No order' })
    for (const id of [received, refused])
      await expect(releaseLegalRequest(ctx, officer, id)).rejects.toMatchObject({
        kind: 'conflict',
        code: 'NOT_APPROVED',
        message: says(/Only an approved request/),
      })
    expect(
      await ctx.db
        .selectFrom('audit_log')
        .select('seq')
        .where('patron_id', '=', p.id)
        .where('action', 'in', ['legal_request.release', 'patron.export'])
        .execute(),
    ).toEqual([])
  })

  it('prints an acknowledgement form only for an emergency disclosure', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const order = await request(ctx, officer, {
      kind: 'court_order',
      orderReference: 'Circuit Court of Cook County, 2026-CR-0302, 2026-03-03',
      patronId: p.id,
      scope: IDENTIFYING,
    })
    await expect(acknowledgementForm(ctx, officer, order)).rejects.toMatchObject({
      kind: 'validation',
      code: 'NOT_EMERGENCY',
      message: says(/for emergency disclosures/),
    })
  })

  it('explains what an emergency release may carry when it is asked for more', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    await expect(
      request(ctx, officer, {
        kind: 'emergency',
        patronId: p.id,
        conditions: ALL_CONDITIONS,
        scope: { parts: ['registration', 'loans'], fields: ['givenName', 'birthDate'] },
      }),
    ).rejects.toMatchObject({
      kind: 'validation',
      code: 'EMERGENCY_SCOPE_LIMITED',
      message: says(/may only identify the person: name, address, phone, email and card status/),
      details: { fields: ['loans', 'birthDate'] },
    })
  })
})
