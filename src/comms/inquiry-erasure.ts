import type { Kysely } from 'kysely'
import type { KeystoreDatabase } from '../db/database.js'
import type { RecordsDb } from '../db/schema.js'
import { destroyInquiryKeys } from './inquiry-keys.js'
import { forgetMaildrop } from './newsletter-store.js'

/**
 * Erases inquiries: the keys of public ones first (crypto-shredding: no copy of the question or
 * the address, in a backup or a freed page, can be read again), then their replies and the rows,
 * then any copy of a reply to a public inquiry left in the maildrop (named by the inquiry's id).
 */
export async function eraseInquiryRows(
  db: Kysely<RecordsDb>,
  keys: KeystoreDatabase | undefined,
  dataDir: string | undefined,
  rows: readonly { id: string; patron_id: string | null }[],
): Promise<void> {
  if (rows.length === 0) return
  const publicIds = rows.filter((r) => r.patron_id === null).map((r) => r.id)
  if (keys !== undefined) await destroyInquiryKeys(keys, publicIds)
  const ids = rows.map((r) => r.id)
  await db.deleteFrom('inquiry_replies').where('inquiry_id', 'in', ids).execute()
  await db.deleteFrom('inquiries').where('id', 'in', ids).execute()
  forgetMaildrop(dataDir, publicIds)
}

/** A patron's inquiries and address changes, in the erasure's own transaction (their key goes too). */
export async function deletePatronInquiries(
  trx: Kysely<RecordsDb>,
  patronId: string,
): Promise<void> {
  const rows = await trx
    .selectFrom('inquiries')
    .select(['id', 'patron_id'])
    .where('patron_id', '=', patronId)
    .execute()
  await eraseInquiryRows(trx, undefined, undefined, rows)
}
