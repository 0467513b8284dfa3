// What audit verification (P9) reports when a chain is broken: the entry it names, and a message
// that says exactly which entries are out of place, including for chains with no entries left and
// for chains Carrel never writes.
import { expect, it } from 'vitest'
import { entryHash, verifyAuditChain } from '../../src/privacy/audit.js'
import { describeEngines } from '../harness/engines.js'
import { clearAudit, entryAt, writeChains } from './audit-chains.js'

describeEngines('audit verify: what a broken chain reports (P9)', (env) => {
  it('names an entry that no longer follows a rewritten predecessor, with both positions', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [0, 0, 0])
    const first = await entryAt(ctx.db, 0, 1)
    const second = await entryAt(ctx.db, 0, 2)
    const rewritten = { ...first, patron_id: 'someone-else' }
    await ctx.db
      .updateTable('audit_log')
      .set({ patron_id: rewritten.patron_id, hash: entryHash(rewritten) })
      .where('seq', '=', first.seq)
      .execute()
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      entries: 1,
      seq: second.seq,
      chain: 0,
      chainSeq: 2,
      problem: 'reordered',
      message: `log entry ${second.seq} (entry 2 of chain 0) does not follow entry 1 of chain 0: entries were reordered or removed, or entry 1 was rewritten`,
    })
  })

  it('notices an entry renumbered in the log, which its hash covers on every chain but the first', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [3, 3])
    const second = await entryAt(ctx.db, 3, 2)
    await ctx.db
      .updateTable('audit_log')
      .set({ seq: second.seq + 1000 })
      .where('seq', '=', second.seq)
      .execute()
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: false, chain: 3, chainSeq: 2 })

    // On the first chain too, once an entry's number in the log is not its place in the chain.
    await clearAudit(ctx.db)
    await writeChains(ctx, [3, 0])
    const first = await entryAt(ctx.db, 0, 1)
    expect(first.seq).not.toBe(first.chain_seq)
    await ctx.db
      .updateTable('audit_log')
      .set({ seq: first.seq + 1000 })
      .where('seq', '=', first.seq)
      .execute()
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: false, chain: 0, chainSeq: 1 })
  })

  it('names the last remaining entry when entries are missing from the end of a chain', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [0, 0, 0])
    const second = await entryAt(ctx.db, 0, 2)
    await ctx.db.deleteFrom('audit_log').where('chain', '=', 0).where('chain_seq', '=', 3).execute()
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      entries: 2,
      seq: second.seq,
      chain: 0,
      chainSeq: 3,
      problem: 'removed',
      message: 'entries 3 to 3 at the end of chain 0 are missing (its newest entry was entry 3)',
    })
  })

  it('reports a chain emptied without a disposal record, naming no entry', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [0, 3, 0])
    await ctx.db.deleteFrom('audit_log').where('chain', '=', 0).execute()
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      entries: 0,
      seq: 0,
      chain: 0,
      chainSeq: 1,
      problem: 'removed',
      message: 'entries 1 to 2 of chain 0 are missing and no disposal record accounts for them',
    })
  })

  it('names the first entry of a chain Carrel never writes', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [0, 9, 9])
    const stranger = await entryAt(ctx.db, 9, 1)
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      entries: 0,
      seq: stranger.seq,
      chain: 9,
      problem: 'changed',
      message: 'there are entries in chain 9, which Carrel never writes (it writes chains 0 to 7)',
    })
  })

  it('reports a recorded newest entry for a chain Carrel never writes, even with no entries in it', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [0])
    await ctx.db
      .insertInto('audit_chains')
      .values({ chain: 12, chain_seq: 4, hash: 'f'.repeat(64) })
      .execute()
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      entries: 0,
      seq: 0,
      chain: 12,
      problem: 'changed',
      message: 'there are entries in chain 12, which Carrel never writes (it writes chains 0 to 7)',
    })
  })

  it('gives the day of the oldest remaining entry when a disposal record covers later entries', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, [0, 0])
    const oldest = await entryAt(ctx.db, 0, 2)
    const day = oldest.at.slice(0, 10)
    await ctx.db.deleteFrom('audit_log').where('chain', '=', 0).where('chain_seq', '=', 1).execute()
    await ctx.db
      .insertInto('disposal_records')
      .values({
        id: 'd-audit-late',
        series: 'audit-log',
        authority: 'Application 24-017, item 1',
        method: 'delete',
        count: 1,
        covered_from: '2020-01-01',
        covered_to: '2999-12-31',
        ran_at: oldest.at,
        ran_by: 'system:retention',
      })
      .execute()
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      entries: 0,
      seq: oldest.seq,
      chain: 0,
      chainSeq: 1,
      problem: 'removed',
      message: `entries 1 to 1 of chain 0 are missing but the audit-log disposal records cover entries up to 2999-12-31, after the oldest remaining entry of chain 0 (${day})`,
    })
  })
})
