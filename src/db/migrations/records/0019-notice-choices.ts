import type { Kysely } from 'kysely'

/**
 * What the notice types need to remember:
 *
 * - `patrons.notice_titles` (0/1, off by default): the patron chose to have titles named in their
 *   notices (P10); otherwise a notice counts items and links to the account;
 * - `patrons.notices_declined`: the optional notice types the patron turned off, as a
 *   comma-separated list of type names; null when they turned none off;
 * - `patrons.card_expiry_noticed`: the expiry date a card-expiring notice was queued for, so the
 *   daily job queues one notice per expiry date (a date already in the record, not a time);
 * - `loans.notice_stage`: how far the notices of an open loan have gone (0 none, 1 courtesy,
 *   2 first overdue, 3 second overdue), so the daily job queues each one once. Deleted with the
 *   loan;
 * - `patrons.erasure_warning_delivered` (0/1): the lapsed-registration warning reached the patron
 *   (sent, or left for a printed letter); erasure waits for it. Kept on the registration because
 *   the outbox row itself may be purged before the warning period ends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('patrons')
    .addColumn('notice_titles', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('patrons').addColumn('notices_declined', 'text').execute()
  await db.schema.alterTable('patrons').addColumn('card_expiry_noticed', 'text').execute()
  await db.schema
    .alterTable('patrons')
    .addColumn('erasure_warning_delivered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('loans')
    .addColumn('notice_stage', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}
