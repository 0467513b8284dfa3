import type { Kysely } from 'kysely'

/**
 * What a self-check machine may do beyond the defaults, and what kiosks are told about a
 * patron's category: whether an account may block (01) and re-enable (25) cards, whether it is
 * answered 96 or left unanswered for a command Carrel does not know, and a category's internet
 * profile (sent as PI). Machine and library set-up, nothing about people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sip_accounts')
    .addColumn('may_block_patrons', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('sip_accounts')
    .addColumn('unknown_commands', 'text', (c) => c.notNull().defaultTo('ignore'))
    .execute()
  await db.schema.alterTable('patron_categories').addColumn('internet_profile', 'text').execute()
}
