/** 'sip' is a self-check or computer-manager account talking SIP2. */
export type ActorType = 'staff' | 'system' | 'patron' | 'sip'

export interface AuditLogTable {
  /** The log's one increasing order (for listing and paging); unique, not contiguous on PostgreSQL. */
  seq: number
  /** Which of the chains written side by side holds the entry. */
  chain: number
  /** The entry's place in its chain: 1, 2, 3… with no gaps. */
  chain_seq: number
  at: string
  actor_type: ActorType
  actor_id: string
  action: string
  patron_id: string | null
  detail: string
  prev_hash: string
  hash: string
}

/** Wrong secrets from one network address (a keyed digest of it) in one minute. */
export interface AttemptCountsTable {
  id: string
  scope: string
  subject: string
  /** The minute counted, as an ISO-8601 UTC string cut to the minute. */
  minute: string
  hits: number
}

/** Each audit chain's newest entry, kept apart from the entries the retention sweep deletes. */
export interface AuditChainsTable {
  chain: number
  chain_seq: number
  hash: string
}

export interface PrivacyTables {
  audit_log: AuditLogTable
  audit_chains: AuditChainsTable
  attempt_counts: AttemptCountsTable
}

/** The key store is a database of its own: wrapped per-patron data keys. */
export interface PatronKeysTable {
  patron_id: string
  wrapped_key: string
  created_at: string
}

export interface KeystoreDb {
  patron_keys: PatronKeysTable
}
