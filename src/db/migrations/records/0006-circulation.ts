import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('patrons')
    .addColumn('keep_history', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('loans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('patron_category', 'text', (c) => c.notNull())
    .addColumn('patron_id', 'text', (c) => c.references('patrons.id'))
    .addColumn('checked_out_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('returned_at', 'text')
    .addColumn('renewals', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // One open loan per item, enforced by the database on both engines.
  await sql`create unique index loans_open_item on loans (item_id) where returned_at is null`.execute(
    db,
  )
  await sql`create index loans_open_patron on loans (patron_id) where returned_at is null`.execute(
    db,
  )
  await db.schema.createIndex('loans_patron').on('loans').column('patron_id').execute()

  await db.schema
    .createTable('holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('bib_records.id'))
    .addColumn('patron_id', 'text', (c) => c.references('patrons.id'))
    .addColumn('pickup_branch', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('suspended_until', 'text')
    .addColumn('item_id', 'text', (c) => c.references('items.id'))
    .addColumn('pickup_code', 'text')
    .addColumn('ready_at', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema
    .createIndex('holds_record_status')
    .on('holds')
    .columns(['record_id', 'status', 'placed_at'])
    .execute()
  await db.schema.createIndex('holds_patron').on('holds').column('patron_id').execute()
  // Checkout and check-in both ask which hold a copy is assigned to.
  await db.schema.createIndex('holds_item').on('holds').column('item_id').execute()
  await sql`create unique index holds_open_item on holds (item_id) where status in ('in_transit', 'ready')`.execute(
    db,
  )
  await sql`create unique index holds_pickup_code on holds (pickup_code) where status = 'ready'`.execute(
    db,
  )

  await db.schema
    .createTable('fees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('outstanding_cents', 'integer', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.references('loans.id'))
    .addColumn('item_id', 'text', (c) => c.references('items.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .execute()
  await db.schema.createIndex('fees_patron').on('fees').columns(['patron_id', 'status']).execute()
  await db.schema.createIndex('fees_loan').on('fees').column('loan_id').execute()
  await sql`create unique index fees_accruing_loan on fees (loan_id) where status = 'accruing'`.execute(
    db,
  )

  await db.schema
    .createTable('fee_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('reference', 'text')
    .addColumn('reason', 'text')
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('fee_payments_patron')
    .on('fee_payments')
    .column('patron_id')
    .execute()

  await db.schema
    .createTable('patron_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_enc', 'text', (c) => c.notNull())
    .addColumn('author_enc', 'text')
    .addColumn('note_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('patron_requests_status')
    .on('patron_requests')
    .columns(['status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('patron_requests_patron')
    .on('patron_requests')
    .column('patron_id')
    .execute()

  await db.schema
    .createTable('notice_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
}
