import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { RetentionRuleId } from '../privacy/retention-rules.js'
import type { Batch, SweepContext, TableSweep } from '../privacy/retention/sweeps.js'
import { forgetMaildrop } from '../comms/newsletter-store.js'
import { destroyRecordKey } from './record-keys.js'

export const CLOSED_STATUSES = ['fulfilled', 'partially_denied', 'denied', 'withdrawn'] as const

/**
 * Suggestions past their period. One still listed for a records request is kept with the request
 * (REQ-3.5: records under a pending request are not destroyed), until that request goes.
 */
function dueSuggestions(s: SweepContext) {
  return s.db
    .selectFrom('suggestions')
    .select(['id', 'received_on as at'])
    .where('received_on', '<', s.cutoff.slice(0, 10))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('records_request_items')
            .select('records_request_items.id')
            .whereRef('records_request_items.suggestion_id', '=', 'suggestions.id'),
        ),
      ),
    )
    .$if(s.after !== undefined, (q) => q.where('id', '>', String(s.after)))
}

/** Requests closed before the cutoff day. */
function dueRequests(s: SweepContext) {
  return s.db
    .selectFrom('records_requests')
    .select(['id', 'decided_on as at'])
    .where('status', 'in', [...CLOSED_STATUSES])
    .where('decided_on', '<', s.cutoff.slice(0, 10))
    .$if(s.after !== undefined, (q) => q.where('id', '>', String(s.after)))
}

function batchOf(rows: { id: string; at: string | null }[]): Batch {
  const days = rows.map((r) => r.at ?? '').sort()
  const last = rows.at(-1)?.id
  return {
    count: rows.length,
    ...(last !== undefined && { last }),
    ...(days.length > 0 && { from: days[0], to: days.at(-1) }),
  }
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

/** Keys first (crypto-shredding: no copy of a name or address stays readable), then the rows. */
export const RECORDS_SWEEPS: Partial<Record<RetentionRuleId, TableSweep>> = {
  suggestions: {
    count: (s) => (s.keys === undefined ? Promise.resolve(0) : count(s.db, dueSuggestions(s))),
    batch: async (s) => {
      if (s.keys === undefined) return { count: 0 }
      const rows = await dueSuggestions(s).orderBy('id').limit(s.limit).execute()
      if (rows.length === 0) return { count: 0 }
      const ids = rows.map((r) => r.id)
      for (const id of ids) await destroyRecordKey(s.keys, 'suggestion', id)
      await s.db.deleteFrom('suggestions').where('id', 'in', ids).execute()
      // An answer written to the maildrop is filed under the suggestion's id.
      forgetMaildrop(s.dataDir, ids)
      return batchOf(rows)
    },
  },
  'records-requests': {
    count: (s) => (s.keys === undefined ? Promise.resolve(0) : count(s.db, dueRequests(s))),
    batch: async (s) => {
      if (s.keys === undefined) return { count: 0 }
      const rows = await dueRequests(s).orderBy('id').limit(s.limit).execute()
      if (rows.length === 0) return { count: 0 }
      const ids = rows.map((r) => r.id)
      for (const id of ids) await destroyRecordKey(s.keys, 'records-request', id)
      await s.db.deleteFrom('records_request_items').where('request_id', 'in', ids).execute()
      await s.db.deleteFrom('records_requests').where('id', 'in', ids).execute()
      return batchOf(rows)
    },
  },
}
