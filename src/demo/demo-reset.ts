import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILES } from '../db/database.js'

/** A SQLite database is its main file plus, while in use or after a crash, these beside it. */
const COMPANIONS = ['-wal', '-shm', '-journal']

function storePaths(dataDir: string): string[] {
  return Object.values(SQLITE_FILES).map((name) => join(dataDir, name))
}

/**
 * The stores another process has open, such as a running `carrel serve`. Every connection to a
 * database in WAL mode keeps a shared lock while it is open, even when idle, so asking for an
 * exclusive lock without waiting fails exactly when someone else is connected. Removing the
 * files under a running server would leave it serving the old library from deleted files.
 */
export function demoStoresInUse(dataDir: string): string[] {
  const busy: string[] = []
  for (const path of storePaths(dataDir)) {
    if (!existsSync(path)) continue
    let db: Database.Database | undefined
    try {
      db = new Database(path, { fileMustExist: true, timeout: 0 })
      db.pragma('locking_mode = EXCLUSIVE')
      db.exec('BEGIN EXCLUSIVE')
      db.exec('COMMIT')
    } catch (err) {
      const code = (err as { code?: unknown }).code
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') busy.push(path)
      // Anything else (a damaged file, say) is no reason to keep it: it is about to go.
    } finally {
      db?.close()
    }
  }
  return busy
}

/**
 * Deletes the records database and the key store of a demo data directory, with their
 * write-ahead logs. The master key and the demo marker stay, and so does anything else in the
 * directory: only files Carrel itself names are removed.
 */
export function removeDemoStores(dataDir: string): string[] {
  const removed: string[] = []
  for (const main of storePaths(dataDir)) {
    for (const path of [main, ...COMPANIONS.map((suffix) => main + suffix)]) {
      if (!existsSync(path)) continue
      rmSync(path, { force: true })
      removed.push(path)
    }
  }
  return removed
}
