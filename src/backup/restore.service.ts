import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { statisticsMigrationNames } from '../analytics/migration-status.js'
import type { Config } from '../config/config.js'
import { createContext, type AppContext } from '../context.js'
import type { StoreLocation } from '../db/migration-check.js'
import { keystoreMigrations, recordsMigrations } from '../db/migrations/index.js'
import type { Logger } from '../logger.js'
import { JOURNAL_DIR, readJournal } from '../privacy/erasure-journal.js'
import { loadPatronCipher } from '../privacy/field-cipher.js'
import { setJournalMark } from '../privacy/journal-mark.js'
import {
  entriesSince,
  replayJournal,
  type ReplayReport,
} from '../privacy/retention/journal-replay.js'
import { BackupError } from './backup-error.js'
import { keystoreExpired, storeLocationsOf } from './backup.service.js'
import { readManifest, STORES, verifyChecksums, type Manifest, type StoreName } from './manifest.js'
import { findPgTool, runPgTool } from './pg-tools.js'

const MIGRATIONS: Record<StoreName, string[]> = {
  records: Object.keys(recordsMigrations).sort(),
  keys: Object.keys(keystoreMigrations).sort(),
  statistics: statisticsMigrationNames(),
}

export interface RestoreReport {
  manifest: Manifest
  /** Per store, the migrations this version applied after putting the copy in place. */
  migrated: string[]
  /** Journal entries dated on or after the backup's day, and what applying them again did. */
  entries: number
  replay: ReplayReport
}

/**
 * Puts a backup in place in empty stores, migrates it forward, then applies again every erasure
 * and disposal the journal holds from the backup's day on, before anything else can open the
 * stores for work. Refused, with nothing written, for a damaged backup, one from a newer version,
 * one whose key-store copy has expired, or stores that are not empty.
 */
export async function restoreBackup(
  config: Config,
  masterKey: Buffer,
  backupDir: string,
  options: { now: Date; logger?: Logger },
): Promise<RestoreReport> {
  const dir = resolve(backupDir)
  const manifest = readManifest(dir)
  await verifyChecksums(dir, manifest)
  for (const store of STORES) {
    const last = manifest.stores[store].lastMigration
    if (last !== null && !MIGRATIONS[store].includes(last))
      throw new BackupError(
        'BACKUP_SCHEMA_NEWER',
        `the backup's ${store} store was migrated to ${last}, which this version of Carrel (${MIGRATIONS[store].at(-1) ?? 'none'} is its latest) does not know: restore it with the version that took it (${manifest.carrel}) or newer.`,
      )
  }
  if (keystoreExpired(manifest, options.now))
    throw new BackupError(
      'BACKUP_KEYSTORE_EXPIRED',
      `the backup's key-store copy expired on ${manifest.keystoreExpiresAt} (backup.keystoreDays): it may still hold the keys of patrons erased since, so it is never restored. Use a newer backup.`,
    )
  const locations = await storeLocationsOf(config)
  for (const store of STORES) await refuseUnfit(store, manifest, locations[store])
  await putInPlace(dir, manifest, locations)

  const migrated = STORES.flatMap((store) => {
    const last = manifest.stores[store].lastMigration
    return MIGRATIONS[store].filter((m) => last === null || m > last).map((m) => `${store}/${m}`)
  })
  const ctx = await createContext(config, {
    masterKey,
    catchUp: false,
    ...(options.logger !== undefined && { logger: options.logger }),
  })
  try {
    await refuseOtherMasterKey(ctx)
  } catch (err) {
    await ctx.close()
    await removeRestored(STORES.map((store) => locations[store]))
    throw err
  }
  try {
    const journal = await readJournal(config.dataDir)
    const entries = entriesSince(journal, manifest.takenAt.slice(0, 10))
    const replay = await replayJournal(ctx, entries)
    const last = journal.at(-1)
    if (last !== undefined) await setJournalMark(ctx.db, last.id)
    return { manifest, migrated, entries: entries.length, replay }
  } finally {
    await ctx.close()
  }
}

async function refuseUnfit(
  store: StoreName,
  manifest: Manifest,
  location: StoreLocation,
): Promise<void> {
  const kind = manifest.stores[store].file.endsWith('.sqlite') ? 'sqlite' : 'postgres'
  if (kind !== location.engine)
    throw new BackupError(
      'BACKUP_ENGINE_MISMATCH',
      `the backup's ${store} store is a ${kind === 'sqlite' ? 'SQLite file' : 'PostgreSQL dump'}, but this configuration keeps it in ${location.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}.`,
    )
  if (location.engine === 'sqlite') {
    if (existsSync(location.path) || existsSync(`${location.path}-wal`))
      throw new BackupError(
        'RESTORE_TARGET_NOT_EMPTY',
        `${location.path} already exists: restore into a data directory without store files (keep master.key and the ${JOURNAL_DIR} folder, move the rest away).`,
      )
    return
  }
  const { ensureDatabase, databaseName } = await import('../db/postgres.js')
  const { tableCount } = await import('./pg-stores.js')
  await ensureDatabase(location.url)
  if ((await tableCount(location.url)) > 0)
    throw new BackupError(
      'RESTORE_TARGET_NOT_EMPTY',
      `database ${databaseName(location.url)} already has tables: restore into empty databases (drop and create them again first).`,
    )
}

/** Copies or loads every store; if one fails, those already put in place are removed again. */
async function putInPlace(
  dir: string,
  manifest: Manifest,
  locations: Record<StoreName, StoreLocation>,
): Promise<void> {
  const done: StoreLocation[] = []
  try {
    for (const store of STORES) {
      const location = locations[store]
      const source = join(dir, manifest.stores[store].file)
      if (location.engine === 'sqlite') {
        mkdirSync(resolve(location.path, '..'), { recursive: true, mode: 0o700 })
        const temporary = `${location.path}.restoring`
        copyFileSync(source, temporary)
        done.push(location)
        renameSync(temporary, location.path)
      } else {
        done.push(location)
        await runPgTool(
          findPgTool('pg_restore'),
          ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', source],
          location.url,
        )
      }
    }
  } catch (err) {
    await removeRestored(done)
    throw err
  }
}

/** Takes out again what this restore put in place, leaving the stores clearly empty. */
async function removeRestored(locations: StoreLocation[]): Promise<void> {
  for (const location of locations) {
    if (location.engine === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm', '.restoring'])
        rmSync(`${location.path}${suffix}`, { force: true })
    } else {
      const { emptyDatabase } = await import('./pg-stores.js')
      await emptyDatabase(location.url).catch(() => undefined)
    }
  }
}

/**
 * A key store is only any use with the master key that wrapped its keys: one of them is opened
 * before anything else happens, so a restore with the wrong key stops instead of leaving a
 * library whose patrons nobody can read.
 */
async function refuseOtherMasterKey(ctx: AppContext): Promise<void> {
  const sample = await ctx.keys
    .selectFrom('patron_keys')
    .select('patron_id')
    .limit(1)
    .executeTakeFirst()
  if (sample === undefined) return
  try {
    await loadPatronCipher(ctx.keys, ctx.keyring, sample.patron_id)
  } catch {
    throw new BackupError(
      'MASTER_KEY_MISMATCH',
      "the master key (master.key or CARREL_MASTER_KEY) does not open this backup's key store: put back the key that was in use when the backup was taken. Nothing was restored.",
    )
  }
}
