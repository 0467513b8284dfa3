import Database from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Opens a SQLite file with the pragmas Carrel relies on, wrapped so that Kysely reuses
 * prepared statements by SQL text instead of compiling each one anew (the hot paths run
 * the same handful of statements thousands of times).
 */
export function openSqlite(path: string): { raw: Database.Database; kysely: SqliteDatabase } {
  const raw = new Database(path)
  raw.pragma('journal_mode = WAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  raw.pragma('synchronous = NORMAL')
  // Deleted rows are overwritten with zeros, freed pages included (FAST would leave those), so
  // a forgotten loan or a destroyed data key does not linger in the file's free space.
  raw.pragma('secure_delete = ON')
  const cache = new Map<string, SqliteStatement>()
  const kysely: SqliteDatabase = {
    close: () => {
      cache.clear()
      raw.close()
    },
    prepare(text: string): SqliteStatement {
      // Kysely opens transactions with a plain (deferred) BEGIN. With several processes on one
      // file (SIP2 workers), a deferred transaction that reads and then writes fails at once with
      // SQLITE_BUSY when another process wrote in between: the busy timeout cannot help it.
      // BEGIN IMMEDIATE takes the write lock first, waiting for it under the busy timeout.
      const sql = text === 'begin' ? 'begin immediate' : text
      let stmt = cache.get(sql)
      if (stmt === undefined) {
        stmt = raw.prepare(sql)
        if (cache.size >= 2000) cache.clear()
        cache.set(sql, stmt)
      }
      return stmt
    },
  }
  return { raw, kysely }
}
