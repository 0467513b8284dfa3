// A fresh Carrel context per engine, plus raw driver handles on the same databases.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { loadConfig } from '../src/config/config.js'
import { createContext, type AppContext } from '../src/context.js'
import { SQLITE_FILES } from '../src/db/database.js'
import type { Engine } from '../src/db/dialect.js'
import { openSqlite } from '../src/db/sqlite.js'
import type { PgServer } from '../test/harness/postgres-cluster.js'
import { pgRaw, sqliteRaw, type RawStores } from './raw.js'

export interface BenchEngine {
  engine: Engine
  ctx: AppContext
  raw: RawStores
  /** Another raw handle on the same databases (one per concurrent client); closed by its caller. */
  openRaw(): Promise<RawStores>
  version: string
  close(): Promise<void>
}

async function context(masterKey: Buffer, overrides: Record<string, unknown>): Promise<AppContext> {
  const config = loadConfig({ env: {}, overrides: { ...overrides, logLevel: 'silent' } })
  return createContext(config, { masterKey, logger: pino({ level: 'silent' }) })
}

/** SQLite files in a temp dir; the raw handles get the same pragmas as Carrel's (openSqlite). */
export async function sqliteEngine(masterKey: Buffer): Promise<BenchEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carrel-bench-'))
  const ctx = await context(masterKey, { dataDir })
  const handles = {
    records: openSqlite(join(dataDir, SQLITE_FILES.records)).raw,
    keys: openSqlite(join(dataDir, SQLITE_FILES.keys)).raw,
  }
  const version = handles.records.prepare('select sqlite_version() as v').pluck().get() as string
  const raw = sqliteRaw(handles)
  return {
    engine: 'sqlite',
    ctx,
    raw,
    openRaw: () =>
      Promise.resolve(
        sqliteRaw({
          records: openSqlite(join(dataDir, SQLITE_FILES.records)).raw,
          keys: openSqlite(join(dataDir, SQLITE_FILES.keys)).raw,
        }),
      ),
    version: `SQLite ${version} (better-sqlite3, WAL, synchronous=NORMAL)`,
    close: async () => {
      await raw.close()
      await ctx.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const pgUrl = (server: PgServer, database: string) =>
  `postgres://${server.user}@localhost/${database}?host=${encodeURIComponent(server.host)}&port=${server.port}`

/** Databases on a throwaway cluster (fsync off, as the test clusters run). */
export async function postgresEngine(masterKey: Buffer, server: PgServer): Promise<BenchEngine> {
  const urls = { records: pgUrl(server, 'carrel_bench'), keys: pgUrl(server, 'carrel_bench_keys') }
  const ctx = await context(masterKey, { databaseUrl: urls.records, keystoreUrl: urls.keys })
  const raw = await pgRaw(urls)
  const probe = new pg.Client({ connectionString: urls.records })
  await probe.connect()
  const { rows } = await probe.query<{ v: string }>("select current_setting('server_version') as v")
  await probe.end()
  return {
    engine: 'postgres',
    ctx,
    raw,
    openRaw: () => pgRaw(urls),
    version: `PostgreSQL ${rows[0]?.v ?? '?'} (unix socket, fsync=off, synchronous_commit=off)`,
    close: async () => {
      await raw.close()
      await ctx.close()
    },
  }
}
