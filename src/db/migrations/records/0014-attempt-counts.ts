import type { Kysely } from 'kysely'

/**
 * Wrong secrets counted per network address, per minute, in the records database so that every
 * Carrel process sees the same count. The address is kept only as a keyed digest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addUniqueConstraint('attempt_counts_subject_minute', ['scope', 'subject', 'minute'])
    .execute()
}
