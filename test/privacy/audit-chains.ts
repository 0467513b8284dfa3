import type { Kysely } from 'kysely'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { nextNumbers } from '../../src/db/sequence.js'
import { AUDIT_SEQ, entryHash, GENESIS_HASH } from '../../src/privacy/audit.js'
import type { AuditLogTable } from '../../src/privacy/privacy.tables.js'

/** Empties the log, the record of each chain's newest entry and the disposal records. */
export async function clearAudit(db: Kysely<RecordsDb>): Promise<void> {
  await db.deleteFrom('audit_log').execute()
  await db.deleteFrom('audit_chains').execute()
  await db.deleteFrom('disposal_records').execute()
}

/** The entry at a place in a chain. */
export function entryAt(
  db: Kysely<RecordsDb>,
  chain: number,
  chainSeq: number,
): Promise<AuditLogTable> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain', '=', chain)
    .where('chain_seq', '=', chainSeq)
    .executeTakeFirstOrThrow()
}

/**
 * Writes one entry per element of `layout`, in that order, into the chain it names, exactly as
 * appendAudit would (so that every engine can hold chains other than 0, as PostgreSQL's writers make).
 */
export async function writeChains(ctx: AppContext, layout: readonly number[]): Promise<void> {
  const seqs = await nextNumbers(ctx.db, ctx.engine, AUDIT_SEQ, layout.length)
  const heads = new Map<number, { chain_seq: number; hash: string }>()
  for (const h of await ctx.db.selectFrom('audit_chains').selectAll().execute())
    heads.set(h.chain, h)
  const at = ctx.clock.now().toISOString()
  const rows = layout.map((chain, i) => {
    const head = heads.get(chain) ?? { chain_seq: 0, hash: GENESIS_HASH }
    const row = {
      seq: seqs[i] as number,
      chain,
      chain_seq: head.chain_seq + 1,
      at,
      actor_type: SYSTEM_ACTOR.type,
      actor_id: SYSTEM_ACTOR.id,
      action: 'patron.read',
      patron_id: `p${i + 1}`,
      detail: '{}',
      prev_hash: head.hash,
    }
    const hash = entryHash(row)
    heads.set(chain, { chain_seq: row.chain_seq, hash })
    return { ...row, hash }
  })
  await ctx.db.insertInto('audit_log').values(rows).execute()
  for (const [chain, head] of heads)
    await ctx.db
      .insertInto('audit_chains')
      .values({ chain, ...head })
      .onConflict((oc) => oc.column('chain').doUpdateSet(head))
      .execute()
}
