export type PatronStatus = 'active' | 'erased'
export type CardStatus = 'active' | 'lost' | 'expired' | 'replaced'
export type LookupKind = 'email' | 'phone' | 'licence' | 'surname' | 'surname_prefix'

/** Personal columns hold ciphertext only (see privacy/field-cipher.ts). */
export interface PatronsTable {
  id: string
  status: PatronStatus
  category: string
  home_branch: string
  expires_on: string
  given_name_enc: string | null
  family_name_enc: string | null
  address_enc: string | null
  phone_enc: string | null
  email_enc: string | null
  licence_number_enc: string | null
  sex_enc: string | null
  birth_date_enc: string | null
  notify_notices: number
  notify_newsletter: number
  notify_policy_changes: number
  /** The patron chose to keep a reading history (off by default). */
  keep_history: number
  created_at: string
  updated_at: string
  erased_at: string | null
  /** When the patron was told their lapsed registration is due to be erased. */
  erasure_warned_at: string | null
  /** Web sessions issued under an older version are over (sign-out, PIN change, lost card). */
  session_version: number
  /** The language chosen for the library's pages (`en`, `es`); null follows the browser. */
  language: string | null
  /** The patron chose to have titles named in their notices (P10; off by default). */
  notice_titles: number
  /** Optional notice types the patron turned off, comma-separated; null: none. */
  notices_declined: string | null
  /** The expiry date a card-expiring notice was queued for (one notice per expiry date). */
  card_expiry_noticed: string | null
  /** The lapsed-registration warning reached the patron (or their letter); erasure waits for it. */
  erasure_warning_delivered: number
  /** The policy version in force when the patron registered; null if none was published yet. */
  policy_version: number | null
}

/** Keyed blind indexes: HMAC digests of normalised values, never the values. */
export interface PatronLookupTable {
  patron_id: string
  kind: LookupKind
  digest: string
}

export interface CardsTable {
  id: string
  patron_id: string
  barcode: string
  pin_hash: string | null
  status: CardStatus
  issued_at: string
  status_changed_at: string
  replaced_by: string | null
}

export interface PinFailuresTable {
  id: string
  subject: string
  failed_at: string
}

export interface CardLedgerTable {
  id: string
  patron_id: string
  amount_cents: number
  reason: string
  /** Null when the system made the entry (an import, a scheduled job). */
  staff_id: string | null
  created_at: string
}

export interface AccountNotesTable {
  id: string
  patron_id: string
  body_enc: string
  author_staff_id: string | null
  created_at: string
}

export interface PatronTables {
  patrons: PatronsTable
  patron_lookup: PatronLookupTable
  cards: CardsTable
  pin_failures: PinFailuresTable
  card_ledger: CardLedgerTable
  account_notes: AccountNotesTable
}
