import { PostgresAdapter, sql, type Kysely, type QueryExecutorProvider } from 'kysely'
import type { Engine } from './dialect.js'

/**
 * Increasing numbers for a key column that several writers fill at once. PostgreSQL draws them
 * from a sequence, so writers that do not otherwise wait for each other never collide or wait
 * on the number. SQLite takes the largest number in use plus one: one process serves a SQLite
 * file, and Kysely runs its transactions one at a time on the one connection, so no two writers
 * read the same largest number.
 */
export interface NumberSource {
  /** The PostgreSQL sequence. */
  sequence: string
  table: string
  column: string
}

/** Migrations get a bare Kysely instance, not the engine: the dialect's adapter says which. */
export function engineOf(db: Kysely<unknown>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/** Creates the sequence (PostgreSQL) starting after the largest number already in the column. */
export async function createNumberSource(db: Kysely<unknown>, source: NumberSource): Promise<void> {
  if (engineOf(db) !== 'postgres') return
  const { sequence, table, column } = source
  await sql`create sequence ${sql.id(sequence)} as integer owned by ${sql.ref(`${table}.${column}`)}`.execute(
    db,
  )
  await sql`select setval(${sequence}, coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.table(table)}`.execute(
    db,
  )
}

/** The next `count` numbers, in increasing order (on PostgreSQL not necessarily consecutive). */
export async function nextNumbers(
  trx: QueryExecutorProvider,
  engine: Engine,
  source: NumberSource,
  count: number,
): Promise<number[]> {
  if (count <= 0) return []
  if (engine === 'postgres') {
    const { rows } = await sql<{
      n: number
    }>`select nextval(${source.sequence}) as n from generate_series(1, ${count}::integer)`.execute(
      trx,
    )
    return rows.map((r) => Number(r.n)).sort((a, b) => a - b)
  }
  const { rows } = await sql<{
    n: number | null
  }>`select max(${sql.ref(source.column)}) as n from ${sql.table(source.table)}`.execute(trx)
  const last = Number(rows[0]?.n ?? 0)
  return Array.from({ length: count }, (_, i) => last + i + 1)
}
