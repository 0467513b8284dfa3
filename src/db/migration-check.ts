import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type Migration } from 'kysely'
import type { Config } from '../config/config.js'
import { SQLITE_FILES } from './database.js'
import { pendingMigrations } from './migrator.js'

/** Where one store lives, as `carrel migrate` would open it. */
export type StoreLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string }

export interface StoreMigrationState {
  /** False when the SQLite file or the PostgreSQL database is not there yet. */
  exists: boolean
  /** What it is called in messages: a file path, or a database name (never a URL with a password). */
  where: string
  applied: number
  pending: string[]
}

/** The records database's and the key store's locations, from the configuration. */
export async function storeLocations(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'keystoreUrl'>,
): Promise<{ records: StoreLocation; keys: StoreLocation }> {
  if (config.databaseUrl === undefined)
    return {
      records: { engine: 'sqlite', path: join(config.dataDir, SQLITE_FILES.records) },
      keys: { engine: 'sqlite', path: join(config.dataDir, SQLITE_FILES.keys) },
    }
  const { deriveKeystoreUrl } = await import('./postgres.js')
  return {
    records: { engine: 'postgres', url: config.databaseUrl },
    keys: {
      engine: 'postgres',
      url: config.keystoreUrl ?? deriveKeystoreUrl(config.databaseUrl),
    },
  }
}

/**
 * Which of `migrations` one store has not applied, without writing anything: a SQLite file is
 * opened read-only and never created; a PostgreSQL database is never created, and its session is
 * read-only.
 */
export async function inspectStore(
  location: StoreLocation,
  migrations: Record<string, Migration>,
): Promise<StoreMigrationState> {
  const all = Object.keys(migrations).sort()
  if (location.engine === 'sqlite') {
    const where = location.path
    if (!existsSync(where)) return { exists: false, where, applied: 0, pending: all }
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: openForReading(where) }),
    })
    return summarise(db, where, all, migrations)
  }
  const { databaseExists, readOnlyPool, databaseName } = await import('./postgres.js')
  const where = `database ${databaseName(location.url)}`
  if (!(await databaseExists(location.url)))
    return { exists: false, where, applied: 0, pending: all }
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: readOnlyPool(location.url) }),
  })
  return summarise(db, where, all, migrations)
}

async function summarise(
  db: Kysely<unknown>,
  where: string,
  all: string[],
  migrations: Record<string, Migration>,
): Promise<StoreMigrationState> {
  try {
    const pending = await pendingMigrations(db, migrations)
    return { exists: true, where, applied: all.length - pending.length, pending }
  } finally {
    await db.destroy()
  }
}

/**
 * A SQLite store opened so that reading it leaves the directory as it was. While a server has it
 * open (its -wal file exists) a read-only connection shares that server's files. Otherwise even a
 * read-only connection would leave new -wal and -shm files behind; a connection in exclusive
 * locking mode needs no -shm, removes the -wal it opened when it closes, and with query_only it
 * cannot change a row.
 */
function openForReading(path: string): Database.Database {
  if (existsSync(`${path}-wal`)) return new Database(path, { readonly: true, fileMustExist: true })
  const db = new Database(path, { fileMustExist: true })
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('query_only = ON')
  return db
}
