import { randomBytes } from 'node:crypto'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import type { NewPatron } from '../../src/patrons/patron.schemas.js'
import { createStaff } from '../../src/staff/staff.service.js'
import type { StaffRole } from '../../src/staff/staff.tables.js'

export const STAFF_PASSWORD = 'correct horse battery'

export async function staffActor(
  ctx: AppContext,
  role: StaffRole,
  username = `${role.replace('_', '-')}-${randomBytes(3).toString('hex')}`,
): Promise<Actor> {
  const staff = await createStaff(ctx, SYSTEM_ACTOR, {
    username,
    displayName: `Test ${role}`,
    password: STAFF_PASSWORD,
    role,
  })
  return { type: 'staff', id: staff.id, role }
}

let seq = 0

/** Random lower-case letters, so a surname built from them is searched exactly as written. */
export function letters(n: number): string {
  return [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('')
}

/** A registration with distinctive values; override any field. */
export function patronInput(overrides: Partial<NewPatron> = {}): NewPatron {
  seq += 1
  // Letters only: a surname search keeps letters alone, so a tag with digits in it
  // would let two patrons' surnames fold to the same search key now and then.
  const tag = letters(6)
  return {
    givenName: `Ottoline${tag}`,
    familyName: `Quillfeather${tag}`,
    address: {
      line1: `${100 + seq} Larkspur Lane`,
      city: 'Thornton',
      region: 'IL',
      postcode: '60476',
    },
    phone: `708-555-${String(1000 + (seq % 9000)).padStart(4, '0')}`,
    email: `ottoline.${tag}@example.org`,
    licenceNumber: `Q${tag.toUpperCase()}${seq}7788`,
    sex: 'F',
    birthDate: '1984-03-09',
    category: 'adult',
    homeBranch: 'main',
    ...overrides,
  }
}
