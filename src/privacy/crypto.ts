import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** Keys derived from the master key, one per purpose, so no key does two jobs. */
export interface Keyring {
  /** Wraps per-patron data keys. */
  readonly wrapKey: Buffer
  /** Keys the blind indexes used for exact lookups. */
  readonly indexKey: Buffer
  /** Server-side pepper mixed into every Argon2id hash. */
  readonly pepper: Buffer
  /** Signs staff API credentials. */
  readonly tokenKey: Buffer
  /** Seals the web pages' session cookies and signs their sign-in form tokens. */
  readonly webSession: Buffer
}

export function deriveKeyring(master: Buffer): Keyring {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `carrel/${info}/v1`, 32))
  return Object.freeze({
    wrapKey: derive('wrap-data-keys'),
    indexKey: derive('blind-index'),
    pepper: derive('hash-pepper'),
    tokenKey: derive('staff-token'),
    webSession: derive('web-session'),
  })
}

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/** AES-256-GCM; the AAD binds a ciphertext to its owner and column so it cannot be moved. */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`
}

export function unseal(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, payload] = sealed.split('.', 2)
  if (version !== VERSION || payload === undefined) throw new Error('Unknown ciphertext format')
  const raw = Buffer.from(payload, 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('Truncated ciphertext')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES))
  return Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
    decipher.final(),
  ])
}

/** A keyed blind index: equal inputs give equal digests; the digest reveals nothing without the key. */
export function blindIndex(key: Buffer, kind: string, normalised: string): string {
  return createHmac('sha256', key)
    .update(`${kind}\u0000${normalised}`)
    .digest('base64url')
    .slice(0, 27)
}

export function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

export function newDataKey(): Buffer {
  return randomBytes(32)
}
