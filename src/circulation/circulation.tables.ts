import type { Generated } from 'kysely'
import type { NoticeOutboxTable } from '../comms/outbox.tables.js'
export type HoldStatus = 'queued' | 'in_transit' | 'ready' | 'fulfilled' | 'cancelled' | 'expired'
export type FeeKind = 'overdue' | 'lost'
export type FeeStatus = 'accruing' | 'open' | 'paid' | 'waived'

/**
 * A loan. It exists while the item is out, while something on it is owed, or while the patron
 * keeps a reading history; then it is deleted. What statistics need was counted when it happened
 * (CirculationCountsTable), so nothing of the loan outlives its purpose.
 */
export interface LoansTable {
  id: string
  item_id: string
  record_id: string
  item_type: string
  branch: string
  patron_category: string
  patron_id: string | null
  checked_out_at: string
  due_at: string
  returned_at: string | null
  renewals: number
  /** How far this loan's notices have gone: 0 none, 1 courtesy, 2 first overdue, 3 second. */
  notice_stage: Generated<number>
}

export interface HoldsTable {
  id: string
  record_id: string
  /** Removed when the hold is fulfilled, cancelled or expires. */
  patron_id: string | null
  pickup_branch: string
  status: HoldStatus
  placed_at: string
  suspended_until: string | null
  item_id: string | null
  pickup_code: string | null
  ready_at: string | null
  expires_on: string | null
  closed_at: string | null
}

export interface FeesTable {
  id: string
  patron_id: string
  kind: FeeKind
  status: FeeStatus
  amount_cents: number
  outstanding_cents: number
  /** A fee exists while it is owed; settling it deletes it (its amount joins the month's totals). */
  loan_id: string | null
  item_id: string | null
  created_at: string
}

export interface FeePaymentsTable {
  id: string
  patron_id: string
  kind: 'payment' | 'waiver'
  amount_cents: number
  /** cash, cheque, card_terminal, online — never card data. */
  method: string | null
  reference: string | null
  reason: string | null
  staff_id: string | null
  created_at: string
}

export interface PatronRequestsTable {
  id: string
  patron_id: string
  kind: 'purchase' | 'interlibrary_loan'
  status: string
  title_enc: string
  author_enc: string | null
  note_enc: string | null
  created_at: string
  updated_at: string
}

/** The notice outbox is owned by comms/, which delivers it; circulation and retention fill it. */
export type { NoticeOutboxTable } from '../comms/outbox.tables.js'

export type CirculationEvent = 'checkout' | 'renewal' | 'checkin' | 'lost'
export type HoldEvent = 'placed' | 'ready' | 'fulfilled' | 'cancelled' | 'expired'

/** Anonymous daily counts of circulation: no id, time, order or amount of any one loan. */
export interface CirculationCountsTable {
  id: string
  /** Local calendar date. */
  day: string
  branch: string
  item_type: string
  patron_category: string
  event: CirculationEvent
  count: number
}

/** Anonymous daily counts of hold events per pickup branch. */
export interface HoldCountsTable {
  id: string
  day: string
  branch: string
  event: HoldEvent
  count: number
}

/**
 * Anonymous monthly money totals: settled fees by kind (overdue, lost) and outcome (paid,
 * waived); payments by method and waivers (kind payment or waiver).
 */
export interface FeeCountsTable {
  id: string
  /** YYYY-MM in the library's time zone. */
  month: string
  kind: string
  outcome: string
  count: number
  cents: number
}

export interface CirculationTables {
  circulation_counts: CirculationCountsTable
  hold_counts: HoldCountsTable
  fee_counts: FeeCountsTable
  loans: LoansTable
  holds: HoldsTable
  fees: FeesTable
  fee_payments: FeePaymentsTable
  patron_requests: PatronRequestsTable
  notice_outbox: NoticeOutboxTable
}
