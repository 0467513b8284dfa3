import { v7 } from 'uuid'

/** Time-ordered text ids, generated here so both engines store the same portable type. */
export function newId(): string {
  return v7()
}
