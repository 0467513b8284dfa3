import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Config } from '../config/config.js'
import type { Engine } from './dialect.js'
import { keystoreMigrations, recordsMigrations } from './migrations/index.js'
import { migrateToLatest } from './migrator.js'
import type { KeystoreDb, RecordsDb } from './schema.js'
import { openSqlite } from './sqlite.js'

export type RecordsDatabase = Kysely<RecordsDb>
export type KeystoreDatabase = Kysely<KeystoreDb>

/** The records database and the key store: two databases on purpose, one engine. */
export interface Stores {
  engine: Engine
  records: RecordsDatabase
  keys: KeystoreDatabase
  close(): Promise<void>
}

/** Every SQLite store in the data directory; the statistics store is opened by src/analytics/store.ts. */
export const SQLITE_FILES = {
  records: 'records.sqlite',
  keys: 'keys.sqlite',
  statistics: 'statistics.sqlite',
} as const

export async function openStores(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'keystoreUrl'>,
): Promise<Stores> {
  if (config.databaseUrl !== undefined) {
    // The PostgreSQL driver is loaded only for a library that uses it.
    const { createPool, deriveKeystoreUrl, ensureDatabase } = await import('./postgres.js')
    const keysUrl = config.keystoreUrl ?? deriveKeystoreUrl(config.databaseUrl)
    await ensureDatabase(config.databaseUrl)
    await ensureDatabase(keysUrl)
    const records = new Kysely<RecordsDb>({
      dialect: new PostgresDialect({ pool: createPool(config.databaseUrl) }),
    })
    const keys = new Kysely<KeystoreDb>({
      dialect: new PostgresDialect({ pool: createPool(keysUrl, 4) }),
    })
    return { engine: 'postgres', records, keys, close: () => closeBoth(records, keys) }
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const records = new Kysely<RecordsDb>({
    dialect: new SqliteDialect({
      database: openSqlite(join(config.dataDir, SQLITE_FILES.records)).kysely,
    }),
  })
  const keys = new Kysely<KeystoreDb>({
    dialect: new SqliteDialect({
      database: openSqlite(join(config.dataDir, SQLITE_FILES.keys)).kysely,
    }),
  })
  return { engine: 'sqlite', records, keys, close: () => closeBoth(records, keys) }
}

export async function migrateStores(stores: Stores): Promise<string[]> {
  const a = await migrateToLatest(stores.records as Kysely<unknown>, recordsMigrations)
  const b = await migrateToLatest(stores.keys as Kysely<unknown>, keystoreMigrations)
  return [...a.applied.map((m) => `records/${m}`), ...b.applied.map((m) => `keys/${m}`)]
}

async function closeBoth(
  a: { destroy(): Promise<void> },
  b: { destroy(): Promise<void> },
): Promise<void> {
  await Promise.all([a.destroy(), b.destroy()])
}
