// Reading the audit log (P9): a staff member's reading is itself recorded, the system's own reads
// are not, and asking for entries before a number past the largest possible gives the newest.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { listAudit } from '../../src/privacy/audit.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('reading the audit log (P9)', (env) => {
  const reads = async (ctx: Parameters<typeof setUpLibrary>[0]) =>
    (
      await ctx.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'audit.read')
        .execute()
    ).length

  it("records a staff member's reading of the log, but not the system's own", async () => {
    const { ctx } = env()
    await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const before = await reads(ctx)
    await listAudit(ctx, SYSTEM_ACTOR, {})
    expect(await reads(ctx)).toBe(before)
    await listAudit(ctx, officer, {})
    expect(await reads(ctx)).toBe(before + 1)
  })

  it('lists the newest entries when asked for those before a number past the largest entry number', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    await lib.patron()
    const newest = await listAudit(ctx, SYSTEM_ACTOR, { limit: 5 })
    const past = await listAudit(ctx, SYSTEM_ACTOR, { limit: 5, before: 2 ** 40 })
    expect(newest.length).toBeGreaterThan(0)
    expect(past.map((e) => e.seq)).toEqual(newest.map((e) => e.seq))
  })
})
