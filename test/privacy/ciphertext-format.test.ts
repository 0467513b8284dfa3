// A sealed field (P4) is "v1." and the nonce, ciphertext and tag. Anything else is refused before
// any decryption is tried, with an error that says which: an unknown format, or too short to
// hold a nonce and a tag.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { seal, unseal } from '../../src/privacy/crypto.js'

describe('ciphertext format', () => {
  const key = randomBytes(32)
  const aad = 'p1/given_name_enc'

  it('refuses a value of another version or without a payload as an unknown format', () => {
    const body = seal(key, 'Ottoline', aad).slice(3)
    for (const odd of [`v2.${body}`, body, 'v1', ''])
      expect(() => unseal(key, odd, aad), odd).toThrow(/^Unknown ciphertext format$/)
  })

  it('refuses a payload too short to hold the nonce and the tag as truncated', () => {
    const raw = Buffer.from(seal(key, '', aad).slice(3), 'base64url')
    // An empty plaintext seals to exactly nonce + tag: one byte fewer is truncated.
    expect(unseal(key, `v1.${raw.toString('base64url')}`, aad).toString()).toBe('')
    expect(() => unseal(key, `v1.${raw.subarray(1).toString('base64url')}`, aad)).toThrow(
      /^Truncated ciphertext$/,
    )
    expect(() => unseal(key, 'v1.', aad)).toThrow(/^Truncated ciphertext$/)
  })
})
