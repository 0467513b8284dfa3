import type { Kysely } from 'kysely'

/**
 * What a self-check machine needs to handle a copy's security strip (SIP2 magnetic media and
 * security marker): set per item type, with a per-copy override. Existing libraries keep today's
 * answers — magnetic media unknown (NULL, sent as U) and marker 00 "other" — until they say more.
 * Library set-up, nothing about people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('item_types').addColumn('magnetic_media', 'text').execute()
  await db.schema
    .alterTable('item_types')
    .addColumn('security_marker', 'text', (c) => c.notNull().defaultTo('00'))
    .execute()
  await db.schema.alterTable('items').addColumn('magnetic_media', 'text').execute()
  await db.schema.alterTable('items').addColumn('security_marker', 'text').execute()
}
