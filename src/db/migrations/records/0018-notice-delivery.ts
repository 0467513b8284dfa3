import { sql, type Kysely } from 'kysely'
import { engineOf } from '../../sequence.js'

/**
 * What the outbox worker needs to deliver `notice_outbox` rows (src/comms/outbox-worker.ts):
 *
 * - `status`: queued → sending → sent, maildrop (written to the local maildrop, not sent),
 *   failed (refused for good, or out of attempts), skipped (no one to send it to), or print
 *   (the patron has no email address: left for a printed letter);
 * - `attempts`, `next_attempt_at`: retries with backoff;
 * - `claimed_by`, `lease_until`: which worker holds a row while it sends it; a lease that has run
 *   out (the worker died) makes the row claimable again;
 * - `failure`: why delivery failed, in words with no address in them.
 *
 * `payload` becomes nullable: once a notice is sent or has failed for good, its content is
 * removed and only kind, day and outcome stay (P10). SQLite cannot drop a NOT NULL in place, so
 * there the table is rebuilt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`alter table notice_outbox alter column payload drop not null`.execute(db)
    await addColumns(db)
  } else {
    await db.transaction().execute(async (trx) => {
      await sql`create table notice_outbox_new (
        id text primary key,
        patron_id text not null references patrons(id),
        kind text not null,
        payload text,
        created_at text not null,
        sent_at text
      )`.execute(trx)
      await sql`insert into notice_outbox_new (id, patron_id, kind, payload, created_at, sent_at)
        select id, patron_id, kind, payload, created_at, sent_at from notice_outbox`.execute(trx)
      await sql`drop table notice_outbox`.execute(trx)
      await sql`alter table notice_outbox_new rename to notice_outbox`.execute(trx)
      await addColumns(trx)
    })
  }
}

async function addColumns(db: Kysely<unknown>): Promise<void> {
  const table = () => db.schema.alterTable('notice_outbox')
  await table()
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .execute()
  await table()
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await table().addColumn('next_attempt_at', 'text').execute()
  await table().addColumn('claimed_by', 'text').execute()
  await table().addColumn('lease_until', 'text').execute()
  await table().addColumn('failure', 'text').execute()
  await db.schema
    .createIndex('notice_outbox_due')
    .on('notice_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute()
}
