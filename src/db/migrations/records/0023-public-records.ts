import type { Kysely } from 'kysely'

/**
 * Public records (src/records): suggestions sent through the public form, and requests for public
 * records under Illinois FOIA with the records found for them. No column names a patron: these
 * are kept apart from borrower records (P11). Days only, never times; ids are random.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('closed_on', 'text')
    .execute()
  await db.schema
    .createIndex('suggestions_received')
    .on('suggestions')
    .columns(['received_on', 'status'])
    .execute()

  await db.schema
    .createTable('records_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('received_via', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_due_on', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extension_notified_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('denial_basis', 'text')
    .addColumn('notes', 'text')
    .execute()
  await db.schema
    .createIndex('records_requests_received')
    .on('records_requests')
    .columns(['received_on', 'status'])
    .execute()

  await db.schema
    .createTable('records_request_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('records_requests.id'))
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestions.id'))
    .addColumn('description', 'text')
    .addColumn('withheld_under', 'text')
    .execute()
  // A suggestion is listed once per request.
  await db.schema
    .createIndex('records_request_items_suggestion')
    .on('records_request_items')
    .columns(['request_id', 'suggestion_id'])
    .unique()
    .execute()
}
