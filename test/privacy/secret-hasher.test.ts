// Staff passwords and patron PINs are checked against Argon2id hashes (P9). A stored value that is
// not such a hash — damaged, truncated, or written by something else — never verifies.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SecretHasher } from '../../src/privacy/hashing.js'

describe('secret hasher', () => {
  const hasher = new SecretHasher(randomBytes(32), { memoryCost: 256, timeCost: 1 })

  it('verifies nothing against a stored value that is not an Argon2 hash', async () => {
    const good = await hasher.hash('correct horse battery')
    expect(await hasher.verify(good, 'correct horse battery')).toBe(true)
    for (const stored of ['', 'not-a-hash', good.slice(0, 30), good.replace('$argon2id$', '$x$')])
      expect(await hasher.verify(stored, 'correct horse battery'), stored).toBe(false)
  })

  it('verifies nothing when there is no account to check, even the secret it hashes for timing', async () => {
    for (const secret of ['correct horse battery', 'carrel-timing-equaliser', ''])
      expect(await hasher.verifyNothing(secret), secret).toBe(false)
  })
})
