import type { KeystoreDatabase } from '../db/database.js'
import { newDataKey, seal, unseal, type Keyring } from '../privacy/crypto.js'
import {
  deleteWrappedKey,
  findWrappedKeys,
  insertWrappedKey,
} from '../privacy/keystore.repository.js'

/**
 * The keys of public records that hold someone's contact details: each suggestion and each
 * records request has a data key of its own in the key store, under an id no patron id can take
 * (patron ids are bare UUIDs). Destroying the key at disposal makes every copy of the details
 * unreadable, backups included.
 */
export type RecordKind = 'suggestion' | 'records-request'

export const recordKeyId = (kind: RecordKind, id: string): string => `${kind}:${id}`

const wrapAad = (keyId: string) => `record-key/${keyId}`
const fieldAad = (kind: RecordKind, id: string, column: string) => `${kind}/${id}/${column}`

/** Makes the record's data key and seals each given field; absent fields stay null. */
export async function sealNewRecord<C extends string>(
  keys: KeystoreDatabase,
  keyring: Keyring,
  kind: RecordKind,
  id: string,
  fields: Record<C, string | undefined>,
  day: string,
): Promise<Record<C, string | null>> {
  const dataKey = newDataKey()
  const keyId = recordKeyId(kind, id)
  await insertWrappedKey(keys, keyId, seal(keyring.wrapKey, dataKey, wrapAad(keyId)), day)
  return Object.fromEntries(
    Object.entries<string | undefined>(fields).map(([column, value]) => [
      column,
      value === undefined ? null : seal(dataKey, value, fieldAad(kind, id, column)),
    ]),
  ) as Record<C, string | null>
}

/** Opens the sealed fields of many records; a record whose key is gone gets nothing. */
export async function openRecords<C extends string>(
  keys: KeystoreDatabase,
  keyring: Keyring,
  kind: RecordKind,
  rows: readonly ({ id: string } & Record<C, string | null>)[],
  columns: readonly C[],
): Promise<Map<string, Partial<Record<C, string>>>> {
  const wrapped = await findWrappedKeys(
    keys,
    rows.map((r) => recordKeyId(kind, r.id)),
  )
  const out = new Map<string, Partial<Record<C, string>>>()
  for (const r of rows) {
    const keyId = recordKeyId(kind, r.id)
    const w = wrapped.get(keyId)
    const opened: Partial<Record<C, string>> = {}
    if (w !== undefined) {
      const dataKey = unseal(keyring.wrapKey, w, wrapAad(keyId))
      for (const c of columns) {
        const sealed = r[c]
        if (sealed !== null)
          opened[c] = unseal(dataKey, sealed, fieldAad(kind, r.id, c)).toString('utf8')
      }
    }
    out.set(r.id, opened)
  }
  return out
}

export const destroyRecordKey = (
  keys: KeystoreDatabase,
  kind: RecordKind,
  id: string,
): Promise<boolean> => deleteWrappedKey(keys, recordKeyId(kind, id))
