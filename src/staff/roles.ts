import type { Actor } from '../actor.js'
import { forbidden } from '../errors.js'
import type { StaffRole } from './staff.tables.js'

const ALL: readonly StaffRole[] = ['admin', 'privacy_officer', 'librarian', 'circulation']
const DESK: readonly StaffRole[] = ['admin', 'librarian', 'circulation']

/** What each role may do. Services check these, so every adapter gets the same answer. */
export const PERMISSIONS = {
  'patron.read': ALL,
  'patron.register': DESK,
  'patron.update': DESK,
  'patron.export': ['admin', 'privacy_officer'],
  'patron.erase': ['admin', 'privacy_officer'],
  'card.manage': DESK,
  'card.verify': ALL,
  'ledger.read': ALL,
  'ledger.write': DESK,
  'note.read': ALL,
  'note.write': DESK,
  'audit.read': ['admin', 'privacy_officer'],
  'staff.manage': ['admin'],
  'library.manage': ['admin'],
  'sip.manage': ['admin'],
  'legal.manage': ['privacy_officer'],
  'retention.run': ['admin', 'privacy_officer'],
  'jobs.run': ['admin'],
  'catalog.manage': ['admin', 'librarian'],
  'circ.desk': DESK,
  'fees.pay': DESK,
  'fees.waive': ['admin', 'librarian'],
  'requests.manage': DESK,
  'mail.read': ['admin', 'librarian'],
  // Desk staff print the letters for patrons without email; they already read addresses.
  'mail.print': DESK,
  'newsletter.manage': ['admin', 'librarian'],
  'policy.manage': ['admin', 'privacy_officer'],
  'inquiries.manage': ['admin', 'librarian'],
  // Desk staff check a new address against proof of residency, as at registration.
  'address.review': DESK,
  'suggestions.manage': ['admin', 'librarian'],
  // The records officer answers requests for public records (Illinois FOIA).
  'records.manage': ['admin', 'privacy_officer'],
  // Public computers: the registry, rules and device credentials; the desk's acts on sessions,
  // the queue and guest passes; and seeing who is on a computer (most desk staff need not).
  'computers.manage': ['admin'],
  'computers.desk': DESK,
  'computers.names': ['admin', 'librarian'],
  // Counts only (website visits, circulation, the annual report); small cells are hidden.
  'statistics.read': ['admin', 'privacy_officer', 'librarian'],
} as const satisfies Record<string, readonly StaffRole[]>

export type Permission = keyof typeof PERMISSIONS

/** What a SIP2 account (self-check machine, computer manager) may do through Carrel's services. */
export const SIP_PERMISSIONS: readonly Permission[] = [
  'patron.read',
  'card.verify',
  'circ.desk',
  'fees.pay',
  'ledger.read',
]

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.type === 'system') return true
  if (actor.type === 'sip')
    return SIP_PERMISSIONS.includes(permission) || (actor.grants?.includes(permission) ?? false)
  // A patron may check a card and PIN (to sign in, or to change their own PIN); services check ownership.
  if (actor.type === 'patron') return permission === 'card.verify'
  if (actor.type !== 'staff' || actor.role === undefined) return false
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(actor.role)
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission))
    throw forbidden('FORBIDDEN', `Your role may not do this (${permission}).`)
}
