import { sql, type Kysely, type RawBuilder } from 'kysely'

/** What a reclaim step did: tables rewritten or stores checkpointed, and what it had to leave. */
export interface Reclaimed {
  done: string[]
  skipped: { name: string; reason: string }[]
}

/**
 * SQLite: with secure_delete on, the pages already hold zeros where deleted rows were, but the
 * WAL still holds the page images written before; a TRUNCATE checkpoint copies the current pages
 * into the main file and cuts the WAL to nothing. It stops short (busy) while another
 * connection is still reading an older snapshot; the next one finishes the job.
 */
export async function truncateSqliteWal<DB>(db: Kysely<DB>, name: string): Promise<Reclaimed> {
  const { rows } = await sql<{
    busy: number
    log: number
    checkpointed: number
  }>`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  const r = rows[0]
  if (r === undefined || r.busy !== 0)
    return { done: [], skipped: [{ name, reason: 'a reader held the WAL; it was not emptied' }] }
  return { done: [name], skipped: [] }
}

/**
 * PostgreSQL: plain VACUUM only marks a dead row's space reusable; its bytes stay in the heap
 * and index pages until something overwrites them. VACUUM FULL writes the table, its indexes
 * and its TOAST into new files and truncates the old ones. ANALYZE alongside, because the
 * statistics sample column values into pg_statistic; pg_statistic is rewritten last so the
 * superseded samples leave too. VACUUM FULL holds an ACCESS EXCLUSIVE lock on each table
 * while it copies it: a table whose lock is not granted within lockTimeoutMs is left for the
 * next run rather than queueing every reader behind it. Cannot run inside a transaction.
 * Tables in `reordered` are rewritten with CLUSTER on the index given instead (same lock).
 */
export async function rewritePostgresTables<DB>(
  db: Kysely<DB>,
  tables: readonly string[],
  lockTimeoutMs: number,
  reordered: readonly { table: string; index: string }[] = [],
): Promise<Reclaimed> {
  const out: Reclaimed = { done: [], skipped: [] }
  await db.connection().execute(async (conn) => {
    /**
     * VACUUM and CLUSTER pass over, with only a warning, a table the role may not rewrite: the
     * table's owner (or a superuser) may; VACUUM also lets the database's owner. Asked first,
     * so such a table is reported as left, never as done.
     */
    const mayRewrite = async (table: string, how: 'vacuum' | 'cluster') => {
      const { rows } = await sql<{ may: boolean | null }>`
        select r.rolsuper
            or pg_has_role(current_user, c.relowner, 'USAGE')
            or (${how} = 'vacuum' and pg_has_role(current_user, d.datdba, 'USAGE')) as may
          from pg_class c, pg_database d, pg_roles r
         where c.oid = to_regclass(${table})
           and d.datname = current_database()
           and r.rolname = current_user`.execute(conn)
      return rows[0]?.may === true
    }
    const NOT_OWNER = 'this role does not own the table, so PostgreSQL would pass over it'
    const attempt = async (
      statement: RawBuilder<unknown>,
      name: string,
      table: string,
      how: 'vacuum' | 'cluster',
    ) => {
      if (!(await mayRewrite(table, how))) {
        out.skipped.push({ name, reason: NOT_OWNER })
        return false
      }
      try {
        await statement.execute(conn)
        out.done.push(name)
        return true
      } catch (err) {
        out.skipped.push({ name, reason: err instanceof Error ? err.message : String(err) })
        return false
      }
    }
    await sql`select set_config('lock_timeout', ${String(lockTimeoutMs)}, false)`.execute(conn)
    try {
      for (const table of tables) {
        const { rows } = await sql<{
          found: boolean
        }>`select to_regclass(${table}) is not null as found`.execute(conn)
        if (rows[0]?.found === true)
          await attempt(sql`vacuum (full, analyze) ${sql.table(table)}`, table, table, 'vacuum')
        else out.skipped.push({ name: table, reason: 'no such table' })
      }
      for (const { table, index } of reordered) {
        // The heap keeps rows in the order they were last written; rewritten in the order of
        // the given index, the order says nothing about when each one last changed.
        const { rows } = await sql<{
          found: boolean
        }>`select to_regclass(${index}) is not null as found`.execute(conn)
        if (rows[0]?.found !== true) {
          out.skipped.push({ name: table, reason: 'no such table' })
          continue
        }
        const clustered = await attempt(
          sql`cluster ${sql.table(table)} using ${sql.table(index)}`,
          table,
          table,
          'cluster',
        )
        if (clustered) await sql`analyze ${sql.table(table)}`.execute(conn)
      }
      if (out.done.length > 0)
        await attempt(
          sql`vacuum (full) pg_catalog.pg_statistic`,
          'pg_statistic',
          'pg_catalog.pg_statistic',
          'vacuum',
        )
    } finally {
      await sql`reset lock_timeout`.execute(conn)
    }
  })
  return out
}

/**
 * PostgreSQL: flushes what the rewrite left in shared buffers and lets older WAL segments be
 * recycled sooner. Needs superuser or the pg_checkpoint role; without it the server's own
 * next checkpoint does the same a few minutes later, so a refusal is reported, not thrown.
 */
export async function checkpointPostgres<DB>(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`checkpoint`.execute(db)
    return true
  } catch (err) {
    if ((err as { code?: unknown }).code === '42501') return false
    throw err
  }
}
