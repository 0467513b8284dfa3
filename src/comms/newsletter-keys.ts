import { createHash, hkdfSync, timingSafeEqual, randomBytes } from 'node:crypto'
import type { KeystoreDatabase } from '../db/database.js'
import { blindIndex, hmac, newDataKey, seal, unseal, type Keyring } from '../privacy/crypto.js'
import {
  deleteWrappedKey,
  findWrappedKey,
  findWrappedKeys,
  insertWrappedKey,
} from '../privacy/keystore.repository.js'

/**
 * The keys of the newsletter: each public sign-up's address is sealed under a data key of its
 * own, kept in the key store beside the patrons' keys under an id no patron id can take (patron
 * ids are bare UUIDs). Destroying that key makes every copy of the address unreadable.
 */
export const subscriptionKeyId = (subscriptionId: string): string => `newsletter:${subscriptionId}`

const wrapAad = (keyId: string) => `newsletter-key/${keyId}`
const fieldAad = (subscriptionId: string) => `newsletter/${subscriptionId}/email_enc`

/** A well-formed address: something@domain.tld, no spaces, at most 254 characters. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
export const normaliseNewsletterEmail = (raw: string): string => raw.trim().toLowerCase()
export const isWellFormedEmail = (email: string): boolean =>
  email.length >= 3 && email.length <= 254 && EMAIL.test(email)

/** The keyed digest that finds a public sign-up's address again; the address is not in it. */
export const emailDigest = (keyring: Keyring, normalised: string): string =>
  blindIndex(keyring.indexKey, 'newsletter-email', normalised)

/** Creates a subscription's data key and returns the sealed address. */
export async function sealNewEmail(
  keys: KeystoreDatabase,
  keyring: Keyring,
  subscriptionId: string,
  email: string,
  day: string,
): Promise<string> {
  const dataKey = newDataKey()
  const keyId = subscriptionKeyId(subscriptionId)
  await insertWrappedKey(keys, keyId, seal(keyring.wrapKey, dataKey, wrapAad(keyId)), day)
  return seal(dataKey, email, fieldAad(subscriptionId))
}

/** The addresses of public sign-ups, opened; a subscription whose key is gone is left out. */
export async function openEmails(
  keys: KeystoreDatabase,
  keyring: Keyring,
  rows: readonly { id: string; email_enc: string | null }[],
): Promise<Map<string, string>> {
  const sealed = rows.filter((r) => r.email_enc !== null)
  const wrapped = await findWrappedKeys(
    keys,
    sealed.map((r) => subscriptionKeyId(r.id)),
  )
  const out = new Map<string, string>()
  for (const r of sealed) {
    const keyId = subscriptionKeyId(r.id)
    const w = wrapped.get(keyId)
    if (w === undefined || r.email_enc === null) continue
    const dataKey = unseal(keyring.wrapKey, w, wrapAad(keyId))
    out.set(r.id, unseal(dataKey, r.email_enc, fieldAad(r.id)).toString('utf8'))
  }
  return out
}

export async function hasSubscriptionKey(
  keys: KeystoreDatabase,
  subscriptionId: string,
): Promise<boolean> {
  return (await findWrappedKey(keys, subscriptionKeyId(subscriptionId))) !== undefined
}

export async function destroySubscriptionKey(
  keys: KeystoreDatabase,
  subscriptionId: string,
): Promise<boolean> {
  return deleteWrappedKey(keys, subscriptionKeyId(subscriptionId))
}

/** A confirmation link's token: random; only its hash is stored. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: confirmHash(token) }
}

export const confirmHash = (token: string): string =>
  createHash('sha256').update(`newsletter-confirm\u0000${token}`).digest('base64url')

/** The key unsubscribe links are signed with, derived from the staff-token key for this use only. */
function unsubscribeKey(keyring: Keyring): Buffer {
  return Buffer.from(
    hkdfSync('sha256', keyring.tokenKey, Buffer.alloc(0), 'carrel/newsletter-unsubscribe/v1', 32),
  )
}

const mac = (keyring: Keyring, subscriptionId: string) =>
  hmac(unsubscribeKey(keyring), `unsubscribe\u0000${subscriptionId}`).subarray(0, 18)

/**
 * The unsubscribe link's token: the subscription id and a keyed code made from it, so nothing
 * more is stored and the token of an erased subscription names nothing.
 */
export function unsubscribeToken(keyring: Keyring, subscriptionId: string): string {
  return `${subscriptionId}.${mac(keyring, subscriptionId).toString('base64url')}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The subscription id an unsubscribe token names, or undefined when it is not one of ours. */
export function subscriptionOfToken(keyring: Keyring, token: string): string | undefined {
  if (token.length > 120) return undefined
  const [id, code, ...rest] = token.split('.')
  if (id === undefined || code === undefined || rest.length > 0 || !UUID.test(id)) return undefined
  const given = Buffer.from(code, 'base64url')
  const expected = mac(keyring, id)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  return id
}
