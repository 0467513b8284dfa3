// Reading the audit log is itself an access (P9): who verified or read it is recorded, and only
// the roles that may read it can. A patron's view of their own record is the "who looked at my
// record" page (role and date only), never the log with the staff member's id.
import { expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { accessesToOwnRecord, listAudit, verifyAudit } from '../../src/privacy/audit.service.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/** A message (or other string) containing these words; typed for use inside toMatchObject. */
const says = (words: RegExp): unknown => expect.stringMatching(words)

describeEngines('reading the audit log (P9)', (env) => {
  it('records verifying the audit log as an audit.read entry marked as a verification', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const before = await ctx.db.selectFrom('audit_log').select('seq').execute()
    const result = await verifyAudit(ctx, officer)
    const after = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'action', 'patron_id', 'detail'])
      .where('actor_id', '=', officer.id)
      .execute()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: officer.id,
      action: 'audit.read',
      patron_id: null,
    })
    expect(JSON.parse(after[0]?.detail ?? '{}')).toEqual({ verify: true })
    // The verification checks the chain including the entry that records it.
    expect(result).toEqual({ ok: true, entries: before.length + 1 })
  })

  it('refuses the audit log to a patron, even the entries about their own record', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const other = await lib.patron()
    await getPatron(ctx, lib.desk, p.id)
    const patron: Actor = { type: 'patron', id: p.id }
    for (const query of [{ patronId: p.id }, { patronId: other.id }, {}])
      await expect(listAudit(ctx, patron, query), JSON.stringify(query)).rejects.toMatchObject({
        kind: 'forbidden',
        code: 'FORBIDDEN',
        message: says(/may not .*audit\.read/),
      })
    // What the patron may see of their own record: the role and the date, not the staff member.
    const own = await accessesToOwnRecord(ctx, patron, true)
    expect(own.map((a) => a.action)).toContain('patron.read')
    expect(own.find((a) => a.action === 'patron.read')).toEqual({
      at: says(/^\d{4}-\d{2}-\d{2}/),
      role: 'librarian',
      action: 'patron.read',
    })
    expect(JSON.stringify(own)).not.toContain(lib.desk.id)
  })

  it('shows "who looked at my record" only to a signed-in patron, and only while the library allows it', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const officer = await staffActor(ctx, 'privacy_officer')
    for (const actor of [lib.desk, officer])
      await expect(accessesToOwnRecord(ctx, actor, true), actor.role).rejects.toMatchObject({
        kind: 'forbidden',
        code: 'FORBIDDEN',
        message: says(/signed-in patron/),
      })
    await expect(
      accessesToOwnRecord(ctx, { type: 'patron', id: p.id }, false),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'FEATURE_OFF',
      message: says(/switched this page off/),
    })
  })

  it("lists entries newest first, for one patron, a page at a time, with the reader's role, and records the reading", async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const other = await lib.patron()
    for (let i = 0; i < 3; i++) await getPatron(ctx, lib.desk, p.id)
    await getPatron(ctx, lib.desk, other.id)
    const forP = await listAudit(ctx, officer, { patronId: p.id })
    expect(forP.every((e) => e.patronId === p.id)).toBe(true)
    const seqs = forP.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    const reads = forP.filter((e) => e.action === 'patron.read')
    expect(reads).toHaveLength(3)
    expect(reads[0]).toEqual({
      seq: expect.any(Number) as unknown,
      at: says(/^\d{4}-\d{2}-\d{2}T/),
      actorType: 'staff',
      actorId: lib.desk.id,
      actorRole: 'librarian',
      action: 'patron.read',
      patronId: p.id,
      detail: {},
    })
    // A page: at most `limit` entries, each older than `before`.
    const page = await listAudit(ctx, officer, { patronId: p.id, limit: 2, before: seqs[0] })
    expect(page.map((e) => e.seq)).toEqual(seqs.slice(1, 3))
    // Each listing was itself recorded, naming the patron it was about.
    const own = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patron_id'])
      .where('actor_id', '=', officer.id)
      .orderBy('seq')
      .execute()
    expect(own).toEqual([
      { action: 'audit.read', patron_id: p.id },
      { action: 'audit.read', patron_id: p.id },
    ])
    // Unfiltered, the log holds everyone's entries, the newest first.
    const all = await listAudit(ctx, officer, {})
    expect(all[0]).toMatchObject({ action: 'audit.read', actorRole: 'privacy_officer' })
    expect(all.some((e) => e.patronId === other.id)).toBe(true)
  })
})
