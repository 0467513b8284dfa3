import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'

const MARK_ROW = 1

/** Records that this store now holds the act of journal entry `entry` (call it inside that act's transaction). */
export async function setJournalMark(db: Kysely<RecordsDb>, entry: string): Promise<void> {
  await db
    .insertInto('erasure_journal_mark')
    .values({ id: MARK_ROW, entry })
    .onConflict((oc) => oc.column('id').doUpdateSet({ entry }))
    .execute()
}

/** The id of the last journal entry this store is known to hold, or undefined for none. */
export async function journalMark(db: Kysely<RecordsDb>): Promise<string | undefined> {
  const row = await db
    .selectFrom('erasure_journal_mark')
    .select('entry')
    .where('id', '=', MARK_ROW)
    .executeTakeFirst()
  return row?.entry
}
