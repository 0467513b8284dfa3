import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

/**
 * The commands themselves, on SQLite (both engines' copying and restoring are tested in
 * test/backup): what they print, how they refuse, and that prune asks before deleting.
 */
describe('carrel backup and carrel restore', () => {
  afterAll(removeTempDirs)
  const cwd = tempDir()
  const dataDir = join(cwd, 'data')
  const backups = join(cwd, 'backups')
  const env = { CARREL_DATA_DIR: dataDir }
  const carrel = (args: string[], input?: string) =>
    runCli(args, { cwd, env, ...(input !== undefined && { input }) })

  it('backs up without the master key, verifies, prunes only expired copies after asking, and restores in place', async () => {
    expect((await carrel(['init'])).code).toBe(0)
    expect((await carrel(['migrate'])).code).toBe(0)
    const one = join(backups, 'one')
    const made = await carrel(['backup', one])
    expect(made.code, made.stderr).toBe(0)
    expect(made.stdout).toContain('The master key is NOT in the backup')
    expect(made.stdout).toContain(join(dataDir, 'master.key'))
    expect(made.stdout).toMatch(/expires on \d{4}-\d{2}-\d{2}T/)
    expect(readdirSync(one).sort()).toEqual([
      'keys.sqlite',
      'manifest.json',
      'records.sqlite',
      'statistics.sqlite',
    ])
    const masterKey = readFileSync(join(dataDir, 'master.key'), 'utf8').trim()
    for (const f of readdirSync(one))
      expect(readFileSync(join(one, f)).includes(masterKey), f).toBe(false)

    const again = await carrel(['backup', one])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('(BACKUP_TARGET_NOT_EMPTY)')
    expect(again.stderr).not.toMatch(STACK_LINE)
    expect(readdirSync(one)).toHaveLength(4)

    // A copy whose key store has expired, and a damaged copy of that.
    const old = join(backups, 'old')
    cpSync(one, old, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(old, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >
    writeFileSync(
      join(old, 'manifest.json'),
      JSON.stringify({ ...manifest, keystoreExpiresAt: '2020-01-01T00:00:00.000Z' }),
    )
    const damaged = join(cwd, 'damaged')
    cpSync(one, damaged, { recursive: true })
    writeFileSync(join(damaged, 'keys.sqlite'), 'not what was backed up')
    const verify = await carrel(['backup', 'verify', damaged])
    expect(verify.code).toBe(2)
    expect(verify.stderr).toContain('(BACKUP_CHECKSUM_MISMATCH)')

    const unanswered = await carrel(['backup', 'prune', backups])
    expect(unanswered.code).toBe(1)
    expect(unanswered.stderr).toContain('(BACKUP_PRUNE_NOT_CONFIRMED)')
    expect(existsSync(old)).toBe(true)
    const pruned = await carrel(['backup', 'prune', backups, '--yes'])
    expect(pruned.code, pruned.stderr).toBe(0)
    expect(pruned.stdout).toContain(old)
    expect(pruned.stdout).toContain('1 kept')
    expect(existsSync(old)).toBe(false)
    expect(existsSync(one)).toBe(true)

    // The stores are lost; master.key and the journal stay. A disposal made after the backup is
    // in the journal: the restore sweeps that series again and says so.
    for (const f of readdirSync(dataDir))
      if (/\.sqlite(-wal|-shm)?$/.test(f)) rmSync(join(dataDir, f))
    mkdirSync(join(dataDir, 'erasure-journal'), { recursive: true, mode: 0o700 })
    const today = new Date().toISOString().slice(0, 10)
    writeFileSync(
      join(dataDir, 'erasure-journal', `${today}.jsonl`),
      JSON.stringify({
        id: 'e0d3c1f8-5b7a-4c61-9d0e-2a4b6c8d0f12',
        kind: 'disposal',
        day: today,
        series: 'pin-failures',
        cutoff: new Date().toISOString(),
        authority: 'Application 24-017, item 9',
      }) + '\n',
      { mode: 0o600 },
    )
    const restored = await carrel(['restore', one])
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toContain('Restored the backup taken')
    expect(restored.stdout).toMatch(/Erasure journal: 1 entry/)
    expect(restored.stdout).toMatch(/swept again: pin-failures up to .*: 0 record\(s\)/)
    expect(existsSync(join(dataDir, 'records.sqlite'))).toBe(true)
  })
})
