import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { databaseExists } from '../../src/db/postgres.js'
import { ENGINES, pgUrl } from '../harness/engines.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

/** Exit code of `carrel migrate --check` when a store has migrations waiting (README, "Upgrading"). */
const PENDING = 3

afterAll(removeTempDirs)

for (const engine of ENGINES) {
  describe(`carrel migrate --check [${engine}]`, () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    const name = `carrel_mc_${randomBytes(5).toString('hex')}`
    const urls =
      engine === 'postgres'
        ? { records: pgUrl(name), keys: pgUrl(`${name}_keys`), statistics: pgUrl(`${name}_stats`) }
        : undefined
    const env: Record<string, string> = {
      CARREL_DATA_DIR: dataDir,
      ...(urls && { CARREL_DATABASE_URL: urls.records, CARREL_STATISTICS_URL: urls.statistics }),
    }
    const carrel = (...args: string[]) => runCli(args, { cwd, env })
    const storesExist = async () =>
      urls === undefined
        ? existsSync(dataDir)
        : (await Promise.all([urls.records, urls.keys, urls.statistics].map(databaseExists))).some(
            Boolean,
          )

    it('reports every store as not there yet, creates none of them, and exits 3', async () => {
      const check = await carrel('migrate', '--check')
      expect(check.code, check.stderr).toBe(PENDING)
      expect(check.stdout.match(/^(records|keys|statistics) +does not exist yet/gm)).toHaveLength(3)
      expect(check.stderr).toContain('MIGRATIONS_PENDING')
      expect(check.stderr).not.toMatch(STACK_LINE)
      // Never a URL, which may carry a password: database names only.
      if (urls !== undefined) expect(check.stdout + check.stderr).not.toContain('postgres://')
      expect(await storesExist()).toBe(false)
    })

    it('says up to date after carrel migrate, and leaves the stores as it found them', async () => {
      expect((await carrel('migrate')).code).toBe(0)
      const files = urls === undefined ? readdirSync(dataDir).sort() : []
      const check = await carrel('migrate', '--check')
      expect(check.code, check.stderr).toBe(0)
      expect(check.stdout.match(/^(records|keys|statistics) +up to date/gm)).toHaveLength(3)
      // No -wal or -shm file is left behind by the reading.
      if (urls === undefined) expect(readdirSync(dataDir).sort()).toEqual(files)
    })

    it('names a pending migration without applying it', async () => {
      const removed = await forgetLastRecordsMigration(engine, dataDir, urls?.records)
      const check = await carrel('migrate', '--check')
      expect(check.code, check.stderr).toBe(PENDING)
      expect(check.stdout).toMatch(new RegExp(`^records +1 pending`, 'm'))
      expect(check.stdout).toContain(`records/${removed}`)
      expect(check.stdout).toMatch(/^keys +up to date/m)
      // Still pending: the check applied nothing.
      expect(await forgetLastRecordsMigration(engine, dataDir, urls?.records, false)).not.toBe(
        removed,
      )
    })
  })
}

/** Deletes the newest row of the records store's migration table (or only reads it); its name. */
async function forgetLastRecordsMigration(
  engine: string,
  dataDir: string,
  url: string | undefined,
  remove = true,
): Promise<string> {
  const newest = 'select name from kysely_migration order by name desc limit 1'
  const drop = 'delete from kysely_migration where name = '
  if (engine === 'sqlite') {
    const db = new Database(join(dataDir, 'records.sqlite'))
    try {
      const { name } = db.prepare(newest).get() as { name: string }
      if (remove) db.prepare(`${drop}?`).run(name)
      return name
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>(newest)
    const name = rows[0]?.name ?? ''
    if (remove) await client.query(`${drop}$1`, [name])
    return name
  } finally {
    await client.end()
  }
}
