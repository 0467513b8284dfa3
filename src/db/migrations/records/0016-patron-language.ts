import type { Kysely } from 'kysely'

/**
 * The language a patron chose for the library's pages, `en` or `es`; null (the default) means
 * "follow my browser". Kept with the registration and erased with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('patrons').addColumn('language', 'text').execute()
}
