import type { KeystoreDatabase } from '../db/database.js'
import { newDataKey, seal, unseal, type Keyring } from '../privacy/crypto.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import {
  deleteWrappedKey,
  findWrappedKeys,
  insertWrappedKey,
} from '../privacy/keystore.repository.js'

/** Seals and opens one inquiry's fields, whichever key it is under. */
export interface InquirySealer {
  encrypt(column: string, value: string): string
  decrypt(column: string, sealed: string | null): string | null
}

/**
 * The key of an inquiry sent by someone not signed in: a data key of its own in the key store,
 * under an id no patron id can take (patron ids are bare UUIDs). Destroying it makes every copy
 * of the question, name, address and replies unreadable.
 */
export const inquiryKeyId = (inquiryId: string): string => `inquiry:${inquiryId}`
const wrapAad = (keyId: string) => `inquiry-key/${keyId}`

class OwnKeySealer implements InquirySealer {
  constructor(
    private readonly inquiryId: string,
    private readonly dataKey: Buffer,
  ) {}
  encrypt(column: string, value: string): string {
    return seal(this.dataKey, value, `inquiry/${this.inquiryId}/${column}`)
  }
  decrypt(column: string, sealed: string | null): string | null {
    if (sealed === null) return null
    return unseal(this.dataKey, sealed, `inquiry/${this.inquiryId}/${column}`).toString('utf8')
  }
}

/** Creates a public inquiry's key (in the key store) and returns its sealer. */
export async function newInquiryKey(
  keys: KeystoreDatabase,
  keyring: Keyring,
  inquiryId: string,
  day: string,
): Promise<InquirySealer> {
  const dataKey = newDataKey()
  const keyId = inquiryKeyId(inquiryId)
  await insertWrappedKey(keys, keyId, seal(keyring.wrapKey, dataKey, wrapAad(keyId)), day)
  return new OwnKeySealer(inquiryId, dataKey)
}

export async function destroyInquiryKeys(
  keys: KeystoreDatabase,
  inquiryIds: readonly string[],
): Promise<void> {
  for (const id of inquiryIds) await deleteWrappedKey(keys, inquiryKeyId(id))
}

/**
 * The sealers of some inquiries, by inquiry id: the patron's key for a patron's inquiry, the
 * inquiry's own key otherwise. An inquiry whose key is gone (erased) is left out.
 */
export async function sealersOf(
  keys: KeystoreDatabase,
  keyring: Keyring,
  rows: readonly { id: string; patron_id: string | null }[],
): Promise<Map<string, InquirySealer>> {
  const patronIds = [...new Set(rows.flatMap((r) => (r.patron_id === null ? [] : [r.patron_id])))]
  const publicIds = rows.filter((r) => r.patron_id === null).map((r) => inquiryKeyId(r.id))
  const [patrons, wrapped] = await Promise.all([
    loadPatronCiphers(keys, keyring, patronIds),
    findWrappedKeys(keys, publicIds),
  ])
  const out = new Map<string, InquirySealer>()
  for (const r of rows) {
    if (r.patron_id !== null) {
      const c = patrons.get(r.patron_id)
      if (c !== undefined)
        out.set(r.id, {
          encrypt: (column, value) => c.encrypt(column, value),
          decrypt: (column, sealed) => c.decrypt(column, sealed),
        })
      continue
    }
    const keyId = inquiryKeyId(r.id)
    const w = wrapped.get(keyId)
    if (w !== undefined)
      out.set(r.id, new OwnKeySealer(r.id, unseal(keyring.wrapKey, w, wrapAad(keyId))))
  }
  return out
}
