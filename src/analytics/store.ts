import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Config } from '../config/config.schema.js'
import type { Engine } from '../db/dialect.js'
import { migrateToLatest } from '../db/migrator.js'
import { openSqlite } from '../db/sqlite.js'
import { statisticsMigrations } from './migrations/index.js'
import type { StatisticsDb } from './statistics.tables.js'

/**
 * The third store: website counts live in their own database with their own connection, so
 * no query (and no mistake in one) can join a page view to a patron.
 */
export interface StatisticsStore {
  engine: Engine
  db: Kysely<StatisticsDb>
  close(): Promise<void>
}

export const STATISTICS_SQLITE_FILE = 'statistics.sqlite'

export async function openStatisticsStore(
  config: Pick<Config, 'dataDir' | 'statistics'>,
): Promise<StatisticsStore> {
  const url = config.statistics.url
  if (url !== undefined) {
    const { createPool, ensureDatabase } = await import('../db/postgres.js')
    await ensureDatabase(url)
    const db = new Kysely<StatisticsDb>({
      dialect: new PostgresDialect({ pool: createPool(url, 4) }),
    })
    return { engine: 'postgres', db, close: () => db.destroy() }
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const db = new Kysely<StatisticsDb>({
    dialect: new SqliteDialect({
      database: openSqlite(join(config.dataDir, STATISTICS_SQLITE_FILE)).kysely,
    }),
  })
  return { engine: 'sqlite', db, close: () => db.destroy() }
}

/** Applies the statistics store's pending migrations; returns their names. */
export async function migrateStatisticsStore(store: StatisticsStore): Promise<string[]> {
  const report = await migrateToLatest(store.db as Kysely<unknown>, statisticsMigrations)
  return report.applied.map((m) => `statistics/${m}`)
}
