// What a court order releases (P8): exactly the parts and fields it names, each with its own
// contents — the current card's status, loans still out apart from the reading history, holds,
// fines with their titles, requests and notes decrypted — and nothing of any other patron.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { createRequest } from '../../src/circulation/requests.service.js'
import { replaceCard } from '../../src/patrons/card.service.js'
import { addNote } from '../../src/patrons/notes.service.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import {
  decideLegalRequest,
  registerLegalRequest,
  releaseLegalRequest,
} from '../../src/privacy/legal/legal-requests.service.js'
import { RECORD_PARTS, REGISTRATION_FIELDS } from '../../src/privacy/legal/legal-scope.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const courtOrder = {
  kind: 'court_order',
  requesterName: 'Det. Sam Okafor',
  requesterAgency: 'Thornton Police Department',
  documents: 'Order served in person',
  orderReference: 'Circuit Court of Cook County, 2026-CR-0201, 2026-02-03',
}

/** A stored date (or instant): typed for use inside toEqual. */
const aDate: unknown = expect.stringMatching(/^\d{4}-\d{2}-\d{2}/)

describeEngines('what a court order releases (P8)', (env) => {
  it('releases every part a court order names with its own contents, and nothing of another patron', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron({ licenceNumber: undefined })
    const other = await lib.patron()
    await setReadingHistory(ctx, { type: 'patron', id: p.id }, p.id, true)
    const read = await lib.title([{}], 'Read and Returned')
    const late = await lib.title([{}], 'Returned Late')
    const out = await lib.title([{}], 'Still Out')
    const wanted = await lib.title([{}, {}], 'Wanted Next')
    const theirs = await lib.title([{}], 'Borrowed by Someone Else')
    const lend = (barcode: string, itemBarcode: string) =>
      checkout(ctx, lib.desk, { patronBarcode: barcode, itemBarcode, branch: 'main' })
    const giveBack = (itemBarcode: string) =>
      checkin(ctx, lib.desk, { itemBarcode, branch: 'main' })
    await lend(p.barcode, read.items[0]!.barcode)
    await giveBack(read.items[0]!.barcode)
    await lend(p.barcode, late.items[0]!.barcode)
    await lend(other.barcode, theirs.items[0]!.barcode)
    clock.advance(9 * DAY)
    await giveBack(late.items[0]!.barcode)
    await lend(p.barcode, out.items[0]!.barcode)
    // Both copies out, so the hold waits.
    await lend(other.barcode, wanted.items[0]!.barcode)
    await lend(other.barcode, wanted.items[1]!.barcode)
    await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: wanted.record.id,
      pickupBranch: 'main',
    })
    const newCard = await replaceCard(ctx, lib.desk, p.barcode, {})
    await createRequest(ctx, lib.desk, {
      patronId: p.id,
      kind: 'purchase',
      title: 'Marsh Birds of Illinois',
    })
    await createRequest(ctx, lib.desk, {
      patronId: other.id,
      kind: 'purchase',
      title: 'Someone Else Wants This',
    })
    await addNote(ctx, lib.desk, p.id, { body: 'Asked about the shelter hours' })
    await addNote(ctx, lib.desk, other.id, { body: 'Someone else entirely' })

    const order = await registerLegalRequest(ctx, officer, {
      ...courtOrder,
      patronId: p.id,
      scope: { parts: [...RECORD_PARTS], fields: [...REGISTRATION_FIELDS] },
    })
    await decideLegalRequest(ctx, officer, order.id, { decision: 'approve', note: 'Reviewed' })
    const release = await releaseLegalRequest(ctx, officer, order.id)
    const view = await getPatron(ctx, officer, p.id)

    expect(release.generatedAt).toBe(clock.now().toISOString())
    expect(release.registration).toEqual({
      givenName: view.givenName,
      familyName: view.familyName,
      address: view.address,
      phone: view.phone,
      email: view.email,
      licenceNumber: null,
      sex: view.sex,
      birthDate: view.birthDate,
      // The card in use, not the one it replaced.
      cardStatus: 'active',
    })
    expect(Object.keys(release.parts).sort()).toEqual(
      RECORD_PARTS.filter((part) => part !== 'registration').sort(),
    )
    const { parts } = release
    expect(
      parts.cards
        ?.map((c) => [c.barcode, c.status])
        .sort((a, b) => String(a).localeCompare(String(b))),
    ).toEqual(
      [
        [p.barcode, 'replaced'],
        [newCard.barcode, 'active'],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    )
    expect(parts.loans).toEqual([
      {
        title: 'Still Out',
        checked_out_at: aDate,
        due_at: aDate,
        returned_at: null,
      },
    ])
    expect(parts.reading_history?.map((l) => l.title).sort()).toEqual([
      'Read and Returned',
      'Returned Late',
    ])
    expect(parts.reading_history?.every((l) => l.returned_at !== null)).toBe(true)
    expect(parts.holds?.map((h) => h.title)).toEqual(['Wanted Next'])
    const overdue: unknown = expect.objectContaining({
      kind: 'overdue',
      title: 'Returned Late',
      amount_cents: 100,
    })
    expect(parts.fees).toEqual([overdue])
    expect(parts.requests).toEqual([
      {
        kind: 'purchase',
        status: 'submitted',
        title: 'Marsh Birds of Illinois',
        created_at: aDate,
      },
    ])
    expect(parts.notes).toEqual([{ note: 'Asked about the shelter hours', created_at: aDate }])
    // No computer session is running: the part is there, and empty (ended ones are not kept).
    expect(parts.computer_sessions).toEqual([])
    const all = JSON.stringify(release)
    for (const theirsOnly of [
      'Borrowed by Someone Else',
      'Someone Else Wants This',
      'Someone else entirely',
      other.barcode,
    ])
      expect(all).not.toContain(theirsOnly)
  })
})
