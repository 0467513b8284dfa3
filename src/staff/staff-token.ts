import { timingSafeEqual } from 'node:crypto'
import { hmac } from '../privacy/crypto.js'

/**
 * A stateless staff credential: base64url(payload).base64url(HMAC). Nothing is kept on the
 * server; the account is still checked on every use, so switching it off takes effect at once.
 */
export interface TokenPayload {
  sub: string
  /** Issued at, in ms; credentials issued before the account's last credential change are refused. */
  iat: number
  exp: number
}

export function signToken(key: Buffer, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${hmac(key, body).toString('base64url')}`
}

export function readToken(key: Buffer, token: string, nowMs: number): TokenPayload | undefined {
  const [body, sig] = token.split('.')
  if (body === undefined || sig === undefined) return undefined
  const expected = hmac(key, body)
  const given = Buffer.from(sig, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  try {
    const payload = JSON.parse(
      Buffer.from(body, 'base64url').toString('utf8'),
    ) as Partial<TokenPayload>
    const { sub, iat, exp } = payload
    if (
      typeof sub !== 'string' ||
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      exp <= nowMs
    )
      return undefined
    return { sub, iat, exp }
  } catch {
    return undefined
  }
}
