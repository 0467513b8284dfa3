import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { readMasterKey } from '../../src/config/secrets.js'
import { createContext } from '../../src/context.js'
import { signInStaff } from '../../src/staff/staff.service.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

describe('carrel init, migrate and staff create', () => {
  afterAll(removeTempDirs)

  it('creates an owner-only master key, never prints it, and leaves an existing one alone', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    const first = await runCli(['init'], { cwd, env: { CARREL_DATA_DIR: dataDir } })
    expect(first.code).toBe(0)
    const keyFile = join(dataDir, 'master.key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const key = readFileSync(keyFile, 'utf8').trim()
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect(first.stdout).toContain(keyFile)
    expect(first.stdout).toMatch(/back it up/i)
    expect(first.stdout + first.stderr).not.toContain(key)

    const again = await runCli(['init'], { cwd, env: { CARREL_DATA_DIR: dataDir } })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('already exists')
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key)
    expect(again.stdout + again.stderr).not.toContain(key)
  })

  it('puts the key file in the data directory even when PostgreSQL holds the data', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'keys-here')
    // init never connects, so any well-formed URL will do.
    const result = await runCli(['init'], {
      cwd,
      env: {
        CARREL_DATA_DIR: dataDir,
        CARREL_DATABASE_URL: 'postgres://carrel@localhost/carrel_never_used',
      },
    })
    expect(result.code).toBe(0)
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600)
    expect(result.stdout).toContain('PostgreSQL')
  })

  it('migrates, then creates a staff account with the password from stdin', async () => {
    const cwd = tempDir()
    const env = { CARREL_DATA_DIR: join(cwd, 'data') }
    const noKey = await runCli(
      ['staff', 'create', '--username', 'early', '--name', 'Early', '--role', 'admin'],
      {
        cwd,
        env,
        input: 'long enough password\n',
      },
    )
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toContain('carrel init')
    expect(noKey.stderr).not.toMatch(STACK_LINE)

    expect((await runCli(['init'], { cwd, env })).code).toBe(0)
    const migrated = await runCli(['migrate'], { cwd, env })
    expect(migrated.code).toBe(0)
    expect(migrated.stdout).toContain('records/0001-staff')
    expect(migrated.stdout).toContain('keys/0001-patron-keys')
    expect((await runCli(['migrate'], { cwd, env })).stdout).toContain('up to date')

    const password = 'tulip lantern 42'
    const created = await runCli(
      ['staff', 'create', '--username', 'mira', '--name', 'Mira Okafor', '--role', 'librarian'],
      { cwd, env, input: `${password}\nignored second line\n` },
    )
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(created.stdout).toContain('mira')
    expect(created.stdout).not.toContain(password)

    const weak = await runCli(
      ['staff', 'create', '--username', 'weak', '--name', 'Weak', '--role', 'admin'],
      {
        cwd,
        env,
        input: 'short\n',
      },
    )
    expect(weak.code).toBe(2)
    expect(weak.stderr).toContain('WEAK_PASSWORD')
    expect(weak.stderr).not.toMatch(STACK_LINE)

    // The account works with exactly the password that was piped in.
    const config = loadConfig({
      env: {},
      overrides: {
        dataDir: env.CARREL_DATA_DIR,
        security: { argon2MemoryKiB: 256, argon2TimeCost: 1 },
      },
    })
    const ctx = await createContext(config, {
      masterKey: readMasterKey(config.dataDir, {}),
      logger: pino({ level: 'silent' }),
    })
    try {
      const session = await signInStaff(ctx, 'mira', password)
      expect(session.staff).toMatchObject({ displayName: 'Mira Okafor', role: 'librarian' })
      await expect(signInStaff(ctx, 'weak', 'short')).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      })
    } finally {
      await ctx.close()
    }
  })

  it('stops on a bad configuration value with a message naming it and exit code 2', async () => {
    const cwd = tempDir()
    const result = await runCli(['serve'], {
      cwd,
      env: { CARREL_DATA_DIR: join(cwd, 'data'), CARREL_HTTP_PORT: 'abc' },
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('CARREL_HTTP_PORT')
    expect(result.stderr).toContain('http.port')
    expect(result.stderr).not.toMatch(STACK_LINE)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('answers an unknown command with exit code 2', async () => {
    const result = await runCli(['shelve'], { cwd: tempDir(), env: {} })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('shelve')
  })
})
