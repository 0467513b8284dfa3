import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'

/** How stale "last seen" may be: staff need to spot a computer that is off, not its every beat. */
export const SEEN_EVERY_MS = 30_000

/**
 * Records that a computer reported, at most once per SEEN_EVERY_MS: heartbeats come every few
 * seconds from every computer, and a write each time was most of a heartbeat's cost.
 */
export async function markSeen(
  db: Kysely<RecordsDb>,
  computerId: string,
  now: Date,
): Promise<void> {
  const stale = new Date(now.getTime() - SEEN_EVERY_MS).toISOString()
  await db
    .updateTable('computers')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', computerId)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', stale)]))
    .execute()
}
