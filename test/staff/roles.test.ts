import { describe, expect, it } from 'vitest'
import { can, PERMISSIONS, requirePermission, type Permission } from '../../src/staff/roles.js'

const ALL = Object.keys(PERMISSIONS) as Permission[]

describe('roles', () => {
  it('a staff account with no role may do nothing at all, and is told so with the permission named', () => {
    const roleless = { type: 'staff' as const, id: 'staff-without-role' }
    expect(ALL.filter((p) => can(roleless, p))).toEqual([])
    expect(() => requirePermission(roleless, 'patron.read')).toThrow(
      'Your role may not do this (patron.read).',
    )
  })

  it('a patron may only check a card and PIN; every other permission is refused', () => {
    const patron = { type: 'patron' as const, id: 'p1' }
    expect(ALL.filter((p) => can(patron, p))).toEqual(['card.verify'])
  })
})
