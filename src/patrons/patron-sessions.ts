import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'

/**
 * Web sessions end on the server's word: the sealed cookie carries the account's session version
 * from sign-in, and a request whose version is no longer the row's is signed out. Raising the
 * number is one conditional-free increment, so two changes at once can never land on one value.
 */
export async function raisePatronSessionVersion(
  db: Kysely<RecordsDb>,
  patronId: string,
): Promise<void> {
  await db
    .updateTable('patrons')
    .set((eb) => ({ session_version: eb('session_version', '+', 1) }))
    .where('id', '=', patronId)
    .execute()
}

/**
 * The live patron's session version and stored language (read together: every account page
 * needs both); undefined once the registration is erased or gone.
 */
export async function patronSessionState(
  db: Kysely<RecordsDb>,
  patronId: string,
): Promise<{ version: number; language: string | null } | undefined> {
  const row = await db
    .selectFrom('patrons')
    .select(['status', 'session_version', 'language'])
    .where('id', '=', patronId)
    .executeTakeFirst()
  return row === undefined || row.status === 'erased'
    ? undefined
    : { version: row.session_version, language: row.language }
}

/** The session version of a card's holder, read before the PIN is checked (see signInPatron). */
export async function sessionVersionForCard(
  db: Kysely<RecordsDb>,
  barcode: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('cards')
    .innerJoin('patrons', 'patrons.id', 'cards.patron_id')
    .select('patrons.session_version')
    .where('cards.barcode', '=', barcode.trim())
    .executeTakeFirst()
  return row?.session_version
}
