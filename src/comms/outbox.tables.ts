import type { Generated } from 'kysely'

/**
 * Where a notice stands. queued: waiting (perhaps for a retry); sending: claimed by a worker under
 * a lease; sent: handed to the mail server; maildrop: no mail server is configured, so it was
 * written to the local maildrop for staff to see; failed: refused for good or out of attempts;
 * skipped: nobody to send it to (the patron is gone or chose not to get it); print: the patron
 * has no email address, so it waits for a printed letter; printed: staff printed the letter (a
 * final state like sent: payload gone, days only).
 */
export type NoticeStatus =
  'queued' | 'sending' | 'sent' | 'maildrop' | 'failed' | 'skipped' | 'print' | 'printed'

/**
 * A notice to a patron. While it waits its payload says what to tell (never a title); once it is
 * sent or has failed for good only kind, day and outcome remain (P10), until the retention sweep.
 */
export interface NoticeOutboxTable {
  id: string
  patron_id: string
  kind: string
  /** JSON; null once the notice is done with. */
  payload: string | null
  /** When it was queued; cut to the library's local day once it is done with. */
  created_at: string
  /** The local day it was sent (or written to the maildrop, or printed as a letter). */
  sent_at: string | null
  status: Generated<NoticeStatus>
  attempts: Generated<number>
  /** Not before this instant (a retry's backoff); null: at once. */
  next_attempt_at: string | null
  /** The worker holding the notice while it sends it. */
  claimed_by: string | null
  /** Until when that worker holds it; after this another worker may take it over. */
  lease_until: string | null
  /** Why it failed, with no address in it. */
  failure: string | null
}
