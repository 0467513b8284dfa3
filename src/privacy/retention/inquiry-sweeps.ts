import type { Kysely } from 'kysely'
import { eraseInquiryRows } from '../../comms/inquiry-erasure.js'
import type { RecordsDb } from '../../db/schema.js'
import type { RetentionRuleId } from '../retention-rules.js'
import type { Batch, SweepContext, TableSweep } from './sweeps.js'

/**
 * Inquiries past their period: answered or closed ones by the day that happened, never-answered
 * ones by when they were sent. Keys first (a public inquiry's own key is destroyed), then rows.
 */
function due(s: SweepContext, series: 'inquiries' | 'inquiries-unanswered') {
  const date = series === 'inquiries' ? 'settled_on' : 'created_at'
  let q = s.db
    .selectFrom('inquiries')
    .select(['id', 'patron_id', `${date} as at`])
    .$if(series === 'inquiries', (b) =>
      b
        .where('status', 'in', ['answered', 'closed'])
        .where('settled_on', '<', s.cutoff.slice(0, 10)),
    )
    .$if(series === 'inquiries-unanswered', (b) =>
      b.where('status', '=', 'open').where('created_at', '<', s.cutoff),
    )
  if (s.heldPatrons.length > 0)
    q = q.where((eb) =>
      eb.or([eb('patron_id', 'is', null), eb('patron_id', 'not in', s.heldPatrons)]),
    )
  if (s.after !== undefined) q = q.where('id', '>', String(s.after))
  return q
}

async function countDue(
  db: Kysely<RecordsDb>,
  s: SweepContext,
  series: 'inquiries' | 'inquiries-unanswered',
): Promise<number> {
  const row = await db
    .selectFrom(due(s, series).as('due'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

function sweep(series: 'inquiries' | 'inquiries-unanswered'): TableSweep {
  return {
    count: (s) => (s.keys === undefined ? Promise.resolve(0) : countDue(s.db, s, series)),
    batch: async (s): Promise<Batch> => {
      if (s.keys === undefined) return { count: 0 }
      const rows = await due(s, series).orderBy('id').limit(s.limit).execute()
      await eraseInquiryRows(s.db, s.keys, s.dataDir, rows)
      const days = rows.map((r) => String(r.at).slice(0, 10)).sort()
      const last = rows.at(-1)?.id
      return {
        count: rows.length,
        ...(last !== undefined && { last }),
        ...(days.length > 0 && { from: days[0], to: days[days.length - 1] }),
      }
    },
  }
}

export const INQUIRY_SWEEPS: Partial<Record<RetentionRuleId, TableSweep>> = {
  inquiries: sweep('inquiries'),
  'inquiries-unanswered': sweep('inquiries-unanswered'),
}
