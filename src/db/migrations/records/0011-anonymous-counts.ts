import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'

/**
 * Returned means forgotten, against someone holding every file: what outlives a loan, a hold or a
 * fee is no longer a row of its own (a row keeps an id, an order and several dates that together
 * fingerprint it) but a count in an anonymous cell. The rows themselves are deleted when their
 * purpose ends. Existing remainders are folded into the counts here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('circulation_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('patron_category', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('circulation_counts_cell')
    .on('circulation_counts')
    .columns(['day', 'branch', 'item_type', 'patron_category', 'event'])
    .unique()
    .execute()

  await db.schema
    .createTable('hold_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('hold_counts_cell')
    .on('hold_counts')
    .columns(['day', 'branch', 'event'])
    .unique()
    .execute()

  await db.schema
    .createTable('fee_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('cents', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('fee_counts_cell')
    .on('fee_counts')
    .columns(['month', 'kind', 'outcome'])
    .unique()
    .execute()

  await db.schema
    .alterTable('items')
    .addColumn('times_lent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // The order copies were catalogued in: PostgreSQL's nightly rewrite puts them back in it, so
  // their physical order never follows their last movement.
  await db.schema
    .createIndex('items_catalogued')
    .on('items')
    .columns(['created_at', 'id'])
    .execute()

  await foldExisting(db)
  // A fee is deleted when it is settled, so it never has a settlement time.
  await db.schema.alterTable('fees').dropColumn('settled_at').execute()
}

interface Cell {
  [column: string]: string | number
}

async function foldExisting(db: Kysely<unknown>): Promise<void> {
  // Loans that no longer name a patron: one checkout each, counted on the day they were lent.
  const loans = await sql<{
    day: string
    branch: string
    item_type: string
    patron_category: string
    n: number
  }>`select substr(checked_out_at, 1, 10) as day, branch, item_type, patron_category, count(*) as n
     from loans where patron_id is null group by 1, 2, 3, 4`.execute(db)
  await insertCells(
    db,
    'circulation_counts',
    loans.rows.map((r) => ({
      day: r.day,
      branch: r.branch,
      item_type: r.item_type,
      patron_category: r.patron_category,
      event: 'checkout',
      count: Number(r.n),
    })),
  )
  const lent = await sql<{
    item_id: string
    n: number
  }>`select item_id, count(*) as n from loans group by item_id`.execute(db)
  for (const r of lent.rows)
    await sql`update items set times_lent = ${Number(r.n)} where id = ${r.item_id}`.execute(db)
  await sql`delete from loans where patron_id is null`.execute(db)

  // Closed holds: counted on the day they closed, by how they ended.
  const holds = await sql<{
    day: string
    branch: string
    status: string
    n: number
  }>`select substr(coalesce(closed_at, placed_at), 1, 10) as day, pickup_branch as branch, status, count(*) as n
     from holds where status in ('fulfilled', 'cancelled', 'expired') group by 1, 2, 3`.execute(db)
  await insertCells(
    db,
    'hold_counts',
    holds.rows.map((r) => ({ day: r.day, branch: r.branch, event: r.status, count: Number(r.n) })),
  )
  await sql`delete from holds where status in ('fulfilled', 'cancelled') or (status = 'expired' and item_id is null)`.execute(
    db,
  )
  // An expired hold whose copy still sits on the shelf keeps only what the pull list needs.
  await sql`update holds set placed_at = substr(coalesce(closed_at, placed_at), 1, 10), ready_at = null,
    closed_at = substr(coalesce(closed_at, placed_at), 1, 10), suspended_until = null
    where status = 'expired'`.execute(db)

  // Settled fees: counted in the month they were settled, by kind and outcome, with their amount.
  const fees = await sql<{
    month: string
    kind: string
    status: string
    n: number
    cents: number
  }>`select substr(coalesce(settled_at, created_at), 1, 7) as month, kind, status, count(*) as n,
       sum(amount_cents) as cents
     from fees where status in ('paid', 'waived') group by 1, 2, 3`.execute(db)
  await insertCells(
    db,
    'fee_counts',
    fees.rows.map((r) => ({
      month: r.month,
      kind: r.kind,
      outcome: r.status,
      count: Number(r.n),
      cents: Number(r.cents),
    })),
  )
  await sql`delete from fees where status in ('paid', 'waived')`.execute(db)

  // Payments and waivers: counted by month and method; kept by name only while a balance is owed.
  const payments = await sql<{
    month: string
    kind: string
    method: string
    n: number
    cents: number
  }>`select substr(created_at, 1, 7) as month, kind, coalesce(method, kind) as method, count(*) as n,
       sum(amount_cents) as cents
     from fee_payments group by 1, 2, 3`.execute(db)
  await insertCells(
    db,
    'fee_counts',
    payments.rows.map((r) => ({
      month: r.month,
      kind: r.kind,
      outcome: r.method,
      count: Number(r.n),
      cents: Number(r.cents),
    })),
  )
  await sql`delete from fee_payments where not exists (
    select 1 from fees where fees.patron_id = fee_payments.patron_id and fees.status in ('open', 'accruing'))`.execute(
    db,
  )

  // Circulation no longer dates copies: a copy's last change is the catalogue's, cut to the day.
  await sql`update items set updated_at = substr(updated_at, 1, 10)`.execute(db)
  // Notices are kept no longer than their schedule, sent or not (the sweep does the rest).
}

async function insertCells(db: Kysely<unknown>, table: string, cells: Cell[]): Promise<void> {
  // Shuffled, so that not even the order of insertion says anything.
  const rows = cells.map((c) => ({ ...c, id: randomUUID() })).sort((a, b) => (a.id < b.id ? -1 : 1))
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto(table as never)
      .values(rows.slice(i, i + 200))
      .execute()
}
