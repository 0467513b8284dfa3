import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { RetentionRuleId } from '../privacy/retention-rules.js'
import type { Batch, SweepContext, TableSweep } from '../privacy/retention/sweeps.js'

/**
 * The retention sweeps of the waiting list and the guest passes. The day's own work deletes them
 * sooner (a served, left or missed place at once, the rest when the day ends, a pass after
 * closing: see `sweepComputerQueue`, `sweepGuestPasses`); these are the scheduled backstop with a
 * disposal record, and they take the ticket counters of past days with the places.
 */
function duePlaces(s: SweepContext) {
  let q = s.db
    .selectFrom('computer_queue')
    .select(['id', 'joined_on as at'])
    .where('joined_on', '<', s.cutoff.slice(0, 10))
  if (s.heldPatrons.length > 0)
    q = q.where((eb) =>
      eb.or([eb('patron_id', 'is', null), eb('patron_id', 'not in', s.heldPatrons)]),
    )
  if (s.after !== undefined) q = q.where('id', '>', String(s.after))
  return q
}

function duePasses(s: SweepContext) {
  let q = s.db
    .selectFrom('guest_passes')
    .select(['id', 'valid_on as at'])
    .where('expires_at', '<', s.cutoff)
  if (s.after !== undefined) q = q.where('id', '>', String(s.after))
  return q
}

async function count<O>(
  db: Kysely<RecordsDb>,
  q: SelectQueryBuilder<RecordsDb, keyof RecordsDb, O>,
): Promise<number> {
  const row = await db
    .selectFrom(q.as('due'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

function batchOf(rows: { id: string; at: string }[]): Batch {
  const days = rows.map((r) => r.at).sort()
  const last = rows.at(-1)?.id
  return {
    count: rows.length,
    ...(last !== undefined && { last }),
    ...(days.length > 0 && { from: days[0], to: days.at(-1) }),
  }
}

export const COMPUTER_QUEUE_SWEEPS: Partial<Record<RetentionRuleId, TableSweep>> = {
  'computer-queue': {
    count: (s) => count(s.db, duePlaces(s)),
    batch: async (s) => {
      await s.db
        .deleteFrom('computer_queue_tickets')
        .where('day', '<', s.cutoff.slice(0, 10))
        .execute()
      const rows = await duePlaces(s).orderBy('id').limit(s.limit).execute()
      if (rows.length === 0) return { count: 0 }
      await s.db
        .deleteFrom('computer_queue')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      return batchOf(rows)
    },
  },
  'guest-passes': {
    count: (s) => count(s.db, duePasses(s)),
    batch: async (s) => {
      const rows = await duePasses(s).orderBy('id').limit(s.limit).execute()
      if (rows.length === 0) return { count: 0 }
      await s.db
        .deleteFrom('guest_passes')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      return batchOf(rows)
    },
  },
}
