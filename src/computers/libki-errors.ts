import { AppError } from '../errors.js'

/**
 * Carrel's refusals in the words Libki's client knows (it shows its own translated message for
 * each). Several map to one Libki code where the client has nothing finer.
 */
const LIBKI_CODES: Record<string, string> = {
  INVALID_CREDENTIALS: 'BAD_LOGIN',
  GUEST_PASS_INVALID: 'BAD_LOGIN',
  INVALID_INPUT: 'BAD_LOGIN',
  // Locked for a while after wrong PINs, or blocked, lost or expired: the account cannot be used.
  CARD_LOCKED: 'ACCOUNT_DISABLED',
  CARD_NOT_USABLE: 'ACCOUNT_DISABLED',
  NO_TIME_LEFT: 'NO_TIME',
  LIBRARY_CLOSED: 'CLOSED',
  ACCOUNT_IN_USE: 'ACCOUNT_IN_USE',
  RESERVED_FOR_OTHER: 'RESERVED_FOR_OTHER',
  // A category rule (children's computers): Libki's nearest is its age limit.
  NOT_ALLOWED: 'AGE_MISMATCH',
  COMPUTER_OUT_OF_SERVICE: 'INVALID_CLIENT',
  // Codes Libki lacks: its client shows "Login Failed: <code>", or the library's own words for the
  // code from the client's settings. A session still runs here (the client restarted, say):
  COMPUTER_IN_USE: 'CLIENT_IN_USE',
  // Too many wrong PINs from this address: wait, as at any other entry point.
  RATE_LIMITED: 'TOO_MANY_ATTEMPTS',
}

/** The Libki error code for a refused login; anything unforeseen reads as a failed login. */
export function libkiErrorCode(err: unknown): string {
  if (err instanceof AppError) return LIBKI_CODES[err.code] ?? 'BAD_LOGIN'
  throw err
}

export const LIBKI_ERROR_CODES = LIBKI_CODES
