import type { Kysely } from 'kysely'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'

/**
 * Library set-up kept in memory between transactions, checked against the database's version row
 * (migration 0030) on every use: one small read instead of five table reads, and a change made by
 * any process, or by hand in SQL, is seen by the next transaction everywhere. Entries are keyed by
 * the database's random stamp, so the contexts of one process (tests, benches) never share one.
 */
const cache = new Map<string, { version: string; value: unknown }>()

/** Most databases one process keeps set-ups for (tests open hundreds; a server opens one). */
const MAX_DATABASES = 64

const versionRow = precompiled((db: Kysely<RecordsDb>, _: Record<string, never>) =>
  db.selectFrom('library_version').select(['stamp', 'version']),
)

export async function versioned<T>(
  db: Kysely<RecordsDb>,
  kind: string,
  load: (db: Kysely<RecordsDb>) => Promise<T>,
): Promise<T> {
  const {
    rows: [row],
  } = await versionRow(db, {})
  // No version row (a database migrated by hand past it is not supported): never cache.
  if (row === undefined) return load(db)
  const key = `${row.stamp}:${kind}`
  const hit = cache.get(key)
  if (hit !== undefined && hit.version === row.version) return hit.value as T
  // Read after the version: what is stored is never older than the version it is stored under.
  const value = await load(db)
  if (!cache.has(key) && cache.size >= MAX_DATABASES * 2) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  cache.set(key, { version: row.version, value: deepFreeze(value) })
  return value
}

/** Shared between callers: frozen, so a caller that sorts or edits its copy fails loudly. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
