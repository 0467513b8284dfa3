import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Config } from '../config/config.js'
import { SQLITE_FILES } from '../db/database.js'
import { storeLocations, type StoreLocation } from '../db/migration-check.js'
import { BackupError } from './backup-error.js'
import {
  describeFile,
  MANIFEST_FILE,
  readManifest,
  STORES,
  writeManifest,
  type Manifest,
  type StoreCopy,
  type StoreName,
} from './manifest.js'
import { findPgTool, runPgTool } from './pg-tools.js'

/** How far a backup has got: pages copied (SQLite) or stores dumped (PostgreSQL), out of a total. */
export type BackupProgress = (done: number, total: number) => void

/** Where each store lives: a SQLite file in the data directory or a PostgreSQL database. */
export async function storeLocationsOf(config: Config): Promise<Record<StoreName, StoreLocation>> {
  const { records, keys } = await storeLocations(config)
  const statistics: StoreLocation =
    config.statistics.url === undefined
      ? { engine: 'sqlite', path: join(config.dataDir, SQLITE_FILES.statistics) }
      : { engine: 'postgres', url: config.statistics.url }
  return { records, keys, statistics }
}

/**
 * A consistent copy of the records store, the key store and the statistics store, taken while
 * Carrel runs, into a new directory with a manifest. The master key is never part of it. A backup
 * that fails removes its directory.
 */
export async function createBackup(
  config: Config,
  target: string,
  options: { now: Date; version: string; onProgress?: BackupProgress },
): Promise<Manifest> {
  const dir = resolve(target)
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new BackupError('BACKUP_TARGET_NOT_EMPTY', `${dir} exists and is not a directory.`)
    if (readdirSync(dir).length > 0)
      throw new BackupError(
        'BACKUP_TARGET_NOT_EMPTY',
        `${dir} is not empty; a backup goes into a new or empty directory.`,
      )
  }
  const created = !existsSync(dir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    const locations = await storeLocationsOf(config)
    const stores = await copyStores(locations, dir, options.onProgress)
    const manifest: Manifest = {
      format: 1,
      carrel: options.version,
      engine: locations.records.engine,
      takenAt: options.now.toISOString(),
      keystoreExpiresAt: new Date(
        options.now.getTime() + config.backup.keystoreDays * 86_400_000,
      ).toISOString(),
      stores,
    }
    await writeManifest(dir, manifest)
    return manifest
  } catch (err) {
    if (created) rmSync(dir, { recursive: true, force: true })
    else for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true })
    throw err
  }
}

async function copyStores(
  locations: Record<StoreName, StoreLocation>,
  dir: string,
  onProgress?: BackupProgress,
): Promise<Record<StoreName, StoreCopy>> {
  const out: Partial<Record<StoreName, StoreCopy>> = {}
  let done = 0
  for (const store of STORES) {
    const location = locations[store]
    const step: BackupProgress = (part, total) =>
      onProgress?.(done + (total === 0 ? 0 : part / total), STORES.length)
    out[store] =
      location.engine === 'sqlite'
        ? await copySqlite(location.path, dir, SQLITE_FILES[store], step)
        : await dumpPostgres(location.url, dir, `${store}.dump`)
    onProgress?.(++done, STORES.length)
  }
  return out as Record<StoreName, StoreCopy>
}

/** SQLite's online backup: a consistent copy of a file other connections keep writing to. */
async function copySqlite(
  source: string,
  dir: string,
  file: string,
  onProgress: BackupProgress,
): Promise<StoreCopy> {
  if (!existsSync(source))
    throw new BackupError(
      'BACKUP_STORE_MISSING',
      `${source} does not exist: is the data directory right, and has "carrel migrate" run?`,
    )
  const db = new Database(source, { fileMustExist: true })
  try {
    let remaining = Infinity
    await db.backup(join(dir, file), {
      progress: ({ totalPages, remainingPages }) => {
        onProgress(totalPages - remainingPages, totalPages)
        // A write by another connection restarts the copy; then take the rest in one step,
        // under one read lock, so a busy library cannot keep it from ever finishing.
        const restarted = remainingPages > remaining
        remaining = remainingPages
        return restarted ? 0x7fffffff : Math.max(100, Math.ceil(totalPages / 20))
      },
    })
  } finally {
    db.close()
  }
  return describeFile(dir, file, lastSqliteMigration(join(dir, file)))
}

/** pg_dump in its custom format, without owners or grants, so it restores under any role. */
async function dumpPostgres(url: string, dir: string, file: string): Promise<StoreCopy> {
  const pgDump = findPgTool('pg_dump')
  const { lastPostgresMigration } = await import('./pg-stores.js')
  const last = await lastPostgresMigration(url)
  await runPgTool(
    pgDump,
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(dir, file)}`],
    url,
  )
  return describeFile(dir, file, last)
}

/**
 * The copy's last migration. The copy is first switched out of WAL mode, so it stands alone as
 * one file (no -wal or -shm beside it) before its checksum is taken.
 */
function lastSqliteMigration(path: string): string | null {
  const db = new Database(path, { fileMustExist: true })
  db.pragma('journal_mode = DELETE')
  try {
    const row = db
      .prepare(
        "select name from kysely_migration where exists (select 1 from sqlite_master where name = 'kysely_migration') order by name desc limit 1",
      )
      .get() as { name: string } | undefined
    return row?.name ?? null
  } catch {
    return null
  } finally {
    db.close()
  }
}

/** The backups under `parent` (subdirectories with a manifest), each with its manifest. */
export function listBackups(parent: string): { dir: string; manifest: Manifest }[] {
  if (!existsSync(parent) || !statSync(parent).isDirectory())
    throw new BackupError('BACKUP_NOT_FOUND', `${parent} is not a directory.`)
  return readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(parent, e.name, MANIFEST_FILE)))
    .flatMap((e) => {
      const dir = join(parent, e.name)
      try {
        return [{ dir, manifest: readManifest(dir) }]
      } catch {
        return []
      }
    })
    .sort((a, b) => a.manifest.takenAt.localeCompare(b.manifest.takenAt))
}

/** Whether a backup's key-store copy has passed its expiry and must no longer be restored. */
export function keystoreExpired(manifest: Manifest, now: Date): boolean {
  return Date.parse(manifest.keystoreExpiresAt) <= now.getTime()
}
