import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkFormToken, formToken } from '../../src/web/security.js'

const key = randomBytes(32)
const NOW = Date.UTC(2026, 0, 15, 10, 0, 0)

describe('sign-in form tokens', () => {
  it('accepts a token for its own form in the current or previous 20-minute window only', () => {
    const token = formToken(key, 'account-sign-in', NOW)
    expect(checkFormToken(key, 'account-sign-in', token, NOW)).toBe(true)
    expect(checkFormToken(key, 'account-sign-in', token, NOW + 20 * 60_000)).toBe(true)
    expect(checkFormToken(key, 'account-sign-in', token, NOW + 40 * 60_000)).toBe(false)
    expect(checkFormToken(key, 'staff-sign-in', token, NOW)).toBe(false)
  })

  it('refuses a token whose window is not a plain number, or that has no signature, before checking any signature', () => {
    const [window = '', sig = ''] = formToken(key, 'account-sign-in', NOW).split('.')
    for (const bad of [
      `${window}x.${sig}`,
      `+${window}.${sig}`,
      `${window.padStart(13, '0')}.${sig}`,
      `.${sig}`,
      window,
      '',
      undefined,
      42,
    ])
      expect(checkFormToken(key, 'account-sign-in', bad, NOW), String(bad)).toBe(false)
  })
})
