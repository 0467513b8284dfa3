export interface LegalHoldsTable {
  id: string
  /** A record series (a retention rule id), or null for a hold on one patron. */
  series: string | null
  patron_id: string | null
  reason: string
  placed_by: string
  placed_at: string
  lifted_by: string | null
  lifted_at: string | null
}

/** What a sweep destroyed: counts and dates, never content. */
export interface DisposalRecordsTable {
  id: string
  series: string
  authority: string
  method: string
  count: number
  covered_from: string
  covered_to: string
  ran_at: string
  ran_by: string
}

export interface LegalRequestsTable {
  id: string
  kind: 'court_order' | 'emergency' | 'other'
  status: 'received' | 'approved' | 'refused' | 'released'
  received_at: string
  requester_name: string
  requester_agency: string
  requester_badge: string | null
  requester_contact: string | null
  documents: string
  /** Court, case number and date of an order. */
  order_reference: string | null
  /** Fields (and parts) within the order's scope, or the identifying fields of an emergency release (JSON). */
  scope: string
  /** The statutory conditions attested for an emergency request (JSON). */
  conditions: string | null
  patron_id: string | null
  decided_by: string | null
  decided_at: string | null
  decision_note: string | null
  acknowledgement_signed: number
  judicial_review: number
  released_at: string | null
  released_by: string | null
}

/** The last erasure-journal entry whose act this records store holds (one row). */
export interface ErasureJournalMarkTable {
  id: number
  entry: string
}

export interface RetentionTables {
  erasure_journal_mark: ErasureJournalMarkTable
  legal_holds: LegalHoldsTable
  disposal_records: DisposalRecordsTable
  legal_requests: LegalRequestsTable
}
