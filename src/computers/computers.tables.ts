import type { Generated } from 'kysely'

/** Public computers: set-up (groups, computers, rules) and the day's short-lived state. */

/** A set of computers at one branch that share rules: "adult", "children", "catalog". */
export interface ComputerGroupsTable {
  id: string
  branch: string
  code: string
  name: string
}

export interface ComputersTable {
  id: string
  branch: string
  group_id: string
  name: string
  /** 0 while staff have taken it out of service. */
  in_service: number
  /** SHA-256 of the computer's device credential; the credential itself is shown once. */
  token_hash: string | null
  token_issued_on: string | null
  last_seen_at: string | null
}

/** Time rules per group code and patron category; '*' matches any. */
export interface ComputerRulesTable {
  id: string
  group_code: string
  category: string
  /** 0: this category may not use this group's computers (children's computers, for instance). */
  allowed: number
  daily_minutes: number
  session_minutes: number
  /** Minutes added at the end of a session when nobody waits; 0 for none. */
  extension_minutes: number
}

/** A running session: the only link between a patron (or guest pass) and a computer. */
export interface ComputerSessionsTable {
  id: string
  computer_id: string
  patron_id: string | null
  guest_pass_id: string | null
  category: string
  started_at: string
  ends_at: string
  extensions: number
  lock_code_hash: string | null
  locked_until: string | null
  /** Wrong unlock codes tried while locked; too many end the session. */
  lock_failures: Generated<number>
}

/** Minutes used today, under a keyed hash of the patron or guest pass; the key dies with the day. */
export interface ComputerAllowanceTable {
  day: string
  subject: string
  minutes_used: number
}

export interface ComputerDayKeysTable {
  day: string
  key: string
}

/** The anonymous remainder: counts per day, hour, branch, group and category. */
export interface ComputerUsageCountsTable {
  day: string
  hour: number
  branch: string
  group_code: string
  category: string
  sessions: number
  minutes: number
}

/** A message from staff waiting to be shown on a computer's screen. */
export interface ComputerMessagesTable {
  id: string
  computer_id: string
  body: string
  created_at: string
}

export interface ComputerTables {
  computer_groups: ComputerGroupsTable
  computers: ComputersTable
  computer_rules: ComputerRulesTable
  computer_sessions: ComputerSessionsTable
  computer_allowance: ComputerAllowanceTable
  computer_day_keys: ComputerDayKeysTable
  computer_usage_counts: ComputerUsageCountsTable
  computer_messages: ComputerMessagesTable
}
