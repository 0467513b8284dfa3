import { sql, type Kysely } from 'kysely'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { newId } from '../ids.js'
import type { CirculationEvent, HoldEvent } from './circulation.tables.js'

/*
 * Statistics are counted when things happen, into anonymous cells, so that the rows naming a
 * patron can be deleted outright when their purpose ends. A cell has no id worth anything (random),
 * no time finer than a day (a month for money) and no order; an upsert adds one to it.
 */

const addCirculation = precompiled(
  (
    db: Kysely<RecordsDb>,
    v: {
      id: string
      day: string
      branch: string
      itemType: string
      patronCategory: string
      event: CirculationEvent
    },
  ) =>
    db
      .insertInto('circulation_counts')
      .values({
        id: v.id,
        day: v.day,
        branch: v.branch,
        item_type: v.itemType,
        patron_category: v.patronCategory,
        event: v.event,
        count: 1,
      })
      .onConflict((oc) =>
        oc
          .columns(['day', 'branch', 'item_type', 'patron_category', 'event'])
          .doUpdateSet({ count: sql<number>`circulation_counts.count + 1` }),
      ),
)

export async function countCirculation(
  trx: Kysely<RecordsDb>,
  cell: { day: string; branch: string; itemType: string; patronCategory: string },
  event: CirculationEvent,
): Promise<void> {
  await addCirculation(trx, {
    id: newId(),
    day: cell.day,
    branch: cell.branch,
    itemType: cell.itemType,
    patronCategory: cell.patronCategory,
    event,
  })
}

export async function countHold(
  trx: Kysely<RecordsDb>,
  cell: { day: string; branch: string },
  event: HoldEvent,
): Promise<void> {
  await trx
    .insertInto('hold_counts')
    .values({ id: newId(), day: cell.day, branch: cell.branch, event, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['day', 'branch', 'event'])
        .doUpdateSet({ count: sql<number>`hold_counts.count + 1` }),
    )
    .execute()
}

/** One circulation event of a loan, counted in the loan's cell (or at another branch). */
export async function countLoanEvent(
  trx: Kysely<RecordsDb>,
  day: string,
  loan: { branch: string; item_type: string; patron_category: string },
  event: CirculationEvent,
): Promise<void> {
  await countCirculation(
    trx,
    { day, branch: loan.branch, itemType: loan.item_type, patronCategory: loan.patron_category },
    event,
  )
}

/** Money: `day` is cut to its month here. */
export async function countMoney(
  trx: Kysely<RecordsDb>,
  day: string,
  kind: string,
  outcome: string,
  cents: number,
): Promise<void> {
  await trx
    .insertInto('fee_counts')
    .values({ id: newId(), month: day.slice(0, 7), kind, outcome, count: 1, cents })
    .onConflict((oc) =>
      oc.columns(['month', 'kind', 'outcome']).doUpdateSet({
        count: sql<number>`fee_counts.count + 1`,
        cents: sql<number>`fee_counts.cents + ${cents}`,
      }),
    )
    .execute()
}

/** A charge taken back (a loss undone): it comes off its month's total, gone at zero. */
export async function uncountCharge(
  trx: Kysely<RecordsDb>,
  day: string,
  kind: string,
  cents: number,
): Promise<void> {
  const month = day.slice(0, 7)
  await trx
    .updateTable('fee_counts')
    .set({
      count: sql<number>`count - 1`,
      cents: sql<number>`cents - ${cents}`,
    })
    .where('month', '=', month)
    .where('kind', '=', kind)
    .where('outcome', '=', 'charged')
    .where('count', '>', 0)
    .execute()
  await trx
    .deleteFrom('fee_counts')
    .where('month', '=', month)
    .where('kind', '=', kind)
    .where('outcome', '=', 'charged')
    .where('count', '=', 0)
    .execute()
}
