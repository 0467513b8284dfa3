/**
 * Per client address. Signing in is the password-guessing surface; the PIN routes already lock
 * each card after a few failures, so their limit is looser and only stops spraying many cards.
 */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const
export const PIN_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const
