import type { KeystoreDatabase } from '../db/database.js'

export async function insertWrappedKey(
  keys: KeystoreDatabase,
  patronId: string,
  wrapped: string,
  at: string,
): Promise<void> {
  await keys
    .insertInto('patron_keys')
    .values({ patron_id: patronId, wrapped_key: wrapped, created_at: at })
    .execute()
}

export async function findWrappedKey(
  keys: KeystoreDatabase,
  patronId: string,
): Promise<string | undefined> {
  const row = await keys
    .selectFrom('patron_keys')
    .select('wrapped_key')
    .where('patron_id', '=', patronId)
    .executeTakeFirst()
  return row?.wrapped_key
}

export async function findWrappedKeys(
  keys: KeystoreDatabase,
  patronIds: readonly string[],
): Promise<Map<string, string>> {
  if (patronIds.length === 0) return new Map()
  const rows = await keys
    .selectFrom('patron_keys')
    .select(['patron_id', 'wrapped_key'])
    .where('patron_id', 'in', patronIds)
    .execute()
  return new Map(rows.map((r) => [r.patron_id, r.wrapped_key]))
}

export async function deleteWrappedKey(keys: KeystoreDatabase, patronId: string): Promise<boolean> {
  const res = await keys
    .deleteFrom('patron_keys')
    .where('patron_id', '=', patronId)
    .executeTakeFirst()
  return Number(res.numDeletedRows) > 0
}
