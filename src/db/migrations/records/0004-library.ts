import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('branches')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('item_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('not_for_loan', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('patron_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max_owed_cents', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('loan_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('patron_category', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('loan_period', 'integer', (c) => c.notNull())
    .addColumn('period_unit', 'text', (c) => c.notNull())
    .addColumn('max_items', 'integer', (c) => c.notNull())
    .addColumn('renewals_allowed', 'integer', (c) => c.notNull())
    .addColumn('fine_per_day_cents', 'integer', (c) => c.notNull())
    .addColumn('max_fine_cents', 'integer')
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('holds_allowed', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('loan_rules_scope', ['branch', 'patron_category', 'item_type'])
    .execute()
  await db.schema
    .createTable('closed_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text')
    .addColumn('weekday', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .execute()
}
