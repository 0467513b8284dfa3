import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patrons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('home_branch', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('given_name_enc', 'text')
    .addColumn('family_name_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('licence_number_enc', 'text')
    .addColumn('sex_enc', 'text')
    .addColumn('birth_date_enc', 'text')
    .addColumn('notify_notices', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_newsletter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_policy_changes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute()

  await db.schema
    .createTable('patron_lookup')
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('patron_lookup_pk', ['kind', 'digest', 'patron_id'])
    .execute()
  await db.schema
    .createIndex('patron_lookup_patron')
    .on('patron_lookup')
    .column('patron_id')
    .execute()

  await db.schema
    .createTable('cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id').onDelete('cascade'))
    .addColumn('barcode', 'text', (c) => c.notNull().unique())
    .addColumn('pin_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.references('cards.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('cards_patron').on('cards').column('patron_id').execute()

  await db.schema
    .createTable('pin_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('pin_failures_subject')
    .on('pin_failures')
    .columns(['subject', 'failed_at'])
    .execute()

  await db.schema
    .createTable('card_ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id').onDelete('cascade'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('card_ledger_patron').on('card_ledger').column('patron_id').execute()

  await db.schema
    .createTable('account_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patron_id', 'text', (c) => c.notNull().references('patrons.id').onDelete('cascade'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('author_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('account_notes_patron')
    .on('account_notes')
    .column('patron_id')
    .execute()
}
