import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bib_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('isbn', 'text')
    .addColumn('year', 'integer')
    .addColumn('material_type', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bib_records_isbn').on('bib_records').column('isbn').execute()
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('bib_records.id'))
    .addColumn('barcode', 'text', (c) => c.notNull().unique())
    .addColumn('call_number', 'text')
    .addColumn('branch', 'text', (c) => c.notNull().references('branches.code'))
    .addColumn('item_type', 'text', (c) => c.notNull().references('item_types.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transit_to', 'text')
    .addColumn('replacement_price_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('items_record').on('items').column('record_id').execute()
}
