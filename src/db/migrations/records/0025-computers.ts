import type { Kysely } from 'kysely'

/**
 * Public computers (src/computers/): the library's computers and their groups, the time rules per
 * group and patron category, and the short-lived state of a day's use. A session row is the only
 * place a patron is linked to a computer, and it lives only while the session runs; the daily
 * allowance is counted under a keyed hash whose key is destroyed with the day's counters; what
 * stays is counts per day and hour with no id or exact time (design §5, P13).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('computer_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch', 'text', (c) => c.notNull().references('branches.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('computer_groups_branch_code', ['branch', 'code'])
    .execute()

  await db.schema
    .createTable('computers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch', 'text', (c) => c.notNull().references('branches.code'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('computer_groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('in_service', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('token_issued_on', 'text')
    .addColumn('last_seen_at', 'text')
    .addUniqueConstraint('computers_branch_name', ['branch', 'name'])
    .execute()

  await db.schema
    .createTable('computer_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('daily_minutes', 'integer', (c) => c.notNull())
    .addColumn('session_minutes', 'integer', (c) => c.notNull())
    .addColumn('extension_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('computer_rules_group_category', ['group_code', 'category'])
    .execute()

  await db.schema
    .createTable('computer_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('computer_id', 'text', (c) => c.notNull().unique().references('computers.id'))
    .addColumn('patron_id', 'text', (c) => c.unique().references('patrons.id'))
    .addColumn('guest_pass_id', 'text', (c) => c.unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('extensions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lock_code_hash', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('lock_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('computer_allowance')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('minutes_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('computer_allowance_pk', ['day', 'subject'])
    .execute()

  await db.schema
    .createTable('computer_day_keys')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('computer_usage_counts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('computer_usage_counts_pk', [
      'day',
      'hour',
      'branch',
      'group_code',
      'category',
    ])
    .execute()

  await db.schema
    .createTable('computer_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('computer_id', 'text', (c) => c.notNull().references('computers.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('computer_messages_computer')
    .on('computer_messages')
    .column('computer_id')
    .execute()
}
