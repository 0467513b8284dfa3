import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  appendFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { runPgTool } from '../../src/backup/pg-tools.js'
import { DAY } from '../../src/clock.js'
import { loadConfig } from '../../src/config/config.js'
import { translator } from '../../src/i18n/i18n.js'
import { howLongText, privacyNotice } from '../../src/policy/privacy-notice.js'
import { appendJournal, journalDir, readJournal } from '../../src/privacy/erasure-journal.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carrel-journal-'))
  made.push(dir)
  return dir
}

const PATRON = '5f0c9a53-2e8b-4b7e-9c1d-7a3e6f2b8d40'

it('keeps each entry on disk, readable by its owner only, with the day and never the time', async () => {
  const dataDir = tempDir()
  const at = new Date('2026-03-02T17:45:12.345Z')
  const entry = await appendJournal(dataDir, { kind: 'erasure', patron: PATRON }, at, 30)
  const file = join(journalDir(dataDir), '2026-03-02.jsonl')
  expect(statSync(file).mode & 0o777).toBe(0o600)
  expect(statSync(journalDir(dataDir)).mode & 0o777).toBe(0o700)
  const text = readFileSync(file, 'utf8')
  expect(text).not.toContain('17:45')
  expect(JSON.parse(text)).toEqual({
    id: entry.id,
    kind: 'erasure',
    day: '2026-03-02',
    patron: PATRON,
  })
  // A line cut short by a crash is skipped; the entries around it are kept.
  appendFileSync(file, '{"id":"x","kind":"era')
  appendFileSync(file, '\n')
  await appendJournal(dataDir, { kind: 'erasure', patron: PATRON }, at, 30)
  expect((await readJournal(dataDir)).map((e) => e.kind)).toEqual(['erasure', 'erasure'])
})

it('drops the days older than any backup that may still be restored, and only those', async () => {
  const dataDir = tempDir()
  const first = new Date('2026-01-01T08:00:00Z')
  await appendJournal(dataDir, { kind: 'erasure', patron: PATRON }, first, 30)
  await appendJournal(
    dataDir,
    { kind: 'disposal', series: 'pin-failures', cutoff: '2026-01-30T08:00:00.000Z', authority: '' },
    new Date(first.getTime() + 31 * DAY),
    30,
  )
  // 31 days on, a backup taken on the first day expired a day ago but may have been taken late
  // in it: the day is still kept.
  expect(readdirSync(journalDir(dataDir)).sort()).toEqual(['2026-01-01.jsonl', '2026-02-01.jsonl'])
  await appendJournal(
    dataDir,
    { kind: 'erasure', patron: PATRON },
    new Date(first.getTime() + 32 * DAY),
    30,
  )
  expect(readdirSync(journalDir(dataDir)).sort()).toEqual(['2026-02-01.jsonl', '2026-02-02.jsonl'])
  expect((await readJournal(dataDir)).map((e) => e.day)).toEqual(['2026-02-01', '2026-02-02'])
})

it('reads the days in date order, whatever order their files were made in, and nothing but day files', async () => {
  const dataDir = tempDir()
  const days = ['2026-01-05', '2026-01-02', '2026-01-08', '2026-01-01', '2026-01-03']
  for (const day of days)
    await appendJournal(
      dataDir,
      { kind: 'erasure', patron: PATRON },
      new Date(`${day}T12:00:00Z`),
      3650,
    )
  // Something else in the folder (an editor's copy, a note) is not part of the journal.
  const stray = JSON.stringify({ id: 'stray', kind: 'erasure', day: '2026-01-04', patron: PATRON })
  writeFileSync(join(journalDir(dataDir), 'notes.txt'), stray + '\n')
  writeFileSync(join(journalDir(dataDir), '2026-01-04.jsonl.bak'), stray + '\n')
  // A new day's first entry prunes old days, passing over the other files.
  await appendJournal(
    dataDir,
    { kind: 'erasure', patron: PATRON },
    new Date('2026-01-09T12:00:00Z'),
    3650,
  )
  expect((await readJournal(dataDir)).map((e) => e.day)).toEqual([...days, '2026-01-09'].sort())
})

it('skips every line that is not a whole entry of a kind it knows', async () => {
  const dataDir = tempDir()
  const kept = await appendJournal(
    dataDir,
    { kind: 'erasure', patron: PATRON },
    new Date('2026-01-02T09:00:00Z'),
    30,
  )
  const day = '2026-01-02'
  const cutoff = '2026-01-01T00:00:00.000Z'
  const bad = [
    { day, kind: 'erasure', patron: PATRON },
    { id: 'no-day', kind: 'erasure', patron: PATRON },
    { id: 'no-patron', day, kind: 'erasure' },
    { id: 'no-cutoff', day, kind: 'disposal', series: 'pin-failures' },
    { id: 'no-series', day, kind: 'disposal', cutoff },
    { id: 'unknown-kind', day, kind: 'wipe', patron: PATRON, series: 'pin-failures', cutoff },
    { id: 42, day, kind: 'erasure', patron: PATRON },
    null,
    7,
  ]
  appendFileSync(
    join(journalDir(dataDir), `${day}.jsonl`),
    bad.map((b) => JSON.stringify(b)).join('\n') + '\n\n   \n',
  )
  expect(await readJournal(dataDir)).toEqual([kept])
})

it('closes every file and folder it opens to write an entry', async () => {
  const dataDir = tempDir()
  const openNow = () => readdirSync('/proc/self/fd').length
  const first = new Date('2026-01-01T08:00:00Z')
  const left: number[] = []
  // Each a new day: its file, then the folder, synced so the new file's name is on disk too.
  // Counted after each entry: a leaked handle is closed by the garbage collector only later.
  for (let i = 0; i < 5; i++) {
    const before = openNow()
    await appendJournal(
      dataDir,
      { kind: 'erasure', patron: PATRON },
      new Date(first.getTime() + i * DAY),
      30,
    )
    left.push(openNow() - before)
  }
  expect(left).toEqual([0, 0, 0, 0, 0])
})

it('gives pg_dump and pg_restore the password in their environment, never on the command line', async () => {
  const dir = tempDir()
  const tool = join(dir, 'fake-pg-tool')
  writeFileSync(
    tool,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(dir, 'args')}"\nprintf '%s' "$PGPASSWORD" > "${join(dir, 'password')}"\n`,
  )
  chmodSync(tool, 0o700)
  await runPgTool(tool, ['--format=custom'], 'postgres://carrel:s%3Cecret@db.example:5432/records')
  const args = readFileSync(join(dir, 'args'), 'utf8')
  expect(args).not.toContain('ecret')
  expect(args).toContain('--dbname=postgres://carrel@db.example:5432/records')
  expect(readFileSync(join(dir, 'password'), 'utf8')).toBe('s<ecret')
  expect(existsSync(tool)).toBe(true)
})

it('is on the privacy notice, kept as long as backup.keystoreDays says', () => {
  const config = loadConfig({ env: {}, overrides: { backup: { keystoreDays: 14 } } })
  const items = privacyNotice(config).flatMap((s) => s.items)
  const journal = items.find((i) => i.what === 'erasure journal')
  expect(journal?.rules).toEqual(['erasure-journal'])
  expect(howLongText(translator('en'), config, 'erasure-journal')).toBe(
    'At most 15 days: as long as a backup may still be restored, so that restoring one never brings back what was erased or disposed of. Then the line is deleted.',
  )
})
