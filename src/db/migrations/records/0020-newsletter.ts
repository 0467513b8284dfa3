import type { Kysely } from 'kysely'

/**
 * The newsletter (src/comms/newsletter*.ts): subscriptions (double opt-in, public or linked to a
 * borrower record), issues, and the deliveries a worker claims under a lease. Days only, no
 * times, on anything that stays; ids are random.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('newsletter_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.references('patrons.id'))
    .addColumn('email_enc', 'text')
    .addColumn('email_digest', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('confirmed_on', 'text')
    .addColumn('confirm_hash', 'text')
    .execute()
  // One subscription per borrower record and per address (NULLs do not collide on either engine).
  await db.schema
    .createIndex('newsletter_subscriptions_patron')
    .on('newsletter_subscriptions')
    .column('patron_id')
    .unique()
    .execute()
  await db.schema
    .createIndex('newsletter_subscriptions_digest')
    .on('newsletter_subscriptions')
    .column('email_digest')
    .unique()
    .execute()
  await db.schema
    .createIndex('newsletter_subscriptions_confirm')
    .on('newsletter_subscriptions')
    .column('confirm_hash')
    .execute()
  await db.schema
    .createIndex('newsletter_subscriptions_status')
    .on('newsletter_subscriptions')
    .columns(['status', 'requested_on'])
    .execute()

  await db.schema
    .createTable('newsletter_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('subject_es', 'text')
    .addColumn('body_es', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('newsletter_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'text', (c) => c.references('newsletter_issues.id'))
    .addColumn('payload', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('failure', 'text')
    .execute()
  await db.schema
    .createIndex('newsletter_deliveries_due')
    .on('newsletter_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('newsletter_deliveries_issue')
    .on('newsletter_deliveries')
    .columns(['issue_id', 'status'])
    .execute()
  await db.schema
    .createIndex('newsletter_deliveries_subscription')
    .on('newsletter_deliveries')
    .column('subscription_id')
    .execute()
}
