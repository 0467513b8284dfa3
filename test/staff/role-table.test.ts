import { describe, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { can, PERMISSIONS, requirePermission, type Permission } from '../../src/staff/roles.js'
import type { StaffRole } from '../../src/staff/staff.tables.js'

// Who may do what, written out a second time on purpose: a change to the role table in
// src/staff/roles.ts has to be made here too, so no permission is widened or lost by accident.
// A = admin, P = privacy officer, L = librarian, C = circulation.
const EXPECTED: Record<Permission, string> = {
  'patron.read': 'APLC',
  'patron.register': 'A LC',
  'patron.update': 'A LC',
  'patron.export': 'AP  ',
  'patron.erase': 'AP  ',
  'card.manage': 'A LC',
  'card.verify': 'APLC',
  'ledger.read': 'APLC',
  'ledger.write': 'A LC',
  'note.read': 'APLC',
  'note.write': 'A LC',
  'audit.read': 'AP  ',
  'staff.manage': 'A   ',
  'library.manage': 'A   ',
  'sip.manage': 'A   ',
  'legal.manage': ' P  ',
  'retention.run': 'AP  ',
  'jobs.run': 'A   ',
  'catalog.manage': 'A L ',
  'circ.desk': 'A LC',
  'fees.pay': 'A LC',
  'fees.waive': 'A L ',
  'requests.manage': 'A LC',
  'mail.read': 'A L ',
  'mail.print': 'A LC',
  'newsletter.manage': 'A L ',
  'policy.manage': 'AP  ',
  'inquiries.manage': 'A L ',
  'address.review': 'A LC',
  'suggestions.manage': 'A L ',
  'records.manage': 'AP  ',
  'computers.manage': 'A   ',
  'computers.desk': 'A LC',
  'computers.names': 'A L ',
  'statistics.read': 'APL ',
}

const ROLES: [StaffRole, string][] = [
  ['admin', 'A'],
  ['privacy_officer', 'P'],
  ['librarian', 'L'],
  ['circulation', 'C'],
]

/** What a self-check machine or computer manager signed in over SIP2 may do, and nothing more. */
const SIP_MAY = new Set<Permission>([
  'patron.read',
  'card.verify',
  'circ.desk',
  'fees.pay',
  'ledger.read',
])

const permissions = Object.keys(EXPECTED) as Permission[]

describe('the role table', () => {
  it('names exactly the permissions the services check', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...permissions].sort())
  })

  for (const [role, letter] of ROLES) {
    it(`gives ${role} exactly its permissions`, () => {
      const actor: Actor = { type: 'staff', id: `staff-${role}`, role }
      const granted = permissions.filter((p) => can(actor, p))
      expect(granted).toEqual(permissions.filter((p) => EXPECTED[p].includes(letter)))
    })
  }

  it('gives a SIP2 account only what a self-check machine needs', () => {
    const sip: Actor = { type: 'sip', id: 'sip-account' }
    expect(permissions.filter((p) => can(sip, p))).toEqual(
      permissions.filter((p) => SIP_MAY.has(p)),
    )
  })

  it('lets a patron only check a card and PIN, and a staff account without a role nothing', () => {
    const patron: Actor = { type: 'patron', id: 'patron-id' }
    expect(permissions.filter((p) => can(patron, p))).toEqual(['card.verify'])
    const roleless: Actor = { type: 'staff', id: 'staff-without-role' }
    expect(permissions.filter((p) => can(roleless, p))).toEqual([])
  })

  it('lets the system itself (jobs, the sweep) do everything', () => {
    const system: Actor = { type: 'system', id: 'system' }
    expect(permissions.every((p) => can(system, p))).toBe(true)
  })

  it('refuses with FORBIDDEN and names the permission that was missing', () => {
    const desk: Actor = { type: 'staff', id: 'staff-desk', role: 'circulation' }
    expect(() => requirePermission(desk, 'patron.erase')).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'Your role may not do this (patron.erase).',
      }),
    )
    expect(() => requirePermission(desk, 'circ.desk')).not.toThrow()
  })
})
