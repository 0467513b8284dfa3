import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../actor.js'
import type { Clock } from '../clock.js'
import type { Engine } from '../db/dialect.js'
import { LOCKS, lockOneOf } from '../db/locks.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { nextNumbers, type NumberSource } from '../db/sequence.js'
import { AUDIT_CHAINS, entryHash, GENESIS_HASH } from './audit-hash.js'
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
  | 'circ.lost_undo'
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
  | 'mail.read'
  | 'newsletter.send'
  | 'policy.publish'
  | 'mail.print'
  | 'sip.account_create'
  | 'sip.account_update'
  | 'sip.login'
  | 'sip.login_failed'
  | 'inquiry.create'
  | 'inquiry.read'
  | 'inquiry.assign'
  | 'inquiry.reply'
  | 'inquiry.close'
  | 'inquiry.apply_address'
  | 'suggestion.read'
  | 'suggestion.answer'
  | 'suggestion.close'
  | 'records_request.create'
  | 'records_request.read'
  | 'records_request.update'
  | 'records_request.export'
  | 'computer.credential'
  | 'computer.service'
  | 'computer.session_end'
  | 'computer.session_extend'
  | 'computer.message'
  | 'computer.names_read'
  | 'computer_queue.read'
  | 'computer_queue.add'
  | 'computer_queue.remove'
  | 'computer_queue.call'
  | 'guest_passes.issue'

/** Detail never holds a personal value: field names, counts, kinds and ids only. */
export type AuditDetail = Record<string, string | number | boolean | string[]>

export interface AuditEvent {
  action: AuditAction
  patronId?: string | null
  detail?: AuditDetail
}

export { AUDIT_CHAINS, entryHash, GENESIS_HASH } from './audit-hash.js'
export { verifyAuditChain, type VerifyResult } from './audit-verify.js'

/** The log's one increasing order, `seq`: a sequence on PostgreSQL (see db/sequence.ts). */
export const AUDIT_SEQ: NumberSource = {
  sequence: 'audit_log_seq_seq',
  table: 'audit_log',
  column: 'seq',
}

const recordedHead = precompiled((db: Kysely<RecordsDb>, v: { chain: number }) =>
  db.selectFrom('audit_chains').select(['chain_seq', 'hash']).where('chain', '=', v.chain),
)

const saveHead = precompiled(
  (db: Kysely<RecordsDb>, v: { chain: number; chain_seq: number; hash: string }) =>
    db
      .insertInto('audit_chains')
      .values({ chain: v.chain, chain_seq: v.chain_seq, hash: v.hash })
      .onConflict((oc) => oc.column('chain').doUpdateSet({ chain_seq: v.chain_seq, hash: v.hash })),
)

/** One entry, the usual case, as one precompiled statement. */
const insertEntry = precompiled((db: Kysely<RecordsDb>, v: AuditLogTable) =>
  db.insertInto('audit_log').values({
    seq: v.seq,
    chain: v.chain,
    chain_seq: v.chain_seq,
    at: v.at,
    actor_type: v.actor_type,
    actor_id: v.actor_id,
    action: v.action,
    patron_id: v.patron_id,
    detail: v.detail,
    prev_hash: v.prev_hash,
    hash: v.hash,
  }),
)

/** The chain's newest entry: its record in audit_chains, or, for a chain never recorded there, its last entry. */
async function chainHead(
  trx: Transaction<RecordsDb>,
  chain: number,
): Promise<{ chain_seq: number; hash: string }> {
  const {
    rows: [recorded],
  } = await recordedHead(trx, { chain })
  if (recorded !== undefined) return recorded
  const last = await trx
    .selectFrom('audit_log')
    .select(['chain_seq', 'hash'])
    .where('chain', '=', chain)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return last ?? { chain_seq: 0, hash: GENESIS_HASH }
}

/**
 * Appends events inside the caller's transaction, so they commit with the work they describe.
 * The log is AUDIT_CHAINS hash chains written side by side: the transaction takes whichever
 * chain is free (one writer per chain until it commits; it waits only when all are taken) and
 * continues that chain. SQLite, one writer at a time, writes chain 0 only.
 */
export async function appendAudit(
  trx: Transaction<RecordsDb>,
  engine: Engine,
  clock: Clock,
  actor: Actor,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return
  const chain = await lockOneOf(trx, engine, LOCKS.auditChainBase, AUDIT_CHAINS)
  // Everything below is read under the chain's lock, the clock included: along a chain, times
  // never go backwards and seq only grows, so the entries a retention sweep finds due (older
  // than a date, taken in seq order) are always the start of each chain.
  const head = await chainHead(trx, chain)
  const seqs = await nextNumbers(trx, engine, AUDIT_SEQ, events.length)
  const at = clock.now().toISOString()
  let chainSeq = head.chain_seq
  let prev = head.hash
  const rows: AuditLogTable[] = events.map((ev, i) => {
    chainSeq += 1
    const row = {
      seq: seqs[i] as number,
      chain,
      chain_seq: chainSeq,
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
  const [only] = rows
  if (rows.length === 1 && only !== undefined) await insertEntry(trx, only)
  else
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('audit_log')
        .values(rows.slice(i, i + 200))
        .execute()
    }
  await saveHead(trx, { chain, chain_seq: chainSeq, hash: prev })
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
