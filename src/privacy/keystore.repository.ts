import type { KeystoreDatabase } from '../db/database.js'
import { precompiled } from '../db/precompiled.js'

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

const wrappedKeyOf = precompiled((keys: KeystoreDatabase, v: { patronId: string }) =>
  keys.selectFrom('patron_keys').select('wrapped_key').where('patron_id', '=', v.patronId),
)

export async function findWrappedKey(
  keys: KeystoreDatabase,
  patronId: string,
): Promise<string | undefined> {
  const {
    rows: [row],
  } = await wrappedKeyOf(keys, { patronId })
  return row?.wrapped_key
}

export async function findWrappedKeys(
  keys: KeystoreDatabase,
  patronIds: readonly string[],
): Promise<Map<string, string>> {
  if (patronIds.length === 0) return new Map()
  const [only] = patronIds
  if (patronIds.length === 1 && only !== undefined) {
    const wrapped = await findWrappedKey(keys, only)
    return new Map(wrapped === undefined ? [] : [[only, wrapped]])
  }
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
