import { sql, type Kysely } from 'kysely'
import { engineOf } from '../../sequence.js'

/** The tables a process may keep in memory between transactions (src/library/structure-cache.ts). */
export const VERSIONED_TABLES = [
  'branches',
  'item_types',
  'patron_categories',
  'loan_rules',
  'closed_days',
] as const

/**
 * One row that changes whenever the library's set-up does: `version` becomes a fresh random token
 * (never a counter, which a rolled-back change would leave to be reused for different rows). Every process reads it (one cheap
 * statement) instead of re-reading branches, item types, categories, loan rules and closed days on
 * every transaction, and reloads them when it moved. The database bumps it itself, in the writer's
 * own transaction, so no code path, other process or hand-made SQL can change the set-up unseen.
 * `stamp` is random per database, so a process serving several databases never mixes them up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('library_version')
    .addColumn('stamp', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .execute()
  if (engineOf(db) === 'postgres') {
    await sql`insert into library_version (stamp, version) values (md5(random()::text || clock_timestamp()::text), md5(random()::text))`.execute(
      db,
    )
    await sql`create function carrel_library_version_bump() returns trigger
      language plpgsql as $$
      begin
        update library_version set version = md5(random()::text || clock_timestamp()::text);
        return null;
      end
      $$`.execute(db)
    for (const table of VERSIONED_TABLES)
      await sql`create trigger ${sql.raw(`${table}_version`)}
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function carrel_library_version_bump()`.execute(db)
  } else {
    await sql`insert into library_version (stamp, version) values (lower(hex(randomblob(16))), lower(hex(randomblob(16))))`.execute(
      db,
    )
    for (const table of VERSIONED_TABLES)
      for (const event of ['insert', 'update', 'delete'])
        await sql`create trigger ${sql.raw(`${table}_version_${event}`)}
          after ${sql.raw(event)} on ${sql.table(table)}
          begin
            update library_version set version = lower(hex(randomblob(16)));
          end`.execute(db)
  }
}
