import type { Kysely } from 'kysely'

/**
 * What a visitor needs to find a branch: its postal address, phone and email, and its regular
 * weekly opening hours (at most two spans a day; a weekday without a span is closed all day).
 * Library set-up, nothing about people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('branches')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('branches')
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.alterTable('branches').addColumn('email', 'text').execute()
  await db.schema
    .createTable('opening_hours')
    .addColumn('branch', 'text', (c) => c.notNull().references('branches.code'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('span', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opening_hours_pk', ['branch', 'weekday', 'span'])
    .execute()
}
