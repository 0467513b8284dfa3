import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { ResolvedFilter } from './audit-filter.js'
import type { ActorType } from './privacy.tables.js'

/** Entry numbers are 32-bit on PostgreSQL: a number past the largest means "past the newest". */
const MAX_SEQ = 2 ** 31 - 1

function filtered(db: Kysely<RecordsDb>, f: ResolvedFilter) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_type',
      'audit_log.actor_id',
      'audit_log.action',
      'audit_log.patron_id',
      'audit_log.detail',
    ])
  if (f.staffId !== undefined)
    q = q.where('audit_log.actor_type', '=', 'staff').where('audit_log.actor_id', '=', f.staffId)
  if (f.patronId !== undefined) q = q.where('audit_log.patron_id', '=', f.patronId)
  if (f.action !== undefined) q = q.where('audit_log.action', '=', f.action)
  if (f.fromAt !== undefined) q = q.where('audit_log.at', '>=', f.fromAt)
  if (f.toAt !== undefined) q = q.where('audit_log.at', '<', f.toAt)
  return q
}

export interface AuditRow {
  seq: number
  at: string
  actor_type: ActorType
  actor_id: string
  action: string
  patron_id: string | null
  detail: string
}

async function anyWhere(
  db: Kysely<RecordsDb>,
  f: ResolvedFilter,
  op: '<' | '>',
  seq: number,
): Promise<boolean> {
  const row = await filtered(db, f)
    .where('audit_log.seq', op, Math.min(Math.max(seq, 0), MAX_SEQ))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * One page, newest first, walked by entry number (keyset): new entries arriving meanwhile (each
 * reading of the log adds one) never shift a page. `older` and `newer` are the cursors for the
 * neighbouring pages when there are entries there.
 */
export async function auditPageRows(
  db: Kysely<RecordsDb>,
  f: ResolvedFilter,
  cursor: { before?: number; after?: number },
  limit: number,
): Promise<{ rows: AuditRow[]; older?: number; newer?: number }> {
  if (cursor.after !== undefined) {
    const after = Math.min(cursor.after, MAX_SEQ)
    const found = await filtered(db, f)
      .where('audit_log.seq', '>', after)
      .orderBy('audit_log.seq', 'asc')
      .limit(limit + 1)
      .execute()
    const rows = found.slice(0, limit).reverse()
    const first = rows[0]
    const last = rows.at(-1)
    const olderFrom = last === undefined ? after + 1 : last.seq
    return {
      rows,
      ...(found.length > limit && first !== undefined && { newer: first.seq }),
      ...((await anyWhere(db, f, '<', olderFrom)) && { older: olderFrom }),
    }
  }
  let query = filtered(db, f)
  if (cursor.before !== undefined)
    query = query.where('audit_log.seq', '<', Math.min(cursor.before, MAX_SEQ))
  const found = await query
    .orderBy('audit_log.seq', 'desc')
    .limit(limit + 1)
    .execute()
  const rows = found.slice(0, limit)
  const first = rows[0]
  const last = rows.at(-1)
  const newerFrom = first === undefined ? Math.min(cursor.before ?? 1, MAX_SEQ) - 1 : first.seq
  const newer =
    cursor.before !== undefined && (await anyWhere(db, f, '>', newerFrom)) ? newerFrom : undefined
  return {
    rows,
    ...(found.length > limit && last !== undefined && { older: last.seq }),
    ...(newer !== undefined && { newer }),
  }
}

/** Every entry the filter matches, newest first, read in batches; undefined past `cap` entries. */
export async function allAuditRows(
  db: Kysely<RecordsDb>,
  f: ResolvedFilter,
  cap: number,
): Promise<AuditRow[] | undefined> {
  const out: AuditRow[] = []
  let before: number | undefined
  for (;;) {
    let query = filtered(db, f)
    if (before !== undefined) query = query.where('audit_log.seq', '<', before)
    const batch = await query.orderBy('audit_log.seq', 'desc').limit(1000).execute()
    out.push(...batch)
    if (out.length > cap) return undefined
    const last = batch.at(-1)
    if (batch.length < 1000 || last === undefined) return out
    before = last.seq
  }
}
