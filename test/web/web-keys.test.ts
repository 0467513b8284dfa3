import { hkdfSync } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { checkFormToken, formToken, refuseCrossSitePosts, webKeys } from '../../src/web/security.js'

const WINDOW = 20 * 60_000

describe('web keys and form tokens', () => {
  it('derives the cookie and form keys from the web-session key under their own fixed labels, so they stay the same across restarts', () => {
    const webSession = Buffer.alloc(32, 7)
    const keys = webKeys({ keyring: { webSession } } as unknown as AppContext)
    const expected = (label: string) =>
      Buffer.from(hkdfSync('sha256', webSession, Buffer.alloc(0), `carrel/web/${label}`, 32))
    expect(keys.account.equals(expected('account-cookie'))).toBe(true)
    expect(keys.staff.equals(expected('staff-cookie'))).toBe(true)
    expect(keys.form.equals(expected('form'))).toBe(true)
  })

  it('accepts a sign-in form token for its own window and the one before, never an older one', () => {
    const key = Buffer.alloc(32, 3)
    const issued = 1_000 * WINDOW + 5
    const token = formToken(key, 'account-sign-in', issued)
    expect(checkFormToken(key, 'account-sign-in', token, issued)).toBe(true)
    expect(checkFormToken(key, 'account-sign-in', token, issued + WINDOW)).toBe(true)
    expect(checkFormToken(key, 'account-sign-in', token, issued + 2 * WINDOW)).toBe(false)
    expect(checkFormToken(key, 'account-sign-in', token, issued - WINDOW)).toBe(false)
    expect(checkFormToken(key, 'staff-sign-in', token, issued)).toBe(false)
  })

  it('refuses a post from another site with a stable code and a sentence saying why', () => {
    let refusal: unknown
    refuseCrossSitePosts(
      { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } } as FastifyRequest,
      {} as FastifyReply,
      (err) => {
        refusal = err
      },
    )
    expect(refusal).toMatchObject({
      code: 'CROSS_SITE_POST',
      message: 'This form was sent from another site, so it was refused.',
    })
  })
})
