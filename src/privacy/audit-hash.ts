import { createHash } from 'node:crypto'
import type { AuditLogTable } from './privacy.tables.js'

/** How many hash chains the audit log is written in, side by side (one writer per chain at a time). */
export const AUDIT_CHAINS = 8

/** The link before each chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * An entry's hash covers its place (chain, place in the chain, place in the whole log), its
 * content and the hash before it in its chain, so an entry cannot be edited, renumbered or moved
 * to another chain without its hash (and the link after it) no longer matching.
 *
 * Before the log was split into chains it was one chain numbered by `seq`, hashed in the 8-field
 * form below; those entries became chain 0 with chain_seq = seq. An entry of chain 0 whose two
 * numbers agree is still hashed in that form (it says both numbers, and the chain is 0); every
 * other entry adds its chain and seq. The two forms have different lengths, so no entry's fields
 * can be read as another's.
 */
export function entryHash(e: Omit<AuditLogTable, 'hash'>): string {
  const fields: unknown[] = [
    e.chain_seq,
    e.at,
    e.actor_type,
    e.actor_id,
    e.action,
    e.patron_id,
    e.detail,
    e.prev_hash,
  ]
  if (e.chain !== 0 || e.seq !== e.chain_seq) fields.push(e.chain, e.seq)
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}
