import type { KeystoreDatabase } from '../db/database.js'
import { newDataKey, seal, unseal, type Keyring } from './crypto.js'
import {
  deleteWrappedKey,
  findWrappedKey,
  findWrappedKeys,
  insertWrappedKey,
} from './keystore.repository.js'

/**
 * A patron's data key, unwrapped. Personal fields are sealed under it with the patron id and
 * column as associated data; destroying the wrapped key in the key store makes every copy of
 * those ciphertexts unreadable.
 */
export class PatronCipher {
  constructor(
    readonly patronId: string,
    private readonly dataKey: Buffer,
  ) {}

  encrypt(column: string, value: string): string
  encrypt(column: string, value: string | null | undefined): string | null
  encrypt(column: string, value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null
    return seal(this.dataKey, value, `${this.patronId}/${column}`)
  }

  decrypt(column: string, sealed: string | null): string | null {
    if (sealed === null) return null
    return unseal(this.dataKey, sealed, `${this.patronId}/${column}`).toString('utf8')
  }
}

const wrapAad = (patronId: string) => `patron-key/${patronId}`

/** Creates and stores a new data key for a patron. */
export async function createPatronCipher(
  keys: KeystoreDatabase,
  keyring: Keyring,
  patronId: string,
  at: string,
): Promise<PatronCipher> {
  const dataKey = newDataKey()
  await insertWrappedKey(keys, patronId, seal(keyring.wrapKey, dataKey, wrapAad(patronId)), at)
  return new PatronCipher(patronId, dataKey)
}

/** The patron's cipher, or undefined once the key has been destroyed. */
export async function loadPatronCipher(
  keys: KeystoreDatabase,
  keyring: Keyring,
  patronId: string,
): Promise<PatronCipher | undefined> {
  const wrapped = await findWrappedKey(keys, patronId)
  return wrapped === undefined ? undefined : unwrap(keyring, patronId, wrapped)
}

export async function loadPatronCiphers(
  keys: KeystoreDatabase,
  keyring: Keyring,
  patronIds: readonly string[],
): Promise<Map<string, PatronCipher>> {
  const wrapped = await findWrappedKeys(keys, patronIds)
  return new Map([...wrapped].map(([id, w]) => [id, unwrap(keyring, id, w)]))
}

export async function destroyPatronKey(keys: KeystoreDatabase, patronId: string): Promise<boolean> {
  return deleteWrappedKey(keys, patronId)
}

function unwrap(keyring: Keyring, patronId: string, wrapped: string): PatronCipher {
  return new PatronCipher(patronId, unseal(keyring.wrapKey, wrapped, wrapAad(patronId)))
}

/**
 * Whether this process's master key opens the key store: one wrapped data key, any, unwraps.
 * An empty key store opens with any key. Nothing is decrypted beyond that key, which is dropped.
 */
export async function keyStoreOpens(keys: KeystoreDatabase, keyring: Keyring): Promise<boolean> {
  const row = await keys
    .selectFrom('patron_keys')
    .select(['patron_id', 'wrapped_key'])
    .limit(1)
    .executeTakeFirst()
  if (row === undefined) return true
  try {
    unwrap(keyring, row.patron_id, row.wrapped_key)
    return true
  } catch {
    return false
  }
}
