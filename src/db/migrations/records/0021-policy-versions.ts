import { sql, type Kysely } from 'kysely'
import { engineOf } from '../../sequence.js'

/**
 * Policy versions (P12): the library's policy text, written as drafts and published as numbered
 * versions. A published version is the library's public record of what it promised and when:
 * the database itself refuses to change or delete it (a trigger on each engine), so no code path,
 * present or future, can rewrite history. Drafts stay editable and deletable.
 *
 * `patrons.policy_version`: the number of the version in force when the patron registered (the
 * one the registration form showed); null for registrations made before any version existed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_es', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('changes_es', 'text')
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('material', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('updated_on', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('notices_queued', 'integer')
    .execute()
  // Version numbers are unique (NULLs, the drafts', do not collide on either engine).
  await db.schema
    .createIndex('policy_versions_number')
    .on('policy_versions')
    .column('number')
    .unique()
    .execute()

  await db.schema.alterTable('patrons').addColumn('policy_version', 'integer').execute()

  if (engineOf(db) === 'postgres') {
    await sql`create function carrel_policy_version_frozen() returns trigger
      language plpgsql as $$
      begin
        if old.status = 'published' then
          raise exception 'POLICY_VERSION_PUBLISHED: a published policy version cannot change'
            using errcode = 'integrity_constraint_violation';
        end if;
        if tg_op = 'DELETE' then
          return old;
        end if;
        return new;
      end
      $$`.execute(db)
    await sql`create trigger policy_versions_frozen
      before update or delete on policy_versions
      for each row execute function carrel_policy_version_frozen()`.execute(db)
  } else {
    await sql`create trigger policy_versions_frozen_update before update on policy_versions
      when old.status = 'published'
      begin
        select raise(abort, 'POLICY_VERSION_PUBLISHED: a published policy version cannot change');
      end`.execute(db)
    await sql`create trigger policy_versions_frozen_delete before delete on policy_versions
      when old.status = 'published'
      begin
        select raise(abort, 'POLICY_VERSION_PUBLISHED: a published policy version cannot change');
      end`.execute(db)
  }
}
