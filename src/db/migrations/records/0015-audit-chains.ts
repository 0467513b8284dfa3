import { sql, type Kysely } from 'kysely'
import { createNumberSource } from '../../sequence.js'

/**
 * The audit log becomes a set of hash chains written side by side, so that concurrent writers
 * take different chains instead of queueing for one. Every entry already written becomes chain 0,
 * its place in that chain its old sequence number (so its hash still verifies). `seq` stays the
 * log's one increasing order, drawn from a sequence on PostgreSQL. `audit_chains` keeps each
 * chain's newest entry, so a chain continues after the retention sweep has disposed of all of it,
 * and a chain cut short at its end shows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('chain', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // SQLite adds a NOT NULL column only with a default; every row is numbered just below.
  await db.schema
    .alterTable('audit_log')
    .addColumn('chain_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`update audit_log set chain_seq = seq`.execute(db)
  await db.schema
    .createIndex('audit_log_chain_seq')
    .on('audit_log')
    .columns(['chain', 'chain_seq'])
    .unique()
    .execute()
  await db.schema
    .createTable('audit_chains')
    .addColumn('chain', 'integer', (c) => c.primaryKey())
    .addColumn('chain_seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_chains (chain, chain_seq, hash)
    select 0, seq, hash from audit_log where seq = (select max(seq) from audit_log)`.execute(db)
  await createNumberSource(db, { sequence: 'audit_log_seq_seq', table: 'audit_log', column: 'seq' })
}
