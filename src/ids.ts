import { randomUUID } from 'node:crypto'

/**
 * Random (version 4) text ids, generated here so both engines store the same portable type.
 * Never time-ordered: an id that outlives its record's purpose must not say when it was made
 * or in what order (design §5, Linkability).
 */
export function newId(): string {
  return randomUUID()
}
