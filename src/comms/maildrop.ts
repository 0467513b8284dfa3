import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { notFound } from '../errors.js'
import { newId } from '../ids.js'

/**
 * The maildrop: with no mail server configured, every message is written here as an RFC 5322
 * `.eml` file instead of being sent, so staff can see what patrons would get ("Mail not sent").
 * The files hold personal data (address, name, what the notice says): they are in the data
 * inventory and deleted by the retention sweep's `maildrop` series.
 *
 * A file is named `<local day>.<patron id>.<notice id>.eml`: the day lets the sweep find what is
 * due and the patron id lets it spare records under a legal hold, without opening any file. The
 * notice id makes writing idempotent: a notice written again after a crash replaces its file.
 */
export const MAILDROP_FOLDER = 'mail'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const NAME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})\\.(${UUID})\\.(${UUID})\\.eml$`)

export interface MaildropRef {
  /** The library's local day the message was written. */
  day: string
  patronId: string
  noticeId: string
}

export interface MaildropEntry extends MaildropRef {
  name: string
}

export const maildropDir = (dataDir: string): string => join(dataDir, MAILDROP_FOLDER)

export const maildropName = (ref: MaildropRef): string =>
  `${ref.day}.${ref.patronId}.${ref.noticeId}.eml`

export function parseMaildropName(name: string): MaildropEntry | undefined {
  const m = NAME.exec(name)
  if (m === null) return undefined
  return { name, day: m[1] ?? '', patronId: m[2] ?? '', noticeId: m[3] ?? '' }
}

/** Writes one message, readable by its owner only; a reader never sees half a file. */
export function writeMaildrop(dataDir: string, ref: MaildropRef, raw: Buffer): string {
  const dir = maildropDir(dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const name = maildropName(ref)
  const partial = join(dir, `.${newId()}.partial`)
  writeFileSync(partial, raw, { mode: 0o600, flag: 'wx' })
  renameSync(partial, join(dir, name))
  return name
}

/** Every message in the maildrop, newest day first (files whose names are not ours are left out). */
export function listMaildrop(dataDir: string): MaildropEntry[] {
  let names: string[]
  try {
    names = readdirSync(maildropDir(dataDir))
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return []
    throw err
  }
  return names
    .map(parseMaildropName)
    .filter((e): e is MaildropEntry => e !== undefined)
    .sort((a, b) => (a.day === b.day ? a.name.localeCompare(b.name) : b.day.localeCompare(a.day)))
}

/** One message's bytes; a name that is not a maildrop file's, or a file gone, is MAIL_NOT_FOUND. */
export function readMaildrop(dataDir: string, name: string): { entry: MaildropEntry; raw: Buffer } {
  const entry = parseMaildropName(name)
  const missing = () =>
    notFound(
      'MAIL_NOT_FOUND',
      'There is no such message in the maildrop (it may have been deleted).',
    )
  if (entry === undefined) throw missing()
  try {
    return { entry, raw: readFileSync(join(maildropDir(dataDir), entry.name)) }
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw missing()
    throw err
  }
}

export interface MaildropSweep {
  /** Files written before this local day are due. */
  beforeDay: string
  /** Patrons under a legal hold: their files stay. */
  heldPatrons: readonly string[]
  limit: number
  /** Start after this file name (the sweep walks names in order). */
  after?: string
}

/** Files due for deletion, in name order, at most `limit`. */
export function dueMaildrop(dataDir: string, s: Omit<MaildropSweep, 'limit'>): MaildropEntry[] {
  const held = new Set(s.heldPatrons)
  return listMaildrop(dataDir)
    .filter(
      (e) =>
        e.day < s.beforeDay && !held.has(e.patronId) && (s.after === undefined || e.name > s.after),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Deletes one batch of due files; returns what it deleted. */
export function sweepMaildrop(dataDir: string, s: MaildropSweep): MaildropEntry[] {
  const batch = dueMaildrop(dataDir, s).slice(0, s.limit)
  for (const e of batch) rmSync(join(maildropDir(dataDir), e.name), { force: true })
  return batch
}
