export const STAFF_ROLES = ['admin', 'privacy_officer', 'librarian', 'circulation'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export interface StaffTable {
  id: string
  username: string
  display_name: string
  password_hash: string
  role: StaffRole
  active: number
  created_at: string
  updated_at: string
  /** Credentials issued before this (a new password, a role change, switching the account off) stop working. */
  credentials_changed_at: string
  /** Desk (web) sessions issued under an older version are over: sign-out and credential changes raise it. */
  session_version: number
}

export interface StaffTables {
  staff: StaffTable
}
