import { expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import {
  acknowledgementForm,
  decideLegalRequest,
  registerLegalRequest,
  releaseLegalRequest,
  transparencyReport,
} from '../../src/privacy/legal/legal-requests.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { addNote } from '../../src/patrons/notes.service.js'
import { erasePatron, getPatron } from '../../src/patrons/patron.service.js'

const officerRequest = {
  requesterName: 'Det. Sam Okafor',
  requesterAgency: 'Thornton Police Department',
  requesterBadge: '4471',
  requesterContact: '708-555-0190',
  documents: 'Verbal request, followed by written statement',
}
const ALL_CONDITIONS = {
  swornOfficer: true,
  courtOrderImpractical: true,
  imminentPhysicalHarm: true,
  identifySuspectWitnessOrVictim: true,
}

describeEngines('legal requests (P8)', (env) => {
  it('limits an emergency release to identifying fields, whatever is asked for', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    for (const part of [
      'loans',
      'reading_history',
      'holds',
      'fees',
      'computer_sessions',
      'requests',
    ]) {
      await expect(
        registerLegalRequest(ctx, officer, {
          ...officerRequest,
          kind: 'emergency',
          patronId: p.id,
          conditions: ALL_CONDITIONS,
          scope: { parts: ['registration', part], fields: ['givenName'] },
        }),
      ).rejects.toMatchObject({ code: 'EMERGENCY_SCOPE_LIMITED' })
    }
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'emergency',
        patronId: p.id,
        conditions: ALL_CONDITIONS,
        scope: { parts: ['registration'], fields: ['givenName', 'birthDate'] },
      }),
    ).rejects.toMatchObject({ code: 'EMERGENCY_SCOPE_LIMITED' })

    const partial = await registerLegalRequest(ctx, officer, {
      ...officerRequest,
      kind: 'emergency',
      patronId: p.id,
      conditions: { ...ALL_CONDITIONS, imminentPhysicalHarm: false },
      scope: { parts: ['registration'], fields: ['givenName', 'familyName'] },
    })
    await expect(
      decideLegalRequest(ctx, officer, partial.id, { decision: 'approve', note: 'Checked' }),
    ).rejects.toMatchObject({ code: 'CONDITIONS_NOT_MET' })

    const ok = await registerLegalRequest(ctx, officer, {
      ...officerRequest,
      kind: 'emergency',
      patronId: p.id,
      conditions: ALL_CONDITIONS,
      scope: {
        parts: ['registration'],
        fields: ['givenName', 'familyName', 'phone', 'cardStatus'],
      },
    })
    await decideLegalRequest(ctx, officer, ok.id, {
      decision: 'approve',
      note: 'All four conditions attested',
      acknowledgementSigned: true,
    })
    const { items } = await lib.title()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const release = await releaseLegalRequest(ctx, officer, ok.id)
    const view = await getPatron(ctx, officer, p.id)
    expect(release.registration).toEqual({
      givenName: view.givenName,
      familyName: view.familyName,
      phone: view.phone,
      cardStatus: 'active',
    })
    expect(release.parts).toEqual({})
    expect(JSON.stringify(release)).not.toContain('The Quiet Shelf')
    const form = await acknowledgementForm(ctx, officer, ok.id)
    expect(form).toContain('badge 4471')
    expect(form).toContain('[x] I am a sworn law-enforcement officer.')
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('patron_id', '=', p.id)
      .where('action', 'like', 'legal_request.%')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'legal_request.create',
      'legal_request.create',
      'legal_request.decide',
      'legal_request.release',
    ])
  })

  it('releases only what a court order covers, and refuses everything else', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const { items } = await lib.title([{}], 'Atlas of the Kankakee Marsh')
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const order = await registerLegalRequest(ctx, officer, {
      ...officerRequest,
      kind: 'court_order',
      orderReference: 'Circuit Court of Cook County, 2026-CR-0113, 2026-01-10',
      patronId: p.id,
      scope: { parts: ['registration', 'loans'], fields: ['familyName'] },
    })
    await expect(releaseLegalRequest(ctx, officer, order.id)).rejects.toMatchObject({
      code: 'NOT_APPROVED',
    })
    await decideLegalRequest(ctx, officer, order.id, {
      decision: 'approve',
      note: 'Counsel reviewed the order',
    })
    const release = await releaseLegalRequest(ctx, officer, order.id)
    expect(Object.keys(release.registration ?? {})).toEqual(['familyName'])
    expect(release.parts.loans?.map((l) => l.title)).toEqual(['Atlas of the Kankakee Marsh'])
    expect(release.parts.holds).toBeUndefined()

    const other = await registerLegalRequest(ctx, officer, {
      ...officerRequest,
      kind: 'other',
      patronId: p.id,
      documents: 'A letter from an employer',
      scope: { parts: ['registration'], fields: ['givenName'] },
    })
    await expect(
      decideLegalRequest(ctx, officer, other.id, { decision: 'approve', note: 'no' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED_BY_LAW' })
    await decideLegalRequest(ctx, officer, other.id, { decision: 'refuse', note: 'No court order' })
    await expect(
      registerLegalRequest(ctx, lib.desk, {
        ...officerRequest,
        kind: 'other',
        scope: { parts: ['registration'], fields: [] },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })

    const report = await transparencyReport(ctx)
    const year = report.filter((r) => r.year === '2026')
    expect(year.find((r) => r.kind === 'court_order')).toMatchObject({
      received: 1,
      released: 1,
      refused: 0,
    })
    expect(year.find((r) => r.kind === 'other')).toMatchObject({
      received: 1,
      released: 0,
      refused: 1,
    })
    expect(JSON.stringify(report)).not.toContain(p.id)
    expect(Object.keys(report[0] ?? {})).toEqual([
      'year',
      'kind',
      'received',
      'released',
      'refused',
    ])
  })

  it('never lets an emergency request carry the licence number, sex, notes or cards', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const asking = (scope: { parts: string[]; fields: string[] }) =>
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'emergency',
        patronId: p.id,
        conditions: ALL_CONDITIONS,
        scope,
      })
    for (const field of ['licenceNumber', 'sex'])
      await expect(
        asking({ parts: ['registration'], fields: ['givenName', field] }),
        field,
      ).rejects.toMatchObject({ code: 'EMERGENCY_SCOPE_LIMITED', details: { fields: [field] } })
    for (const part of ['notes', 'cards'])
      await expect(
        asking({ parts: ['registration', part], fields: ['givenName'] }),
        part,
      ).rejects.toMatchObject({ code: 'EMERGENCY_SCOPE_LIMITED', details: { fields: [part] } })
    // The same scopes are fine under a court order.
    await expect(
      registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'court_order',
        orderReference: 'Circuit Court of Cook County, 2026-CR-0114, 2026-01-12',
        patronId: p.id,
        scope: { parts: ['registration', 'notes', 'cards'], fields: ['licenceNumber', 'sex'] },
      }),
    ).resolves.toMatchObject({ status: 'received' })
  })

  it('checks an approved request again when it is released', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const approved = async (patronId: string) => {
      const r = await registerLegalRequest(ctx, officer, {
        ...officerRequest,
        kind: 'emergency',
        patronId,
        conditions: ALL_CONDITIONS,
        scope: { parts: ['registration'], fields: ['givenName', 'familyName'] },
      })
      await decideLegalRequest(ctx, officer, r.id, { decision: 'approve', note: 'Attested' })
      return r.id
    }
    const statusOf = async (id: string) =>
      (
        await ctx.db
          .selectFrom('legal_requests')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status
    const releases = async (patronId: string) =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('patron_id', '=', patronId)
          .where('action', '=', 'legal_request.release')
          .execute()
      ).length
    const p = await lib.patron()
    await addNote(ctx, lib.desk, p.id, { body: 'Asked about the shelter hours' })

    // A stored scope widened after approval is refused at release, whatever the widening.
    const widenings = [
      { parts: ['registration'], fields: ['givenName', 'licenceNumber'] },
      { parts: ['registration'], fields: ['givenName', 'sex'] },
      { parts: ['registration', 'notes'], fields: ['givenName'] },
      { parts: ['registration', 'cards'], fields: ['givenName'] },
    ]
    for (const scope of widenings) {
      const id = await approved(p.id)
      await ctx.db
        .updateTable('legal_requests')
        .set({ scope: JSON.stringify(scope) })
        .where('id', '=', id)
        .execute()
      await expect(
        releaseLegalRequest(ctx, officer, id),
        JSON.stringify(scope),
      ).rejects.toMatchObject({ code: 'EMERGENCY_SCOPE_LIMITED' })
      expect(await statusOf(id)).toBe('approved')
    }
    expect(await releases(p.id)).toBe(0)

    // Released once, a request is no longer approved: it cannot be released a second time.
    const once = await approved(p.id)
    await releaseLegalRequest(ctx, officer, once)
    await expect(releaseLegalRequest(ctx, officer, once)).rejects.toMatchObject({
      code: 'NOT_APPROVED',
    })
    expect(await releases(p.id)).toBe(1)

    // The patron erased between approval and release: nothing is left to release.
    const q = await lib.patron()
    const late = await approved(q.id)
    await erasePatron(ctx, officer, q.id)
    await expect(releaseLegalRequest(ctx, officer, late)).rejects.toMatchObject({
      code: 'PATRON_ERASED',
    })
    expect(await statusOf(late)).toBe('approved')
    expect(await releases(q.id)).toBe(0)
  })
})
