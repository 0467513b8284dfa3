// A legal request is registered only with what the law requires on record (P8): the statutory
// conditions and the officer's badge for an emergency, the order's reference for a court order.
// A refused registration stores nothing and audits nothing.
import type { AppContext } from '../../src/context.js'
import { expect, it } from 'vitest'
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
const officerRequest = {
  requesterName: 'Det. Sam Okafor',
  requesterAgency: 'Thornton Police Department',
  requesterContact: '708-555-0190',
  documents: 'Verbal request, followed by written statement',
}
const IDENTIFYING = { parts: ['registration'], fields: ['givenName', 'familyName'] }

/** Requests and their audit entries stored so far. */
const stored = async (ctx: AppContext) => ({
  requests: (await ctx.db.selectFrom('legal_requests').select('id').execute()).length,
  audited: (
    await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'legal_request.create')
      .execute()
  ).length,
})

describeEngines('legal requests refused at registration (P8)', (env) => {
  it('refuses an emergency request that does not record each statutory condition', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const before = await stored(ctx)
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'emergency',
        requesterBadge: '4471',
        patronId: p.id,
        scope: IDENTIFYING,
      }),
    ).rejects.toMatchObject({
      kind: 'validation',
      code: 'CONDITIONS_REQUIRED',
      message: says(/statutory condition/),
    })
    expect(await stored(ctx)).toEqual(before)
    // With the conditions on record (even unmet ones, which the decision then refuses) it is taken.
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'emergency',
        requesterBadge: '4471',
        patronId: p.id,
        scope: IDENTIFYING,
        conditions: { ...ALL_CONDITIONS, imminentPhysicalHarm: false },
      }),
    ).resolves.toMatchObject({ status: 'received' })
  })

  it("refuses an emergency request without the officer's badge number", async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const before = await stored(ctx)
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'emergency',
        patronId: p.id,
        scope: IDENTIFYING,
        conditions: ALL_CONDITIONS,
      }),
    ).rejects.toMatchObject({
      kind: 'validation',
      code: 'BADGE_REQUIRED',
      message: says(/badge number/),
    })
    expect(await stored(ctx)).toEqual(before)
  })

  it("refuses a court order without the order's reference", async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const before = await stored(ctx)
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'court_order',
        patronId: p.id,
        scope: { parts: ['registration', 'loans'], fields: ['familyName'] },
      }),
    ).rejects.toMatchObject({
      kind: 'validation',
      code: 'ORDER_REFERENCE_REQUIRED',
      message: says(/court, case number and date/),
    })
    expect(await stored(ctx)).toEqual(before)
    // A request of another kind needs no order reference (and is refused at the decision).
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'other',
        patronId: p.id,
        scope: IDENTIFYING,
      }),
    ).resolves.toMatchObject({ status: 'received' })
  })

  it('decides a request once: a second decision is refused and changes nothing', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const r = await registerLegalRequest(ctx, officer, {
      ...officerRequest,
      kind: 'other',
      patronId: p.id,
      scope: IDENTIFYING,
    })
    await decideLegalRequest(ctx, officer, r.id, { decision: 'refuse', note: 'No court order' })
    await expect(
      decideLegalRequest(ctx, officer, r.id, { decision: 'refuse', note: 'Again' }),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'ALREADY_DECIDED',
      message: says(/already been decided/),
    })
    const row = await ctx.db
      .selectFrom('legal_requests')
      .select(['status', 'decision_note'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'refused', decision_note: 'No court order' })
    const decisions = await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'legal_request.decide')
      .where('patron_id', '=', p.id)
      .execute()
    expect(decisions).toHaveLength(1)
  })

  it('answers "no such legal request" to deciding, releasing or printing an unknown one', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const unknown = '0190f1a2-0000-7000-8000-000000000000'
    const notFound = {
      kind: 'not_found',
      code: 'LEGAL_REQUEST_NOT_FOUND',
      message: says(/No such legal request/),
    }
    const legalEntries = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', 'like', 'legal_request.%')
          .execute()
      ).length
    const before = await legalEntries()
    await expect(
      decideLegalRequest(ctx, officer, unknown, { decision: 'refuse', note: 'No order' }),
    ).rejects.toMatchObject(notFound)
    await expect(releaseLegalRequest(ctx, officer, unknown)).rejects.toMatchObject(notFound)
    await expect(acknowledgementForm(ctx, officer, unknown)).rejects.toMatchObject(notFound)
    expect(await legalEntries()).toBe(before)
  })
})
