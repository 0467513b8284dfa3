import type { Generated } from 'kysely'

export type SubscriptionStatus = 'pending' | 'active'

/**
 * One newsletter subscription. A public sign-up keeps its address here, sealed under a data key
 * of its own in the key store (`newsletter:<id>`), and found again by a keyed digest; a sign-up
 * from the account keeps no address at all: the patron record's address is read at send time.
 * Only days are kept, never times. Unsubscribing deletes the row and destroys its key.
 */
export interface NewsletterSubscriptionsTable {
  id: string
  /** The borrower record of an account sign-up; null for a public sign-up. */
  patron_id: string | null
  /** Public sign-ups only: the address, sealed under the subscription's own key. */
  email_enc: string | null
  /** Public sign-ups only: a keyed digest of the normalized address, to find it again. */
  email_digest: string | null
  status: SubscriptionStatus
  /** 'en' or 'es': the language of every message. */
  language: string
  /** The library's local day the sign-up was asked for (or asked for again while pending). */
  requested_on: string
  /** The local day the confirmation link was followed; null while pending. */
  confirmed_on: string | null
  /** SHA-256 of the confirmation link's token, so the link can be checked without keeping it. */
  confirm_hash: string | null
}

export type IssueStatus = 'draft' | 'sending' | 'sent'

/** A newsletter issue: the library's own publication. Once sent only counts remain of who got it. */
export interface NewsletterIssuesTable {
  id: string
  subject: string
  body: string
  subject_es: string | null
  body_es: string | null
  status: IssueStatus
  /** Local days. */
  created_on: string
  sent_on: string | null
  recipients: Generated<number>
  sent_count: Generated<number>
  failed_count: Generated<number>
}

export type DeliveryKind = 'confirm' | 'issue'
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed'

/**
 * One message on its way: an issue to one subscriber, or a confirmation message. Claimed under a
 * lease like the notice outbox. An issue's rows are deleted when it has finished (its counts stay
 * on the issue); a confirmation's row, link and all, is deleted once it is sent.
 */
export interface NewsletterDeliveriesTable {
  id: string
  kind: DeliveryKind
  subscription_id: string
  /** The issue, for kind 'issue'. */
  issue_id: string | null
  /** A confirmation's link token, only until it is sent or fails for good. */
  payload: string | null
  status: Generated<DeliveryStatus>
  attempts: Generated<number>
  /** The local day it was queued. */
  created_on: string
  next_attempt_at: string | null
  claimed_by: string | null
  lease_until: string | null
  /** Why it failed, with no address in it. */
  failure: string | null
}

export interface NewsletterTables {
  newsletter_subscriptions: NewsletterSubscriptionsTable
  newsletter_issues: NewsletterIssuesTable
  newsletter_deliveries: NewsletterDeliveriesTable
}
