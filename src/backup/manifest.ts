import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Engine } from '../db/dialect.js'
import { BackupError } from './backup-error.js'

export const MANIFEST_FILE = 'manifest.json'
export const STORES = ['records', 'keys', 'statistics'] as const
export type StoreName = (typeof STORES)[number]

export interface StoreCopy {
  /** The last migration applied to the store when it was copied (none: an empty store). */
  lastMigration: string | null
  file: string
  bytes: number
  sha256: string
}

/** What a backup directory holds; written last, so a directory without one is not a backup. */
export interface Manifest {
  format: 1
  carrel: string
  engine: Engine
  /** When the copy began (UTC); everything committed before it is in the copy. */
  takenAt: string
  /** After this (UTC) the key-store copy must not be restored (backup.keystoreDays). */
  keystoreExpiresAt: string
  stores: Record<StoreName, StoreCopy>
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export async function describeFile(
  dir: string,
  file: string,
  lastMigration: string | null,
): Promise<StoreCopy> {
  const path = join(dir, file)
  return { lastMigration, file, bytes: statSync(path).size, sha256: await sha256Of(path) }
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', {
    mode: 0o600,
    flag: 'wx',
  })
}

/** The manifest of a backup directory, checked for shape (not yet for checksums). */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE)
  if (!existsSync(path))
    throw new BackupError(
      'BACKUP_NOT_FOUND',
      `${dir} is not a Carrel backup: it has no ${MANIFEST_FILE}.`,
    )
  let m: Partial<Manifest>
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>
  } catch {
    throw new BackupError('BACKUP_MANIFEST_INVALID', `${path} cannot be read as JSON.`)
  }
  const storesOk =
    typeof m.stores === 'object' &&
    m.stores !== null &&
    STORES.every((s) => {
      const c = m.stores?.[s]
      return (
        c !== undefined &&
        typeof c.file === 'string' &&
        /^[a-z]+\.(sqlite|dump)$/.test(c.file) &&
        typeof c.sha256 === 'string' &&
        typeof c.bytes === 'number'
      )
    })
  if (
    m.format !== 1 ||
    (m.engine !== 'sqlite' && m.engine !== 'postgres') ||
    typeof m.takenAt !== 'string' ||
    typeof m.keystoreExpiresAt !== 'string' ||
    Number.isNaN(Date.parse(m.takenAt)) ||
    Number.isNaN(Date.parse(m.keystoreExpiresAt)) ||
    !storesOk
  )
    throw new BackupError(
      'BACKUP_MANIFEST_INVALID',
      `${path} is not a manifest this version of Carrel understands.`,
    )
  return m as Manifest
}

/** Every file of the backup, checked against the manifest's size and SHA-256; the first mismatch throws. */
export async function verifyChecksums(dir: string, manifest: Manifest): Promise<void> {
  for (const store of STORES) {
    const copy = manifest.stores[store]
    const path = join(dir, copy.file)
    if (!existsSync(path))
      throw new BackupError('BACKUP_FILE_MISSING', `${path} is missing from the backup.`)
    if (statSync(path).size !== copy.bytes || (await sha256Of(path)) !== copy.sha256)
      throw new BackupError(
        'BACKUP_CHECKSUM_MISMATCH',
        `${path} does not match its checksum in ${MANIFEST_FILE}: the file is damaged or was changed; use another backup.`,
      )
  }
}
