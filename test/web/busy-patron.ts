import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines } from '../../src/circulation/fees.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import type { ManualClock } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { setUpLibrary } from '../harness/library.js'
import { patronWithPin } from './web-harness.js'

/** One patron with something on every page: checkouts (one overdue), holds, a fine, a history. */
export async function busyPatron(ctx: AppContext, clock: ManualClock) {
  const lib = await setUpLibrary(ctx)
  const patron = await patronWithPin(ctx)
  const me = { type: 'patron' as const, id: patron.id }
  await setReadingHistory(ctx, me, patron.id, true)
  const read = await lib.title([{}], 'Salt Roads')
  await checkout(ctx, lib.desk, {
    patronBarcode: patron.barcode,
    itemBarcode: read.items[0]?.barcode ?? '',
    branch: 'main',
  })
  await checkin(ctx, lib.desk, { itemBarcode: read.items[0]?.barcode ?? '', branch: 'main' })
  const late = await lib.title([{}], 'Tidewater Almanac')
  await checkout(ctx, lib.desk, {
    patronBarcode: patron.barcode,
    itemBarcode: late.items[0]?.barcode ?? '',
    branch: 'main',
  })
  // A ready hold: the copy is on the shelf, so checking it in sends it to the hold.
  const ready = await lib.title([{}], 'Orchard Keeping')
  await placeHold(ctx, me, { patronId: patron.id, recordId: ready.record.id, pickupBranch: 'main' })
  await checkin(ctx, lib.desk, { itemBarcode: ready.items[0]?.barcode ?? '', branch: 'main' })
  // A waiting hold: the only copy is out with someone else.
  const waiting = await lib.title([{}], 'Prairie Weather')
  const other = await lib.patron()
  await checkout(ctx, lib.desk, {
    patronBarcode: other.barcode,
    itemBarcode: waiting.items[0]?.barcode ?? '',
    branch: 'main',
  })
  const queued = await placeHold(ctx, me, {
    patronId: patron.id,
    recordId: waiting.record.id,
    pickupBranch: 'east',
  })
  // Forty days on, the first checkout is overdue and fined; staff have looked at the record.
  clock.advance(40 * 86_400_000)
  await accrueOverdueFines(ctx)
  await getPatron(ctx, lib.desk, patron.id)
  const spare = await lib.title([{ branch: 'east' }], 'River Songs')
  return { lib, patron, queuedId: queued.id, spareRecord: spare.record.id, waiting }
}
