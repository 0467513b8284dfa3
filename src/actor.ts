import type { ActorType } from './privacy/privacy.tables.js'
import type { StaffRole } from './staff/staff.tables.js'

/** Who is acting: every service call carries one, and the audit log records it. */
export interface Actor {
  type: ActorType
  id: string
  /** Present for staff. */
  role?: StaffRole
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'carrel' }
