import type { ActorType } from './privacy/privacy.tables.js'
import type { Permission } from './staff/roles.js'
import type { StaffRole } from './staff/staff.tables.js'

/** Who is acting: every service call carries one, and the audit log records it. */
export interface Actor {
  type: ActorType
  id: string
  /** Present for staff. */
  role?: StaffRole
  /** For a SIP account only: permissions an administrator granted beyond SIP_PERMISSIONS. */
  grants?: readonly Permission[]
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'carrel' }

/** The staff id to record as author, or null for the system. */
export function staffIdOf(actor: Actor): string | null {
  return actor.type === 'staff' ? actor.id : null
}
