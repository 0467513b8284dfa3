import type { Kysely } from 'kysely'

/**
 * Where this records store stands in the erasure journal (src/privacy/erasure-journal.ts): the id
 * of the last entry whose act it holds. A store restored from a backup carries an older mark than
 * the journal's end, which is how Carrel knows to re-apply what was erased since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('erasure_journal_mark')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('entry', 'text', (c) => c.notNull())
    .execute()
}
