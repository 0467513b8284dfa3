import type { TableEntry } from './inventory.js'
import { column, only } from './inventory-helpers.js'

const SUBSCRIPTION = 'newsletter subscription'
const sub = (purpose: string, extra: Parameters<typeof column>[4] = {}) =>
  column('confidential', SUBSCRIPTION, purpose, 'newsletter-subscriptions', {
    // No staff page lists subscribers; only the delivery worker reads them.
    access: only('admin'),
    ...extra,
  })

/** The newsletter: who asked for it (double opt-in), the issues, and the messages on their way. */
export const NEWSLETTER_INVENTORY: Record<string, TableEntry> = {
  newsletter_subscriptions: {
    store: 'records',
    description: 'Newsletter subscriptions, from the public sign-up or from a patron account',
    columns: {
      id: sub(
        'Identifies a subscription; the unsubscribe link carries it with a keyed code made from it.',
      ),
      patron_id: sub(
        'The account of a patron who signed up from it; the newsletter then goes to the address on the registration.',
      ),
      email_enc: sub('The address a public sign-up gave, to send the newsletter to.', {
        encrypted: true,
        access: only(),
      }),
      email_digest: sub(
        'A keyed digest of that address, so that signing up again finds the same subscription.',
        { access: only() },
      ),
      status: sub('Whether the subscription waits for its confirmation or is confirmed.'),
      language: sub('The language the newsletter is sent in (English or Spanish).'),
      requested_on: sub(
        'The day the sign-up was asked for, so that one never confirmed is erased on time.',
        { retention: 'newsletter-pending' },
      ),
      confirmed_on: sub('The day the confirmation link was followed.'),
      confirm_hash: sub(
        'A digest of the confirmation link, to recognize it when it is followed (the link itself is not kept).',
        { access: only() },
      ),
    },
  },
  newsletter_deliveries: {
    store: 'records',
    description: 'Newsletter messages on their way: an issue to one subscriber, or a confirmation',
    columns: Object.fromEntries(
      (
        [
          ['id', 'Identifies a message on its way.'],
          ['kind', 'Whether it is an issue or a confirmation request.'],
          ['subscription_id', 'The subscription it goes to, until it has gone.'],
          ['issue_id', 'The issue it carries.'],
          ['payload', 'The confirmation link, until the message is sent.'],
          ['status', 'Waiting, being sent, sent or failed.'],
          ['attempts', 'How many times sending was tried.'],
          ['created_on', 'The day it was queued, so that it is deleted on time.'],
          ['next_attempt_at', 'When to try again after the mail server refused it for now.'],
          ['claimed_by', 'Which delivery worker holds it while sending it.'],
          ['lease_until', 'Until when that worker holds it.'],
          ['failure', 'Why it could not be delivered, with no address in it.'],
        ] as const
      ).map(([c, purpose]) => [
        c,
        column('confidential', 'newsletter delivery', purpose, 'newsletter-deliveries', {
          access: only('admin'),
        }),
      ]),
    ),
  },
  newsletter_issues: {
    store: 'records',
    description: 'Newsletter issues written by staff',
    columns: Object.fromEntries(
      (
        [
          ['id', 'Identifies an issue.'],
          ['subject', 'The subject, in English.'],
          ['body', 'The text, in Markdown, in English.'],
          ['subject_es', 'The subject in Spanish, when there is a Spanish version.'],
          ['body_es', 'The text in Spanish, when there is a Spanish version.'],
          ['status', 'Draft, being sent, or sent.'],
          ['created_on', 'The day it was written.'],
          ['sent_on', 'The day it finished sending.'],
          ['recipients', 'How many subscribers it went to (a count, never who).'],
          ['sent_count', 'How many messages the mail server accepted.'],
          ['failed_count', 'How many could not be delivered.'],
        ] as const
      ).map(([c, purpose]) => [
        c,
        column('operational', 'newsletter issue', purpose, 'newsletter-issues', {
          access: only('admin', 'librarian'),
        }),
      ]),
    ),
  },
}
