import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The erasure journal: one line for every erasure and every retention disposal, kept in the data
 * directory beside the master key — outside the records store and outside every backup — so that
 * a restored backup can be brought back to what was destroyed after it was taken. It holds no
 * personal data: a patron's random id, a record series and its cutoff, and the day.
 *
 * One file per UTC day (`<day>.jsonl`), so pruning deletes whole files and never rewrites one that
 * another process may be appending to.
 */
export const JOURNAL_DIR = 'erasure-journal'

export type JournalEntry =
  | { id: string; kind: 'erasure'; day: string; patron: string }
  | {
      id: string
      kind: 'disposal'
      day: string
      series: string
      /** The sweep's cutoff: records dated before it were due. */
      cutoff: string
      authority: string
    }

type NewEntry =
  | { kind: 'erasure'; patron: string }
  | { kind: 'disposal'; series: string; cutoff: string; authority: string }

export function journalDir(dataDir: string): string {
  return join(dataDir, JOURNAL_DIR)
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/

/**
 * Appends one entry and waits until it is on disk (the file, and the directory entry of a new
 * file). Callers append BEFORE they commit what the entry describes: a crash can then leave an
 * entry for something that never committed, which re-applying completes or finds already done,
 * but never a committed erasure without its entry. Old day files are pruned on the way.
 */
export async function appendJournal(
  dataDir: string,
  entry: NewEntry,
  now: Date,
  keepDays: number,
): Promise<JournalEntry> {
  const dir = journalDir(dataDir)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const day = now.toISOString().slice(0, 10)
  const full = { id: randomUUID(), day, ...entry } as JournalEntry
  const path = join(dir, `${day}.jsonl`)
  const isNew = !existsSync(path)
  const handle = await open(path, 'a', 0o600)
  try {
    await handle.appendFile(JSON.stringify(full) + '\n', 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  if (isNew) {
    await syncDirectory(dir)
    await pruneJournal(dataDir, keepDays, now)
  }
  return full
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // Some file systems cannot sync a directory; the entry itself is already on disk.
  } finally {
    await handle.close()
  }
}

/**
 * Every entry, oldest day first and in the order written. A line cut short by a crash while it
 * was being written is skipped: its act had not been committed yet, as appends come first.
 */
export async function readJournal(dataDir: string): Promise<JournalEntry[]> {
  const dir = journalDir(dataDir)
  if (!existsSync(dir)) return []
  const files = (await readdir(dir)).filter((f) => DAY_FILE.test(f)).sort()
  const out: JournalEntry[] = []
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8')
    for (const line of text.split('\n')) {
      const entry = parseLine(line)
      if (entry !== undefined) out.push(entry)
    }
  }
  return out
}

function parseLine(line: string): JournalEntry | undefined {
  if (line.trim() === '') return undefined
  try {
    const e = JSON.parse(line) as Partial<JournalEntry>
    if (typeof e.id !== 'string' || typeof e.day !== 'string') return undefined
    if (e.kind === 'erasure' && typeof e.patron === 'string') return e as JournalEntry
    if (e.kind === 'disposal' && typeof e.series === 'string' && typeof e.cutoff === 'string')
      return e as JournalEntry
    return undefined
  } catch {
    return undefined
  }
}

/**
 * Deletes the day files older than the oldest backup that may still be restored: a backup whose
 * key store is older than `keepDays` is refused, so nothing before its day is ever needed again.
 * One spare day covers a backup taken late on its first day.
 */
export async function pruneJournal(dataDir: string, keepDays: number, now: Date): Promise<void> {
  const dir = journalDir(dataDir)
  if (!existsSync(dir)) return
  const oldest = new Date(now.getTime() - (keepDays + 1) * 86_400_000).toISOString().slice(0, 10)
  for (const file of await readdir(dir)) {
    const day = DAY_FILE.exec(file)?.[1]
    if (day !== undefined && day < oldest) await rm(join(dir, file), { force: true })
  }
}
