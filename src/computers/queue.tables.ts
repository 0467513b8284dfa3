/** The waiting list for public computers and the day's guest passes; nothing here outlives the day. */

export type QueueStatus = 'waiting' | 'called'

/** A place in the waiting list of one branch and computer group, for today only. */
export interface ComputerQueueTable {
  id: string
  branch: string
  group_id: string
  /** Numbered per branch and day from 1; what the display screen shows instead of a name. */
  ticket: number
  /** Null for an anonymous ticket handed out at the desk. */
  patron_id: string | null
  /** The first letter of the given name, sealed under the patron's data key (null: anonymous). */
  initial_enc: string | null
  status: QueueStatus
  /** The computer held for this person once called. */
  called_computer_id: string | null
  call_expires_at: string | null
  joined_on: string
}

export interface ComputerQueueTicketsTable {
  branch: string
  day: string
  last_ticket: number
}

/** A printed guest pass: only a keyed hash of its code is kept, until the branch closes that day. */
export interface GuestPassesTable {
  id: string
  branch: string
  code_hash: string
  valid_on: string
  expires_at: string
}

export interface ComputerQueueTables {
  computer_queue: ComputerQueueTable
  computer_queue_tickets: ComputerQueueTicketsTable
  guest_passes: GuestPassesTable
}
