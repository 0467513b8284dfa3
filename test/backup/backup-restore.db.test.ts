import { randomBytes } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { BackupError } from '../../src/backup/backup-error.js'
import { createBackup } from '../../src/backup/backup.service.js'
import { MANIFEST_FILE, type Manifest } from '../../src/backup/manifest.js'
import { findPgTool, runPgTool } from '../../src/backup/pg-tools.js'
import { restoreBackup } from '../../src/backup/restore.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { DAY } from '../../src/clock.js'
import { loadConfig, type Config } from '../../src/config/config.js'
import { createContext, type AppContext } from '../../src/context.js'
import type { Kysely } from 'kysely'
import { migrateStatisticsStore, openStatisticsStore } from '../../src/analytics/store.js'
import { openStores, SQLITE_FILES } from '../../src/db/database.js'
import { keystoreMigrations, recordsMigrations } from '../../src/db/migrations/index.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { erasePatron, getPatron } from '../../src/patrons/patron.service.js'
import { JOURNAL_DIR, readJournal } from '../../src/privacy/erasure-journal.js'
import { journalMark } from '../../src/privacy/journal-mark.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines, pgUrl, type TestEnv } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { libraryHelpers, setUpLibrary } from '../harness/library.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carrel-backup-'))
  made.push(dir)
  return dir
}

const SETTINGS = {
  retention: {
    authorities: { 'pin-failures': { application: '24-017', item: '9' } },
    compactAfterSweep: false,
  },
}

/**
 * Where a restore goes: a fresh data directory holding the journal copied from the running
 * library's (it lives beside the master key, not in the stores), and on PostgreSQL fresh databases.
 */
function restoreTarget(env: TestEnv): Config {
  const dataDir = tempDir()
  if (existsSync(join(env.dataDir, JOURNAL_DIR)))
    cpSync(join(env.dataDir, JOURNAL_DIR), join(dataDir, JOURNAL_DIR), { recursive: true })
  const name = `carrel_r_${randomBytes(6).toString('hex')}`
  const urls =
    env.engine === 'postgres'
      ? {
          databaseUrl: pgUrl(name),
          keystoreUrl: pgUrl(`${name}_keys`),
          statistics: { url: pgUrl(`${name}_stats`) },
        }
      : {}
  return loadConfig({
    env: {},
    file: undefined,
    overrides: {
      ...SETTINGS,
      dataDir,
      ...urls,
      logLevel: 'silent',
      security: { argon2MemoryKiB: 256, argon2TimeCost: 1 },
    },
  })
}

const silent = pino({ level: 'silent' })

async function open(env: TestEnv, config: Config): Promise<AppContext> {
  return createContext(config, { masterKey: env.masterKey, clock: env.clock, logger: silent })
}

async function count(ctx: AppContext, table: 'patrons' | 'loans' | 'items' | 'pin_failures') {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function backupCode(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn()
  } catch (err) {
    if (err instanceof BackupError) return err.code
    throw err
  }
  return 'NO_ERROR'
}

describeEngines(
  'backup and restore',
  (env) => {
    it('backs up while checkouts run, and the restored stores match and decrypt with the same master key', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const { items } = await lib.title(Array.from({ length: 12 }, () => ({})))
      const patrons = [await lib.patron(), await lib.patron(), await lib.patron()]
      const loansBefore = await count(ctx, 'loans')
      const dir = join(tempDir(), 'b1')
      let done = 0
      const desk = async () => {
        for (const [i, item] of items.entries()) {
          await checkout(ctx, lib.desk, {
            patronBarcode: patrons[i % patrons.length]!.barcode,
            itemBarcode: item.barcode,
            branch: 'main',
          })
          done++
        }
      }
      const [manifest] = await Promise.all([
        createBackup(env().config, dir, { now: clock.now(), version: 'test' }),
        desk(),
      ])
      expect(done).toBe(items.length)
      expect(manifest.engine).toBe(env().engine)
      expect(manifest.stores.records.lastMigration).toBe('0031-erasure-journal-mark')
      expect(manifest.stores.keys.lastMigration).toBe('0001-patron-keys')
      expect(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).not.toMatch(/master/i)
      // One file per store and the manifest: nothing else (no -wal beside a SQLite copy).
      const ext = env().engine === 'sqlite' ? 'sqlite' : 'dump'
      expect(readdirSync(dir).sort()).toEqual(
        [`keys.${ext}`, MANIFEST_FILE, `records.${ext}`, `statistics.${ext}`].sort(),
      )

      const target = restoreTarget(env())
      const report = await restoreBackup(target, env().masterKey, dir, {
        now: clock.now(),
        logger: silent,
      })
      expect(report.migrated).toEqual([])
      const restored = await open(env(), target)
      try {
        expect(await count(restored, 'patrons')).toBe(await count(ctx, 'patrons'))
        expect(await count(restored, 'items')).toBe(await count(ctx, 'items'))
        // A consistent copy: some of the checkouts made during the backup, each whole.
        const loans = await count(restored, 'loans')
        expect(loans).toBeGreaterThanOrEqual(loansBefore)
        expect(loans).toBeLessThanOrEqual(loansBefore + items.length)
        const onLoan = await restored.db
          .selectFrom('items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'on_loan')
          .executeTakeFirstOrThrow()
        expect(Number(onLoan.n)).toBe(loans)
        const sample = await ctx.db
          .selectFrom('items')
          .selectAll()
          .where('id', '=', items[0]!.id)
          .executeTakeFirstOrThrow()
        const copy = await restored.db
          .selectFrom('items')
          .selectAll()
          .where('id', '=', items[0]!.id)
          .executeTakeFirstOrThrow()
        expect({ ...copy, status: sample.status }).toEqual(sample)
        // The restored key store opens each patron's name with the same master key.
        const live = await getPatron(ctx, SYSTEM_ACTOR, patrons[1]!.id)
        const back = await getPatron(restored, SYSTEM_ACTOR, patrons[1]!.id)
        expect(back.givenName).toBe(live.givenName)
        expect(back.givenName).toMatch(/^Ottoline/)
      } finally {
        await restored.close()
      }
    })

    it('never brings back an erased patron or swept records: the journal is applied again and reported', async () => {
      const { ctx, clock } = env()
      const lib = libraryHelpers(ctx)
      const erased = await lib.patron()
      const kept = await lib.patron()
      const old = new Date(clock.now().getTime() - 2 * DAY).toISOString()
      await ctx.db
        .insertInto('pin_failures')
        .values([
          { id: randomBytes(8).toString('hex'), subject: 'card-a', failed_at: old },
          { id: randomBytes(8).toString('hex'), subject: 'card-b', failed_at: old },
        ])
        .execute()
      const dir = join(tempDir(), 'b2')
      await createBackup(env().config, dir, { now: clock.now(), version: 'test' })

      clock.advance(60 * 60_000)
      const officer = await staffActor(ctx, 'privacy_officer')
      await erasePatron(ctx, officer, erased.id)
      const swept = await runRetention(ctx, officer)
      expect(swept.find((r) => r.series === 'pin-failures')?.disposed).toBeGreaterThanOrEqual(2)
      const journal = await readJournal(env().dataDir)
      expect(journal.map((e) => e.kind)).toEqual(expect.arrayContaining(['erasure', 'disposal']))
      expect(JSON.stringify(journal)).not.toContain(
        (await getPatron(ctx, SYSTEM_ACTOR, kept.id)).givenName ?? 'no name',
      )

      const target = restoreTarget(env())
      const report = await restoreBackup(target, env().masterKey, dir, {
        now: clock.now(),
        logger: silent,
      })
      expect(report.replay.erased).toContain(erased.id)
      expect(report.replay.erased).not.toContain(kept.id)
      expect(report.replay.disposals).toContainEqual(
        expect.objectContaining({ series: 'pin-failures', disposed: 2 }),
      )
      const restored = await open(env(), target)
      try {
        const row = await restored.db
          .selectFrom('patrons')
          .selectAll()
          .where('id', '=', erased.id)
          .executeTakeFirstOrThrow()
        expect(row.status).toBe('erased')
        expect(row.given_name_enc).toBeNull()
        expect(row.family_name_enc).toBeNull()
        const key = await restored.keys
          .selectFrom('patron_keys')
          .select('patron_id')
          .where('patron_id', '=', erased.id)
          .executeTakeFirst()
        expect(key).toBeUndefined()
        expect(await count(restored, 'pin_failures')).toBe(0)
        // The one kept is still readable, and the stores are level with the journal.
        expect((await getPatron(restored, SYSTEM_ACTOR, kept.id)).givenName).toMatch(/^Ottoline/)
        expect(await journalMark(restored.db)).toBe(journal.at(-1)?.id)
      } finally {
        await restored.close()
      }
    })

    it('re-applies the journal when stores are put back by hand, before the context is handed out', async () => {
      const { ctx, clock } = env()
      const lib = libraryHelpers(ctx)
      const erased = await lib.patron()
      const dir = join(tempDir(), 'b3')
      const manifest = await createBackup(env().config, dir, {
        now: clock.now(),
        version: 'test',
      })
      await erasePatron(ctx, SYSTEM_ACTOR, erased.id)
      const target = restoreTarget(env())
      await putBackByHand(dir, manifest, target)
      // Any opening of the stores for work (carrel serve, every command) catches up first.
      const restored = await open(env(), target)
      try {
        const row = await restored.db
          .selectFrom('patrons')
          .select('status')
          .where('id', '=', erased.id)
          .executeTakeFirstOrThrow()
        expect(row.status).toBe('erased')
        expect(
          await restored.keys
            .selectFrom('patron_keys')
            .select('patron_id')
            .where('patron_id', '=', erased.id)
            .executeTakeFirst(),
        ).toBeUndefined()
      } finally {
        await restored.close()
      }
    })

    it('migrates a backup from an older version forward once it is in place', async () => {
      const { clock } = env()
      const older = restoreTarget(env())
      const stores = await openStores(older)
      const statistics = await openStatisticsStore(older)
      const before = Object.fromEntries(
        Object.entries(recordsMigrations).filter(([name]) => name < '0031'),
      )
      await migrateToLatest(stores.records as Kysely<unknown>, before)
      await migrateToLatest(stores.keys as Kysely<unknown>, keystoreMigrations)
      await migrateStatisticsStore(statistics)
      await Promise.all([stores.close(), statistics.close()])
      const dir = join(tempDir(), 'b6')
      const manifest = await createBackup(older, dir, { now: clock.now(), version: 'older' })
      expect(manifest.stores.records.lastMigration).toBe('0030-library-version')

      const target = restoreTarget(env())
      const report = await restoreBackup(target, env().masterKey, dir, {
        now: clock.now(),
        logger: silent,
      })
      expect(report.migrated).toEqual(['records/0031-erasure-journal-mark'])
      const restored = await open(env(), target)
      try {
        // The new table is there, level with the journal.
        expect(await journalMark(restored.db)).toBe((await readJournal(target.dataDir)).at(-1)?.id)
      } finally {
        await restored.close()
      }
    })

    it('refuses a damaged backup, one from a newer version, an expired key store and stores that are not empty', async () => {
      const { clock } = env()
      const dir = join(tempDir(), 'b4')
      const manifest = await createBackup(env().config, dir, { now: clock.now(), version: 'test' })
      const restoreInto = (config: Config, now = clock.now()) =>
        backupCode(() => restoreBackup(config, env().masterKey, dir, { now, logger: silent }))

      // Into the running library's own stores: refused, they are not empty.
      expect(await restoreInto(env().config)).toBe('RESTORE_TARGET_NOT_EMPTY')
      // A key-store copy past backup.keystoreDays (30) is never restored.
      const fresh = restoreTarget(env())
      expect(await restoreInto(fresh, new Date(clock.now().getTime() + 31 * DAY))).toBe(
        'BACKUP_KEYSTORE_EXPIRED',
      )
      // From a version that knows a migration this one does not.
      const newer: Manifest = {
        ...manifest,
        stores: {
          ...manifest.stores,
          records: { ...manifest.stores.records, lastMigration: '0999-from-the-future' },
        },
      }
      writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(newer))
      expect(await restoreInto(fresh)).toBe('BACKUP_SCHEMA_NEWER')
      await expect(
        restoreBackup(fresh, env().masterKey, dir, { now: clock.now(), logger: silent }),
      ).rejects.toThrow(/0999-from-the-future.*does not know/)
      writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest))
      // With another master key: stopped, and what was put in place taken out again.
      const { ctx } = env()
      await libraryHelpers(ctx).patron()
      const keyed = join(tempDir(), 'b5')
      await createBackup(env().config, keyed, { now: clock.now(), version: 'test' })
      const other = restoreTarget(env())
      expect(
        await backupCode(() =>
          restoreBackup(other, randomBytes(32), keyed, { now: clock.now(), logger: silent }),
        ),
      ).toBe('MASTER_KEY_MISMATCH')
      await expectEmpty(other)
      // A file changed after the backup was taken.
      const file = join(dir, manifest.stores.keys.file)
      const bytes = readFileSync(file)
      bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256
      writeFileSync(file, bytes)
      expect(await restoreInto(fresh)).toBe('BACKUP_CHECKSUM_MISMATCH')
      // None of the refusals wrote anything into the target.
      await expectEmpty(fresh)
      // A backup goes only into a new or empty directory.
      expect(
        await backupCode(() =>
          createBackup(env().config, dir, { now: clock.now(), version: 'test' }),
        ),
      ).toBe('BACKUP_TARGET_NOT_EMPTY')
    })
  },
  SETTINGS,
)

/** No store file in the data directory, or no table in the databases. */
async function expectEmpty(config: Config): Promise<void> {
  if (config.databaseUrl === undefined) {
    for (const f of Object.values(SQLITE_FILES))
      expect(existsSync(join(config.dataDir, f)), f).toBe(false)
    return
  }
  const { tableCount } = await import('../../src/backup/pg-stores.js')
  const { databaseExists, deriveKeystoreUrl } = await import('../../src/db/postgres.js')
  for (const url of [
    config.databaseUrl,
    config.keystoreUrl ?? deriveKeystoreUrl(config.databaseUrl),
    config.statistics.url!,
  ])
    if (await databaseExists(url)) expect(await tableCount(url)).toBe(0)
}

/** What someone restoring without `carrel restore` does: copies the files, or runs pg_restore. */
async function putBackByHand(dir: string, manifest: Manifest, target: Config): Promise<void> {
  if (manifest.engine === 'sqlite') {
    for (const store of ['records', 'keys', 'statistics'] as const)
      cpSync(join(dir, manifest.stores[store].file), join(target.dataDir, SQLITE_FILES[store]))
    return
  }
  const { ensureDatabase, deriveKeystoreUrl } = await import('../../src/db/postgres.js')
  const urls = {
    records: target.databaseUrl!,
    keys: target.keystoreUrl ?? deriveKeystoreUrl(target.databaseUrl!),
    statistics: target.statistics.url!,
  }
  for (const store of ['records', 'keys', 'statistics'] as const) {
    await ensureDatabase(urls[store])
    await runPgTool(
      findPgTool('pg_restore'),
      ['--no-owner', join(dir, manifest.stores[store].file)],
      urls[store],
    )
  }
}
