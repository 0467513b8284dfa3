import { sql, type Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { newId } from '../ids.js'
import type { ActivityEvent } from './activity.tables.js'

/**
 * Counted inside the transaction of the act itself, so a refused act counts nothing; the cell is
 * a day and a kind of patron, like circulation_counts (src/circulation/counts.ts).
 */
export async function countActivity(
  trx: Kysely<RecordsDb>,
  cell: { day: string; branch: string; patronCategory: string },
  event: ActivityEvent,
): Promise<void> {
  await trx
    .insertInto('activity_counts')
    .values({
      id: newId(),
      day: cell.day,
      branch: cell.branch,
      patron_category: cell.patronCategory,
      event,
      count: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['day', 'branch', 'patron_category', 'event'])
        .doUpdateSet({ count: sql<number>`activity_counts.count + 1` }),
    )
    .execute()
}
