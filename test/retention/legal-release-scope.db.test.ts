// A court order releases only the parts it names: naming the reading history does not bring the
// loans still out (or the registration) with it, and naming the loans does not bring the history.
// Every step of a request is audited with what it concerned, what was stored is what was received,
// and the public report lists years newest first, kinds in order within a year.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import {
  decideLegalRequest,
  listLegalRequests,
  registerLegalRequest,
  releaseLegalRequest,
  transparencyReport,
} from '../../src/privacy/legal/legal-requests.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const courtOrder = {
  kind: 'court_order',
  requesterName: 'Det. Sam Okafor',
  requesterAgency: 'Thornton Police Department',
  documents: 'Order served in person',
  orderReference: 'Circuit Court of Cook County, 2026-CR-0307, 2026-03-02',
}
const ALL_CONDITIONS = {
  swornOfficer: true,
  courtOrderImpractical: true,
  imminentPhysicalHarm: true,
  identifySuspectWitnessOrVictim: true,
}

describeEngines('the parts a court order releases (P8)', (env) => {
  async function patronWithHistoryAndLoan(ctx: Parameters<typeof setUpLibrary>[0]) {
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    await setReadingHistory(ctx, { type: 'patron', id: p.id }, p.id, true)
    const read = await lib.title([{}], 'Read and Returned')
    const out = await lib.title([{}], 'Still Out')
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: read.items[0]!.barcode,
      branch: 'main',
    })
    await checkin(ctx, lib.desk, { itemBarcode: read.items[0]!.barcode, branch: 'main' })
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: out.items[0]!.barcode,
      branch: 'main',
    })
    const releaseOf = async (parts: string[]) => {
      const r = await registerLegalRequest(ctx, officer, {
        ...courtOrder,
        patronId: p.id,
        scope: { parts, fields: [] },
      })
      await decideLegalRequest(ctx, officer, r.id, { decision: 'approve', note: 'Reviewed' })
      return releaseLegalRequest(ctx, officer, r.id)
    }
    return { releaseOf }
  }

  it('releases the reading history alone when that is all the order names', async () => {
    const { ctx } = env()
    const { releaseOf } = await patronWithHistoryAndLoan(ctx)
    const release = await releaseOf(['reading_history'])
    expect(release.registration).toBeUndefined()
    expect(Object.keys(release.parts)).toEqual(['reading_history'])
    expect(release.parts.reading_history?.map((l) => l.title)).toEqual(['Read and Returned'])
  })

  it('releases the loans still out alone when that is all the order names', async () => {
    const { ctx } = env()
    const { releaseOf } = await patronWithHistoryAndLoan(ctx)
    const release = await releaseOf(['loans'])
    expect(release.registration).toBeUndefined()
    expect(Object.keys(release.parts)).toEqual(['loans'])
    expect(release.parts.loans?.map((l) => l.title)).toEqual(['Still Out'])
  })

  it('refuses to register a request about a patron the library does not have', async () => {
    const { ctx } = env()
    await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const before = (await listLegalRequests(ctx, officer)).length
    await expect(
      registerLegalRequest(ctx, officer, {
        ...courtOrder,
        patronId: '00000000-0000-4000-8000-000000000000',
        scope: { parts: ['registration'], fields: ['familyName'] },
      }),
    ).rejects.toMatchObject({ code: 'PATRON_NOT_FOUND' })
    expect(await listLegalRequests(ctx, officer)).toHaveLength(before)
  })

  it('does not release an approved request that no longer names a patron', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const r = await registerLegalRequest(ctx, officer, {
      ...courtOrder,
      patronId: p.id,
      scope: { parts: ['registration'], fields: ['familyName'] },
    })
    await decideLegalRequest(ctx, officer, r.id, { decision: 'approve', note: 'Reviewed' })
    await ctx.db
      .updateTable('legal_requests')
      .set({ patron_id: null })
      .where('id', '=', r.id)
      .execute()
    await expect(releaseLegalRequest(ctx, officer, r.id)).rejects.toMatchObject({
      code: 'NOT_APPROVED',
      message: 'Only an approved request can be released.',
    })
  })

  it('stores the order reference and the attested conditions as received', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const order = await registerLegalRequest(ctx, officer, {
      ...courtOrder,
      patronId: p.id,
      scope: { parts: ['registration'], fields: ['familyName'] },
    })
    const emergency = await registerLegalRequest(ctx, officer, {
      kind: 'emergency',
      requesterName: 'Sgt. Ana Ruiz',
      requesterAgency: 'Thornton Police Department',
      requesterBadge: '5120',
      documents: 'Verbal request',
      patronId: p.id,
      conditions: ALL_CONDITIONS,
      scope: { parts: ['registration'], fields: ['givenName'] },
    })
    const rows = await listLegalRequests(ctx, officer)
    const stored = (id: string) => rows.find((r) => r.id === id)
    expect(stored(order.id)?.order_reference).toBe(courtOrder.orderReference)
    expect(stored(order.id)?.conditions).toBeNull()
    expect(stored(emergency.id)?.order_reference).toBeNull()
    expect(JSON.parse(stored(emergency.id)?.conditions ?? 'null')).toEqual(ALL_CONDITIONS)
  })

  it('audits each step with the request it concerns and what was released', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const r = await registerLegalRequest(ctx, officer, {
      ...courtOrder,
      patronId: p.id,
      scope: { parts: ['registration', 'cards'], fields: ['familyName'] },
    })
    await decideLegalRequest(ctx, officer, r.id, { decision: 'approve', note: 'Reviewed' })
    await releaseLegalRequest(ctx, officer, r.id)
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patron_id', 'detail'])
      .where('patron_id', '=', p.id)
      .where((eb) =>
        eb.or([eb('action', 'like', 'legal_request.%'), eb('action', '=', 'patron.export')]),
      )
      .orderBy('seq')
      .execute()
    expect(entries.map((e) => [e.action, JSON.parse(e.detail) as unknown])).toEqual([
      ['legal_request.create', { requestId: r.id, kind: 'court_order' }],
      ['legal_request.decide', { requestId: r.id, decision: 'approved' }],
      [
        'legal_request.release',
        {
          requestId: r.id,
          kind: 'court_order',
          parts: ['registration', 'cards'],
          fields: ['familyName'],
        },
      ],
      ['patron.export', { by: 'legal_request' }],
    ])
  })

  it('lists the public report newest year first, and kinds in order within a year', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const register = (kind: string) =>
      registerLegalRequest(ctx, officer, {
        ...courtOrder,
        kind,
        patronId: p.id,
        scope: { parts: ['registration'], fields: ['familyName'] },
      })
    await register('other')
    await register('court_order')
    clock.advance(400 * DAY)
    await register('other')
    await register('court_order')
    const first = clock.now().getUTCFullYear() - 1
    // Requests of other kinds made while setting up the library are left out of the comparison.
    const report = (await transparencyReport(ctx)).filter((r) => r.kind !== 'emergency')
    expect(report.map((r) => [r.year, r.kind])).toEqual([
      [String(first + 1), 'court_order'],
      [String(first + 1), 'other'],
      [String(first), 'court_order'],
      [String(first), 'other'],
    ])
  })
})
