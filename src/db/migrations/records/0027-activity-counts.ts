import type { Kysely } from 'kysely'

/**
 * Counts of what else a library reports on (src/reports/activity-counts.ts): patrons registered,
 * questions asked, interlibrary-loan and purchase requests. Cells of a day and a kind of patron,
 * with random ids, written in the act's own transaction; the rows naming people are deleted on
 * their own schedules and these stay (design §5 Linkability).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('patron_category', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('activity_counts_cell')
    .on('activity_counts')
    .columns(['day', 'branch', 'patron_category', 'event'])
    .unique()
    .execute()
}
