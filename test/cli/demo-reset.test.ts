import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { loadConfig } from '../../src/config/config.js'
import { initMasterKey, readMasterKey } from '../../src/config/secrets.js'
import { createContext } from '../../src/context.js'
import { openSqlite } from '../../src/db/sqlite.js'
import { markDemoDataDir } from '../../src/demo/demo-marker.js'
import { seedDemo } from '../../src/demo/seed-demo.js'
import { createStaff } from '../../src/staff/staff.service.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

const FAST = { security: { argon2MemoryKiB: 256, argon2TimeCost: 1 } }

/**
 * Every file in the directory with a digest of its bytes, to show that nothing was touched.
 * SQLite's own -wal and -shm files are left out: opening a database may tidy them away.
 */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {}
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => !/-(wal|shm)$/.test(name))
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  )
}

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

/** A small demo library made the way `carrel serve --demo` makes one, plus a staff member of our own. */
async function smallDemo(dataDir: string): Promise<void> {
  initMasterKey(dataDir)
  const config = loadConfig({ env: {}, overrides: { ...FAST, dataDir } })
  const ctx = await createContext(config, { masterKey: readMasterKey(dataDir, {}) })
  try {
    markDemoDataDir(dataDir, ctx.clock.now())
    await seedDemo(ctx, 5)
    await createStaff(ctx, SYSTEM_ACTOR, {
      username: 'added-later',
      displayName: 'Added Later',
      password: 'a long enough password',
      role: 'librarian',
    })
  } finally {
    await ctx.close()
  }
}

describe('carrel demo reset', () => {
  afterAll(removeTempDirs)

  it('refuses, with exit code 2 and nothing removed, a data directory not created as a demo', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    const env = { CARREL_DATA_DIR: dataDir }
    expect((await runCli(['init'], { cwd, env })).code).toBe(0)
    expect((await runCli(['migrate'], { cwd, env })).code).toBe(0)
    const before = snapshot(dataDir)
    expect(Object.keys(before)).toContain('records.sqlite')

    for (const args of [
      ['demo', 'reset', '--yes'],
      ['demo', 'reset'],
    ]) {
      const refused = await runCli(args, { cwd, env, input: 'yes\n' })
      expect(refused.code, args.join(' ')).toBe(2)
      expect(refused.stderr).toContain('DEMO_RESET_NOT_DEMO')
      expect(refused.stderr).toContain('carrel serve --demo')
      expect(refused.stderr).toContain('nothing was removed')
      expect(refused.stderr).not.toMatch(STACK_LINE)
      // Refused before asking: no question was put.
      expect(refused.stderr).not.toContain('Type "yes"')
      expect(snapshot(dataDir)).toEqual(before)
    }

    const nowhere = join(cwd, 'missing')
    const missing = await runCli(['demo', 'reset', '--yes'], {
      cwd,
      env: { CARREL_DATA_DIR: nowhere },
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('DEMO_RESET_NOT_DEMO')
    expect(existsSync(nowhere)).toBe(false)
  })

  it('refuses a demo marker whose library lives in PostgreSQL, without connecting to it', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    markDemoDataDir(dataDir, new Date())
    const refused = await runCli(['demo', 'reset', '--yes'], {
      cwd,
      env: {
        CARREL_DATA_DIR: dataDir,
        // Nothing listens here: a refusal that connected first would fail differently.
        CARREL_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/not_a_demo',
      },
    })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('DEMO_RESET_NEEDS_SQLITE')
    expect(refused.stderr).not.toMatch(STACK_LINE)
    expect(readdirSync(dataDir)).toEqual(['demo.json'])
  })

  it('asks first, refuses while the library is open, then starts the demo over', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    await smallDemo(dataDir)
    const env = { CARREL_DATA_DIR: dataDir }
    const records = join(dataDir, 'records.sqlite')
    const keys = join(dataDir, 'keys.sqlite')
    const marker = readFileSync(join(dataDir, 'demo.json'), 'utf8')
    const masterKey = readFileSync(join(dataDir, 'master.key'), 'utf8')
    const oldPatrons = query<{ id: string }>(records, 'select id from patrons').map((r) => r.id)
    const oldKeys = query<{ patron_id: string }>(keys, 'select patron_id from patron_keys')
    expect(oldPatrons.length).toBe(6)
    expect(oldKeys.length).toBe(6)
    const before = snapshot(dataDir)

    // Declined, or no answer at all: nothing changes.
    for (const input of ['no\n', '']) {
      const declined = await runCli(['demo', 'reset'], { cwd, env, input })
      expect(declined.code, JSON.stringify(input)).toBe(1)
      expect(declined.stderr).toContain('Type "yes" to go on')
      expect(declined.stderr).toContain(dataDir)
      expect(declined.stderr).toContain('DEMO_RESET_NOT_CONFIRMED')
      expect(declined.stderr).toContain('nothing was removed')
      expect(declined.stderr).not.toMatch(STACK_LINE)
      if (input === '') expect(declined.stderr).toContain('--yes')
      expect(snapshot(dataDir)).toEqual(before)
    }

    // A process holding the records database open, as a running server does.
    const open = openSqlite(records)
    try {
      open.raw.prepare('select count(*) from staff').get()
      const busy = await runCli(['demo', 'reset', '--yes'], { cwd, env })
      expect(busy.code).toBe(1)
      expect(busy.stderr).toContain('DEMO_IN_USE')
      expect(busy.stderr).toContain('carrel serve')
      expect(busy.stderr).not.toMatch(STACK_LINE)
      expect(
        query<{ n: number }>(
          records,
          "select count(*) as n from staff where username = 'added-later'",
        ),
      ).toEqual([{ n: 1 }])
    } finally {
      open.raw.close()
    }

    const reset = await runCli(['demo', 'reset'], { cwd, env, input: 'yes\n' })
    expect(reset.code, reset.stderr).toBe(0)
    expect(reset.stderr).not.toMatch(STACK_LINE)
    expect(reset.stdout).toContain('carrel serve --demo')

    // A new library: the demo staff only, new patrons, new keys, an audit log that starts again.
    const staff = query<{ username: string }>(records, 'select username from staff order by 1')
    expect(staff.map((s) => s.username)).toEqual([
      'demo-admin',
      'demo-desk',
      'demo-librarian',
      'demo-privacy',
    ])
    const newPatrons = query<{ id: string }>(records, 'select id from patrons').map((r) => r.id)
    expect(newPatrons.length).toBeGreaterThanOrEqual(250)
    expect(newPatrons.filter((id) => oldPatrons.includes(id))).toEqual([])
    const newKeys = query<{ patron_id: string }>(keys, 'select patron_id from patron_keys')
    expect(newKeys.length).toBe(newPatrons.length)
    expect(newKeys.filter((k) => oldPatrons.includes(k.patron_id))).toEqual([])
    const audited = query<{ patron_id: string }>(
      records,
      'select distinct patron_id from audit_log where patron_id is not null',
    )
    expect(audited.length).toBeGreaterThan(0)
    expect(audited.filter((a) => oldPatrons.includes(a.patron_id))).toEqual([])
    // The master key and the demo marker are kept: it is still the same demo directory.
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).toBe(masterKey)
    expect(statSync(join(dataDir, 'master.key')).mode & 0o077).toBe(0)
    expect(readFileSync(join(dataDir, 'demo.json'), 'utf8')).toBe(marker)

    const verified = await runCli(['audit', 'verify'], { cwd, env })
    expect(verified.code, verified.stderr).toBe(0)

    // --yes asks nothing and starts over again.
    const again = await runCli(['demo', 'reset', '--yes'], { cwd, env })
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).not.toContain('Type "yes"')
    const latest = query<{ id: string }>(records, 'select id from patrons').map((r) => r.id)
    expect(latest.length).toBe(newPatrons.length)
    expect(latest.filter((id) => newPatrons.includes(id))).toEqual([])
  }, 180_000)
})
