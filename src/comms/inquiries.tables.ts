import type { Generated } from 'kysely'

/** A reference question, or a patron's new postal address for staff to check and apply. */
export type InquiryKind = 'question' | 'address'
/** open: waiting for staff; answered: a reply was sent; closed: nothing more to do. */
export type InquiryStatus = 'open' | 'answered' | 'closed'
/** How the person wants the answer: by email, or they will ask at the desk or by phone. */
export type ReplyBy = 'email' | 'desk'

/**
 * One inquiry. A signed-in patron's is linked to the registration and sealed under the patron's
 * key; anyone else's is sealed under a key of its own in the key store (`inquiry:<id>`), so
 * erasing it destroys the key. Kept by the retention schedule (`inquiries`).
 */
export interface InquiriesTable {
  id: string
  patron_id: string | null
  kind: InquiryKind
  status: InquiryStatus
  /** 'en' or 'es': the language of the reply. */
  language: string
  reply_by: ReplyBy
  /** Public inquiries only: the name given, if any. */
  name_enc: string | null
  /** Public inquiries answered by email: the address to answer. */
  email_enc: string | null
  /** The question, or (kind 'address') the new address as JSON. */
  body_enc: string
  /** The staff member looking after it. */
  assigned_to: string | null
  /** When it was sent: orders the queue by age and counts the day's submissions. */
  created_at: string
  /** The library's local day it was answered or closed; the retention clock starts there. */
  settled_on: string | null
}

export type ReplyStatus = 'queued' | 'sending' | 'sent' | 'maildrop' | 'failed'

/** A reply by email, sealed like its inquiry, delivered by the inquiry-reply worker under a lease. */
export interface InquiryRepliesTable {
  id: string
  inquiry_id: string
  body_enc: string
  language: string
  status: Generated<ReplyStatus>
  attempts: Generated<number>
  /** Local days. */
  created_on: string
  sent_on: string | null
  next_attempt_at: string | null
  claimed_by: string | null
  lease_until: string | null
  failure: string | null
}

export interface InquiryTables {
  inquiries: InquiriesTable
  inquiry_replies: InquiryRepliesTable
}
