// The record of each chain's newest entry (P9) catches what the links between entries cannot:
// the newest entry rewritten and its hash recomputed, which no later entry links to.
import { expect, it } from 'vitest'
import { entryHash, verifyAuditChain } from '../../src/privacy/audit.js'
import { describeEngines } from '../harness/engines.js'
import { clearAudit, entryAt, writeChains } from './audit-chains.js'

describeEngines('audit verify: newest entry rewritten (P9)', (env) => {
  it("names a chain's newest entry rewritten with a recomputed hash as changed", async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    // Chain 0 holds 2 entries, chain 3 holds 3.
    await writeChains(ctx, [0, 3, 3, 0, 3])
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, entries: 5 })
    const newest = await entryAt(ctx.db, 3, 3)
    const rewritten = { ...newest, patron_id: 'someone-else' }
    await ctx.db
      .updateTable('audit_log')
      .set({ patron_id: rewritten.patron_id, hash: entryHash(rewritten) })
      .where('seq', '=', newest.seq)
      .execute()
    expect(await verifyAuditChain(ctx.db)).toEqual({
      ok: false,
      // Chain 0 and the first two entries of chain 3 were checked and found intact.
      entries: 4,
      seq: newest.seq,
      chain: 3,
      chainSeq: 3,
      problem: 'changed',
      message: `log entry ${newest.seq} (entry 3 of chain 3) is not the entry recorded as chain 3's newest: it or an entry before it was rewritten`,
    })
  })
})
