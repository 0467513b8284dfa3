import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../actor.js'
import type { Clock } from '../clock.js'
import type { Engine } from '../db/dialect.js'
import { LOCKS, lockForTransaction } from '../db/locks.js'
import type { RecordsDb } from '../db/schema.js'
import type { AuditLogTable } from './privacy.tables.js'

export type AuditAction =
  | 'patron.create'
  | 'patron.read'
  | 'patron.search_hit'
  | 'patron.update'
  | 'patron.export'
  | 'patron.erase'
  | 'card.issue'
  | 'card.replace'
  | 'card.status'
  | 'card.pin_set'
  | 'card.pin_failed'
  | 'card.locked'
  | 'ledger.entry'
  | 'note.create'
  | 'note.read'
  | 'staff.create'
  | 'staff.update'
  | 'staff.login'
  | 'staff.login_failed'
  | 'staff.unlock'
  | 'card.unlock'
  | 'audit.read'
  | 'circ.checkout'
  | 'circ.checkin'
  | 'circ.renew'
  | 'circ.override'
  | 'circ.lost'
  | 'hold.place'
  | 'hold.cancel'
  | 'hold.suspend'
  | 'hold.ready'
  | 'fee.payment'
  | 'fee.waiver'
  | 'history.on'
  | 'history.off'
  | 'loans.read'
  | 'request.create'
  | 'request.status'
  | 'request.read'
  | 'patron.erasure_warning'
  | 'legal_hold.place'
  | 'legal_hold.lift'
  | 'legal_request.create'
  | 'legal_request.decide'
  | 'legal_request.release'
  | 'retention.run'
  | 'job.run'
  | 'sip.account_create'
  | 'sip.account_update'
  | 'sip.login'
  | 'sip.login_failed'

/** Detail never holds a personal value: field names, counts, kinds and ids only. */
export type AuditDetail = Record<string, string | number | boolean | string[]>

export interface AuditEvent {
  action: AuditAction
  patronId?: string | null
  detail?: AuditDetail
}

export const GENESIS_HASH = '0'.repeat(64)

export function entryHash(e: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_type,
    e.actor_id,
    e.action,
    e.patron_id,
    e.detail,
    e.prev_hash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/** Appends events to the chain inside the caller's transaction, so they commit with the work they describe. */
export async function appendAudit(
  trx: Transaction<RecordsDb>,
  engine: Engine,
  clock: Clock,
  actor: Actor,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return
  await lockForTransaction(trx, engine, LOCKS.auditChain)
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  let seq = last?.seq ?? 0
  let prev = last?.hash ?? GENESIS_HASH
  const at = clock.now().toISOString()
  const rows: AuditLogTable[] = events.map((ev) => {
    seq += 1
    const row = {
      seq,
      at,
      actor_type: actor.type,
      actor_id: actor.id,
      action: ev.action,
      patron_id: ev.patronId ?? null,
      detail: JSON.stringify(ev.detail ?? {}),
      prev_hash: prev,
    }
    prev = entryHash(row)
    return { ...row, hash: prev }
  })
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 200))
      .execute()
  }
}

/** Appends in a transaction of its own (for reads, which change nothing else). */
export async function recordAudit(
  db: Kysely<RecordsDb>,
  engine: Engine,
  clock: Clock,
  actor: Actor,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return
  await db.transaction().execute((trx) => appendAudit(trx, engine, clock, actor, events))
}

export type VerifyResult =
  | { ok: true; entries: number }
  | {
      ok: false
      entries: number
      seq: number
      problem: 'changed' | 'removed' | 'reordered'
      message: string
    }

/**
 * Entries older than the retention schedule allows are disposed of from the start of the chain,
 * and each sweep says so on a disposal record of the 'audit-log' series (a count and the dates
 * covered, never content). A missing head is accepted only when those records account for it
 * exactly: their counts add up to the number of missing entries, and none covers a date after the
 * oldest remaining entry's (a sweep removes only entries older than the ones it leaves).
 */
async function unaccountedHead(db: Kysely<RecordsDb>): Promise<{
  first: { seq: number; prev_hash: string } | undefined
  problem?: string
}> {
  // One statement, so a sweep committing meanwhile cannot show the entries and the records apart.
  const first = await db
    .selectFrom('audit_log')
    .select(['seq', 'prev_hash', 'at'])
    .select((eb) => [
      eb
        .selectFrom('disposal_records')
        .select((d) => d.fn.sum<number | string>('count').as('n'))
        .where('series', '=', 'audit-log')
        .as('disposed'),
      eb
        .selectFrom('disposal_records')
        .select((d) => d.fn.max('covered_to').as('to'))
        .where('series', '=', 'audit-log')
        .as('disposed_to'),
    ])
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst()
  if (first === undefined || first.seq <= 1) return { first }
  const missing = first.seq - 1
  const range = `entries 1 to ${missing} are missing`
  const disposed = Number(first.disposed ?? 0)
  if (disposed === 0) return { first, problem: `${range} and no disposal record accounts for them` }
  if (disposed !== missing)
    return {
      first,
      problem: `${range} but the audit-log disposal records account for ${disposed}`,
    }
  const to = first.disposed_to ?? ''
  if (to > first.at.slice(0, 10))
    return {
      first,
      problem: `${range} but the audit-log disposal records cover entries up to ${to}, after the oldest remaining entry (${first.at.slice(0, 10)})`,
    }
  return { first }
}

/** Walks the chain in order and names the first entry that was changed, removed or reordered. */
export async function verifyAuditChain(db: Kysely<RecordsDb>, batch = 2000): Promise<VerifyResult> {
  const { first, problem } = await unaccountedHead(db)
  if (problem !== undefined)
    return { ok: false, entries: 0, seq: 1, problem: 'removed', message: problem }
  let expectedSeq = first?.seq ?? 1
  let prev = first?.prev_hash ?? GENESIS_HASH
  let checked = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute()
    for (const row of rows) {
      if (row.prev_hash !== prev) {
        const problem = row.seq !== expectedSeq ? 'removed' : 'reordered'
        const message =
          problem === 'removed'
            ? `entry ${expectedSeq} is missing (the chain jumps to ${row.seq})`
            : `entry ${row.seq} does not follow entry ${row.seq - 1}: entries were reordered or removed, or entry ${row.seq - 1} was rewritten`
        return {
          ok: false,
          entries: checked,
          seq: row.seq !== expectedSeq ? expectedSeq : row.seq,
          problem,
          message,
        }
      }
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          entries: checked,
          seq: expectedSeq,
          problem: 'removed',
          message: `entry ${expectedSeq} is missing`,
        }
      }
      if (entryHash(row) !== row.hash) {
        return {
          ok: false,
          entries: checked,
          seq: row.seq,
          problem: 'changed',
          message: `entry ${row.seq} was changed after it was written`,
        }
      }
      prev = row.hash
      expectedSeq += 1
      checked += 1
    }
    if (rows.length < batch) return { ok: true, entries: checked }
  }
}
