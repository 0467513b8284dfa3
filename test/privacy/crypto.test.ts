import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { blindIndex, deriveKeyring, seal, unseal } from '../../src/privacy/crypto.js'
import { readToken, signToken } from '../../src/staff/staff-token.js'

describe('field encryption', () => {
  const key = randomBytes(32)
  it('round-trips and never repeats a ciphertext', () => {
    const a = seal(key, 'Ottoline', 'p1/given_name_enc')
    expect(a).not.toContain('Ottoline')
    expect(seal(key, 'Ottoline', 'p1/given_name_enc')).not.toBe(a)
    expect(unseal(key, a, 'p1/given_name_enc').toString()).toBe('Ottoline')
  })

  it('refuses a ciphertext moved to another patron or column, or altered', () => {
    const a = seal(key, 'Ottoline', 'p1/given_name_enc')
    expect(() => unseal(key, a, 'p2/given_name_enc')).toThrow()
    expect(() => unseal(key, a, 'p1/family_name_enc')).toThrow()
    const raw = Buffer.from(a.slice(3), 'base64url')
    raw[14] = (raw[14] ?? 0) ^ 1
    expect(() => unseal(key, `v1.${raw.toString('base64url')}`, 'p1/given_name_enc')).toThrow()
    expect(() => unseal(randomBytes(32), a, 'p1/given_name_enc')).toThrow()
  })

  it('derives distinct keys per purpose, and blind indexes that depend on the key', () => {
    const ring = deriveKeyring(randomBytes(32))
    const keys = [ring.wrapKey, ring.indexKey, ring.pepper, ring.tokenKey].map((k) =>
      k.toString('hex'),
    )
    expect(new Set(keys).size).toBe(4)
    expect(blindIndex(ring.indexKey, 'email', 'a@b.org')).toBe(
      blindIndex(ring.indexKey, 'email', 'a@b.org'),
    )
    expect(blindIndex(ring.indexKey, 'email', 'a@b.org')).not.toBe(
      blindIndex(ring.indexKey, 'phone', 'a@b.org'),
    )
    expect(blindIndex(ring.indexKey, 'email', 'a@b.org')).not.toBe(
      blindIndex(randomBytes(32), 'email', 'a@b.org'),
    )
  })
})

describe('staff credential', () => {
  const key = randomBytes(32)
  it('accepts its own signature until it expires', () => {
    const t = signToken(key, { sub: 's1', iat: 1000, exp: 2000 })
    expect(readToken(key, t, 1999)).toEqual({ sub: 's1', iat: 1000, exp: 2000 })
    expect(readToken(key, t, 2000)).toBeUndefined()
  })
  it('rejects a forged or altered one', () => {
    const t = signToken(key, { sub: 's1', iat: 1000, exp: 2000 })
    const [, sig] = t.split('.')
    const forged = `${Buffer.from(JSON.stringify({ sub: 'admin', iat: 0, exp: 9e15 })).toString('base64url')}.${sig}`
    expect(readToken(key, forged, 0)).toBeUndefined()
    expect(readToken(randomBytes(32), t, 0)).toBeUndefined()
    expect(readToken(key, 'garbage', 0)).toBeUndefined()
  })
})
