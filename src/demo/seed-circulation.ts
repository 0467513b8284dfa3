import { Readable } from 'node:stream'
import type { Actor } from '../actor.js'
import { AppError } from '../errors.js'
import { SYSTEM_ACTOR } from '../actor.js'
import { DAY } from '../clock.js'
import type { AppContext } from '../context.js'
import { importCatalog } from '../catalog/catalog-import.js'
import { checkin } from '../circulation/checkin.service.js'
import { checkout } from '../circulation/checkout.service.js'
import { accrueOverdueFines } from '../circulation/fees.service.js'
import { placeHold } from '../circulation/holds.service.js'
import { addClosedDay, DEFAULT_RULE, saveBranch, saveLoanRule } from '../library/library.service.js'
import { seedBranchDetails } from './demo-branches.js'
import { catalogueCsv, demoCatalogue } from './demo-catalogue.js'
import type { DemoRandom } from './random.js'

export interface DemoBorrower {
  id: string
  barcode: string
}

export interface CirculationSeed {
  items: number
  loans: number
  overdue: number
  holds: number
  finesOwed: number
}

const BRANCHES = [
  { code: 'east', name: 'East Branch' },
  { code: 'north', name: 'North Branch' },
]

/**
 * A working day's worth of history: branches, opening days and loan rules, a catalogue of a few
 * thousand copies, loans (some overdue), holds waiting and fines owed — all through the services.
 */
export async function seedCirculation(
  ctx: AppContext,
  desk: Actor,
  borrowers: readonly DemoBorrower[],
  rng: DemoRandom,
): Promise<CirculationSeed> {
  for (const b of BRANCHES) await saveBranch(ctx, SYSTEM_ACTOR, b)
  await addClosedDay(ctx, SYSTEM_ACTOR, { branch: '*', weekday: 0, note: 'Closed on Sundays' })
  await addClosedDay(ctx, SYSTEM_ACTOR, {
    branch: '*',
    date: `${ctx.clock.now().getUTCFullYear()}-12-25`,
    note: 'Christmas Day',
  })
  await seedBranchDetails(ctx)
  await saveLoanRule(ctx, SYSTEM_ACTOR, {
    ...DEFAULT_RULE,
    itemType: 'dvd',
    loanPeriod: 7,
    finePerDayCents: 100,
    maxFineCents: 1000,
    renewalsAllowed: 1,
  })
  await saveLoanRule(ctx, SYSTEM_ACTOR, {
    ...DEFAULT_RULE,
    patronCategory: 'child',
    finePerDayCents: 0,
    maxFineCents: 0,
  })

  const branchCodes = ['main', ...BRANCHES.map((b) => b.code)]
  const csv = catalogueCsv(demoCatalogue(rng, 1400, branchCodes), 100_000_000)
  const imported = await importCatalog(ctx, SYSTEM_ACTOR, Readable.from([csv]), 'csv')
  const items = await ctx.db
    .selectFrom('items')
    .select(['barcode', 'record_id', 'branch'])
    .where('status', '=', 'available')
    .orderBy('barcode')
    .execute()

  const now = ctx.clock.now().getTime()
  let loans = 0
  let overdue = 0
  const lend = async (who: DemoBorrower, item: (typeof items)[number], daysAgo: number) => {
    await checkout(ctx, SYSTEM_ACTOR, {
      patronBarcode: who.barcode,
      itemBarcode: item.barcode,
      branch: item.branch,
      at: new Date(now - daysAgo * DAY).toISOString(),
      override: ['TOO_MANY_ITEMS', 'FINES_OVER_LIMIT', 'CARD_EXPIRED'],
    })
    loans += 1
  }
  // About a third of the borrowers have something out; some of it is late.
  let next = 0
  for (const who of borrowers.filter((_, i) => i % 3 === 0)) {
    for (let n = rng.int(1, 4); n > 0 && next < items.length; n--) {
      const late = rng.chance(0.15)
      await lend(
        who,
        items[next++] as (typeof items)[number],
        late ? rng.int(25, 50) : rng.int(0, 18),
      )
      if (late) overdue += 1
    }
  }
  // Some came back late and left a fine behind.
  let finesOwed = 0
  for (const who of borrowers.filter((_, i) => i % 11 === 5).slice(0, 25)) {
    const item = items[next++]
    if (item === undefined) break
    await lend(who, item, rng.int(30, 45))
    if (
      (await checkin(ctx, desk, { itemBarcode: item.barcode, branch: item.branch })).fineCents > 0
    )
      finesOwed += 1
  }
  await accrueOverdueFines(ctx)

  // Holds: a queue on titles that are out, and a few copies already waiting on the shelf.
  let holds = 0
  const outTitles = await ctx.db
    .selectFrom('loans')
    .select(['record_id'])
    .where('returned_at', 'is', null)
    .limit(60)
    .execute()
  for (const [i, t] of outTitles.entries()) {
    const who = borrowers[(i * 7 + 2) % borrowers.length]
    if (who === undefined) continue
    try {
      await placeHold(ctx, desk, {
        patronId: who.id,
        recordId: t.record_id,
        pickupBranch: rng.pick(branchCodes),
      })
      holds += 1
    } catch (err) {
      // The demo borrower may already hold or have this title; another will do.
      if (!(err instanceof AppError)) throw err
    }
  }
  for (const item of items.slice(next, next + 12)) {
    const who = borrowers[(next * 5 + holds) % borrowers.length]
    if (who === undefined) continue
    try {
      await placeHold(ctx, desk, {
        patronId: who.id,
        recordId: item.record_id,
        pickupBranch: item.branch,
      })
      await checkin(ctx, desk, { itemBarcode: item.barcode, branch: item.branch })
      holds += 1
    } catch (err) {
      // As above: skip a title this borrower cannot hold.
      if (!(err instanceof AppError)) throw err
    }
    next += 1
  }
  return { items: imported.items, loans, overdue, holds, finesOwed }
}
