import { randomInt } from 'node:crypto'

// No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B), so a code read aloud or off a slip is unambiguous.
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679'

/** A pseudonymous pickup code such as "K7M-3QX", shown on slips and the hold shelf instead of a name. */
export function newPickupCode(): string {
  let code = ''
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return `${code.slice(0, 3)}-${code.slice(3)}`
}
