import type { Kysely } from 'kysely'

/**
 * A session version per account: the sealed web cookie carries the version it was issued under,
 * and every signed-in request compares it with the row. Raising the number (sign-out, a PIN or
 * password change, a lost card, a role change) ends every session of that account on every
 * instance at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['patrons', 'staff'])
    await db.schema
      .alterTable(table)
      .addColumn('session_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
}
