import type { Kysely } from 'kysely'

/**
 * Reference inquiries (ask a librarian) and change-of-address requests (src/comms/inquir*.ts),
 * and the replies staff send to them. Both are borrower records: every personal field is sealed,
 * under the patron's key for a signed-in patron, or under a key of the inquiry's own in the key
 * store for someone who was not signed in. Ids are random; what stays after an inquiry is closed
 * is dated by day only, and all of it is erased on the retention schedule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inquiries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.references('patrons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_on', 'text')
    .execute()
  await db.schema
    .createIndex('inquiries_queue')
    .on('inquiries')
    .columns(['kind', 'status', 'created_at'])
    .execute()
  await db.schema.createIndex('inquiries_patron').on('inquiries').column('patron_id').execute()

  await db.schema
    .createTable('inquiry_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inquiry_id', 'text', (c) => c.notNull().references('inquiries.id'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('failure', 'text')
    .execute()
  await db.schema
    .createIndex('inquiry_replies_due')
    .on('inquiry_replies')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('inquiry_replies_inquiry')
    .on('inquiry_replies')
    .column('inquiry_id')
    .execute()
}
