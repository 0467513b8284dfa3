import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { renew } from '../../src/circulation/loans.service.js'
import { createRequest } from '../../src/circulation/requests.service.js'
import { submitPublicInquiry } from '../../src/comms/inquiry-submit.js'
import type { TestEnv } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

/** The first day of the seeded activity: a Monday. */
export const START = '2026-03-02'
const at = (day: string) => `${day}T16:00:00Z` // mid-morning in Chicago, the same local day

/**
 * Real acts through the services, over two weeks, and what each should have counted, tallied
 * here as the acts are made (not read back from the counts). Keys: `day branch category`.
 */
export async function seedActivity({ ctx, clock }: TestEnv) {
  const tally: Record<string, Record<string, number>> = {}
  const add = (measure: string, key: string) => {
    const m = (tally[measure] ??= {})
    m[key] = (m[key] ?? 0) + 1
  }
  clock.set(at(START))
  const lib = await setUpLibrary(ctx)
  const main = await lib.title(Array.from({ length: 8 }, () => ({ branch: 'main' })))
  const east = await lib.title([{ branch: 'east' }, { branch: 'east' }])
  const adults = []
  for (let i = 0; i < 8; i++) {
    adults.push(await lib.patron())
    add('registrations', `${START} main adult`)
  }
  const children = []
  for (let i = 0; i < 2; i++) {
    children.push(await lib.patron({ category: 'child', homeBranch: 'east' }))
    add('registrations', `${START} east child`)
  }
  // Day one: eight loans at main (adults), two at east (children).
  for (let i = 0; i < 8; i++) {
    await checkout(ctx, lib.desk, {
      patronBarcode: adults[i]!.barcode,
      itemBarcode: main.items[i]!.barcode,
      branch: 'main',
    })
    add('loans', `${START} main adult`)
  }
  for (let i = 0; i < 2; i++) {
    await checkout(ctx, lib.desk, {
      patronBarcode: children[i]!.barcode,
      itemBarcode: east.items[i]!.barcode,
      branch: 'east',
    })
    add('loans', `${START} east child`)
  }

  // Day two: three renewals.
  const day2 = '2026-03-03'
  clock.set(at(day2))
  for (let i = 0; i < 3; i++) {
    await renew(ctx, lib.desk, { itemBarcode: main.items[i]!.barcode })
    add('renewals', `${day2} main adult`)
  }
  // A hold on the main title, all of whose copies are out (renewals are refused from now on).
  await placeHold(ctx, lib.desk, {
    patronId: children[0]!.id,
    recordId: main.record.id,
    pickupBranch: 'main',
  })
  add('holdsPlaced', `${day2} main`)
  await submitPublicInquiry(ctx, { question: 'Hours?', replyBy: 'desk', language: 'en' })
  add('inquiries', `${day2} * *`)
  await createRequest(ctx, lib.desk, {
    patronId: adults[0]!.id,
    kind: 'interlibrary_loan',
    title: 'An atlas',
  })
  add('illRequests', `${day2} main adult`)

  // The next week: six copies come back at main; the first fills the hold, collected that day.
  const day9 = '2026-03-10'
  clock.set(at(day9))
  for (let i = 0; i < 6; i++) {
    await checkin(ctx, lib.desk, { itemBarcode: main.items[i]!.barcode, branch: 'main' })
    add('checkins', `${day9} main adult`)
  }
  clock.advance(DAY / 48)
  await checkout(ctx, lib.desk, {
    patronBarcode: children[0]!.barcode,
    itemBarcode: main.items[0]!.barcode,
    branch: 'main',
  })
  add('loans', `${day9} main child`)
  add('holdsFilled', `${day9} main`)
  return { tally, lib }
}

/** The tally of a measure summed over whatever part of the key `pick` keeps. */
export function sumBy(
  tally: Record<string, number> | undefined,
  pick: (day: string, branch: string, category: string) => string,
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, n] of Object.entries(tally ?? {})) {
    const [day, branch, category] = key.split(' ') as [string, string, string]
    const k = pick(day, branch, category ?? '')
    out[k] = (out[k] ?? 0) + n
  }
  return out
}
