import type { Kysely } from 'kysely'

/**
 * The waiting list for public computers and the guest passes printed at the desk
 * (src/computers/queue.service.ts, guest-passes.service.ts). Nothing here outlives the day: an
 * entry goes when its holder signs in, leaves, misses the call or the day ends; a pass goes once
 * past its closing time. Ids are random, days are dates, and a pass's code is kept only as a keyed
 * hash (design §5, P13).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('computer_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch', 'text', (c) => c.notNull().references('branches.code'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('computer_groups.id'))
    .addColumn('ticket', 'integer', (c) => c.notNull())
    .addColumn('patron_id', 'text', (c) => c.references('patrons.id'))
    .addColumn('initial_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('called_computer_id', 'text', (c) => c.references('computers.id'))
    .addColumn('call_expires_at', 'text')
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .execute()
  // One place per patron per branch; anonymous desk tickets (NULL) do not collide on either engine.
  await db.schema
    .createIndex('computer_queue_patron')
    .on('computer_queue')
    .columns(['branch', 'patron_id'])
    .unique()
    .execute()
  await db.schema
    .createIndex('computer_queue_ticket')
    .on('computer_queue')
    .columns(['branch', 'joined_on', 'ticket'])
    .unique()
    .execute()
  // A computer is held for one called person at a time.
  await db.schema
    .createIndex('computer_queue_called')
    .on('computer_queue')
    .column('called_computer_id')
    .unique()
    .execute()
  await db.schema
    .createIndex('computer_queue_waiting')
    .on('computer_queue')
    .columns(['branch', 'group_id', 'status', 'ticket'])
    .execute()

  // The last ticket handed out per branch and day: the row every join updates, so two joins at
  // once take turns on it and never share a number.
  await db.schema
    .createTable('computer_queue_tickets')
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last_ticket', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('computer_queue_tickets_pk', ['branch', 'day'])
    .execute()

  await db.schema
    .createTable('guest_passes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch', 'text', (c) => c.notNull().references('branches.code'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('valid_on', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('guest_passes_expiry')
    .on('guest_passes')
    .column('expires_at')
    .execute()
}
