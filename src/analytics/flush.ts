import type { Kysely, Transaction } from 'kysely'
import type { StatisticsDb } from './statistics.tables.js'
import type { Tally } from './tally.js'

/** Rows per statement: well inside both engines' limits on bound parameters. */
const CHUNK = 400

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

/**
 * Writes one tally in one transaction: the raw views inserted, every daily count added to what
 * is already there (an upsert per table). Either all of it lands or none of it does.
 */
export async function writeTally(db: Kysely<StatisticsDb>, tally: Tally): Promise<void> {
  if (tally.isEmpty) return
  await db.transaction().execute(async (trx) => {
    for (const rows of chunks(tally.views))
      await trx.insertInto('page_views').values(rows).execute()
    await upsertTotals(trx, tally)
    await upsertPages(trx, tally)
    for (const rows of chunks([...tally.referrers.rows.values()]))
      await trx
        .insertInto('daily_referrers')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['day', 'site', 'host']).doUpdateSet((eb) => ({
            visits: eb('daily_referrers.visits', '+', eb.ref('excluded.visits')),
          })),
        )
        .execute()
    for (const rows of chunks([...tally.transitions.rows.values()]))
      await trx
        .insertInto('daily_transitions')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['day', 'site', 'from_path', 'to_path']).doUpdateSet((eb) => ({
            count: eb('daily_transitions.count', '+', eb.ref('excluded.count')),
          })),
        )
        .execute()
  })
}

async function upsertTotals(trx: Transaction<StatisticsDb>, tally: Tally): Promise<void> {
  for (const rows of chunks([...tally.totals.rows.values()]))
    await trx
      .insertInto('daily_totals')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['day', 'site']).doUpdateSet((eb) => ({
          views: eb('daily_totals.views', '+', eb.ref('excluded.views')),
          visits: eb('daily_totals.visits', '+', eb.ref('excluded.visits')),
          visitors: eb('daily_totals.visitors', '+', eb.ref('excluded.visitors')),
        })),
      )
      .execute()
}

async function upsertPages(trx: Transaction<StatisticsDb>, tally: Tally): Promise<void> {
  for (const rows of chunks([...tally.pages.rows.values()]))
    await trx
      .insertInto('daily_pages')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['day', 'site', 'path']).doUpdateSet((eb) => ({
          views: eb('daily_pages.views', '+', eb.ref('excluded.views')),
          visits: eb('daily_pages.visits', '+', eb.ref('excluded.visits')),
          entries: eb('daily_pages.entries', '+', eb.ref('excluded.entries')),
          exits: eb('daily_pages.exits', '+', eb.ref('excluded.exits')),
        })),
      )
      .execute()
}
