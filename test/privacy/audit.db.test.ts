import { sql, type Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { addNote, listNotes } from '../../src/patrons/notes.service.js'
import {
  erasePatron,
  exportPatron,
  findPatrons,
  getPatron,
  registerPatron,
  updatePatron,
} from '../../src/patrons/patron.service.js'
import { appendAudit, verifyAuditChain } from '../../src/privacy/audit.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

const entriesFor = (db: Kysely<RecordsDb>, patronId: string) =>
  db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'actor_type', 'detail'])
    .where('patron_id', '=', patronId)
    .orderBy('seq')
    .execute()

describeEngines('audit log (P9)', (env) => {
  it('records creation, reads, search hits, changes, notes, export and erasure with the actor', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'librarian')
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await registerPatron(
      ctx,
      desk,
      patronInput({ familyName: 'Auditable', email: 'audit-me@example.org' }),
    )
    await getPatron(ctx, desk, p.id)
    await findPatrons(ctx, desk, { surname: 'Auditable' })
    await updatePatron(ctx, desk, p.id, { phone: '708 555 9999' })
    await addNote(ctx, desk, p.id, { body: 'Prefers large print' })
    await listNotes(ctx, desk, p.id)
    await exportPatron(ctx, officer, p.id)
    await erasePatron(ctx, officer, p.id)
    const entries = await entriesFor(ctx.db, p.id)
    expect(entries.map((e) => e.action)).toEqual([
      'patron.create',
      'patron.read',
      'patron.search_hit',
      'patron.update',
      'note.create',
      'note.read',
      'patron.export',
      'patron.erase',
    ])
    expect(
      entries.slice(0, 6).every((e) => e.actor_id === desk.id && e.actor_type === 'staff'),
    ).toBe(true)
    expect(entries.slice(6).every((e) => e.actor_id === officer.id)).toBe(true)
    expect(JSON.parse(entries[3]?.detail ?? '{}')).toEqual({ fields: ['phone'] })
    const all = JSON.stringify(await ctx.db.selectFrom('audit_log').selectAll().execute())
    for (const secret of ['Auditable', 'audit-me@example.org', '5559999', 'large print'])
      expect(all).not.toContain(secret)
  })

  it('verifies an intact chain', async () => {
    const { ctx } = env()
    await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const result = await verifyAuditChain(ctx.db, 3)
    expect(result.ok).toBe(true)
    expect(result.entries).toBeGreaterThan(3)
  })

  it('keeps one unbroken chain under concurrent writers', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await Promise.all(Array.from({ length: 20 }, () => getPatron(ctx, SYSTEM_ACTOR, p.id)))
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
  })
})

describeEngines('audit verify catches tampering', (env) => {
  const seed = async () => {
    const { ctx } = env()
    await ctx.db.deleteFrom('audit_log').execute()
    await ctx.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        ctx.engine,
        ctx.clock,
        SYSTEM_ACTOR,
        Array.from({ length: 6 }, (_, i) => ({
          action: 'patron.read' as const,
          patronId: `p${i + 1}`,
        })),
      ),
    )
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, entries: 6 })
    return ctx.db
  }

  it('names an edited entry', async () => {
    const db = await seed()
    await db
      .updateTable('audit_log')
      .set({ patron_id: 'someone-else' })
      .where('seq', '=', 4)
      .execute()
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 4, problem: 'changed' })
  })

  it('names a deleted entry', async () => {
    const db = await seed()
    await db.deleteFrom('audit_log').where('seq', '=', 3).execute()
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 3, problem: 'removed' })
  })

  it('notices the oldest entries removed without a disposal record', async () => {
    const db = await seed()
    await db.deleteFrom('audit_log').where('seq', '<=', 2).execute()
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 1, problem: 'removed' })
  })

  it('names reordered entries', async () => {
    const db = await seed()
    await sql`update audit_log set seq = -2 where seq = 2`.execute(db)
    await sql`update audit_log set seq = 2 where seq = 5`.execute(db)
    await sql`update audit_log set seq = 5 where seq = -2`.execute(db)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 2, problem: 'reordered' })
  })

  it('notices an edited entry even when its hash was recomputed', async () => {
    const db = await seed()
    const { entryHash } = await import('../../src/privacy/audit.js')
    const row = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow()
    const forged = { ...row, action: 'patron.search_hit' }
    await db
      .updateTable('audit_log')
      .set({ action: forged.action, hash: entryHash(forged) })
      .where('seq', '=', 2)
      .execute()
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 3, problem: 'reordered' })
  })
})
