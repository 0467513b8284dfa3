export type HoldStatus = 'queued' | 'in_transit' | 'ready' | 'fulfilled' | 'cancelled' | 'expired'
export type FeeKind = 'overdue' | 'lost'
export type FeeStatus = 'accruing' | 'open' | 'paid' | 'waived'

/**
 * A loan. While it is out, or while something on it is owed, it names the patron; after that it
 * keeps only what statistics need (item, record, item type, branch, patron category, dates).
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
  /** Both removed once the fee is settled: a settled fine keeps amount, date and kind only. */
  loan_id: string | null
  item_id: string | null
  created_at: string
  settled_at: string | null
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

/** A notice waiting to be sent; the notices issue drains it. */
export interface NoticeOutboxTable {
  id: string
  patron_id: string
  kind: string
  payload: string
  created_at: string
  sent_at: string | null
}

export interface CirculationTables {
  loans: LoansTable
  holds: HoldsTable
  fees: FeesTable
  fee_payments: FeePaymentsTable
  patron_requests: PatronRequestsTable
  notice_outbox: NoticeOutboxTable
}
