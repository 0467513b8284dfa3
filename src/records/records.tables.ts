export type SuggestionStatus = 'new' | 'answered' | 'closed'

/**
 * A general suggestion or comment sent through the public form (P11). A public record, kept
 * apart from borrower records: no column names a patron, even when the sender has a card. The
 * sender's name and contact, if given, are sealed under a data key of the suggestion's own in the
 * key store (`suggestion:<id>`), destroyed at disposal. Days only, never times.
 */
export interface SuggestionsTable {
  id: string
  /** What was sent, as typed (capped in the service). */
  message: string
  /** 'en' or 'es': the language of the form, and of an answer. */
  language: string
  name_enc: string | null
  email_enc: string | null
  phone_enc: string | null
  status: SuggestionStatus
  /** The library's local day it arrived. */
  received_on: string
  /** The library's answer, as sent. */
  answer: string | null
  answered_on: string | null
  closed_on: string | null
}

export type RecordsRequestStatus =
  'received' | 'extended' | 'fulfilled' | 'partially_denied' | 'denied' | 'withdrawn'

export type ReceivedVia = 'web' | 'mail' | 'email' | 'in_person'
export type PreferredFormat = 'electronic' | 'paper' | 'inspect'

/**
 * A request for public records under the Illinois Freedom of Information Act (5 ILCS 140). The
 * requester's name and contact details are sealed under a data key of the request's own
 * (`records-request:<id>`). Dates are local days: the statutory clock counts business days.
 */
export interface RecordsRequestsTable {
  id: string
  /** A short public reference, such as R-2026-0007, for letters and telephone calls. */
  reference: string
  language: string
  name_enc: string | null
  email_enc: string | null
  phone_enc: string | null
  address_enc: string | null
  description: string
  format: PreferredFormat
  received_via: ReceivedVia
  received_on: string
  /** Five business days after receipt (5 ILCS 140/3(d)). */
  due_on: string
  /** Five more business days after `due_on`, once extended (5 ILCS 140/3(e)). */
  extended_due_on: string | null
  extension_reason: string | null
  /** The day the requester was told of the extension, in writing. */
  extension_notified_on: string | null
  status: RecordsRequestStatus
  decided_on: string | null
  /** The factual basis for what was withheld, for the denial letter. */
  denial_basis: string | null
  notes: string | null
}

/**
 * One record found for a request: a suggestion, or another record described in words. Withheld
 * records name the exemption that withholds them; released suggestions are redacted on export.
 */
export interface RecordsRequestItemsTable {
  id: string
  request_id: string
  suggestion_id: string | null
  description: string | null
  /** The exemption code a withheld record is withheld under; null when it is released. */
  withheld_under: string | null
}

export interface RecordsTables {
  suggestions: SuggestionsTable
  records_requests: RecordsRequestsTable
  records_request_items: RecordsRequestItemsTable
}
