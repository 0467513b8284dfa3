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
import { DAY } from '../../src/clock.js'
import { appendAudit, verifyAuditChain } from '../../src/privacy/audit.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
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
    await exportPatron(ctx, officer, p.id, 'library_card')
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
    await ctx.db.deleteFrom('disposal_records').execute()
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

  it('names an entry whose actor or time was edited', async () => {
    for (const edit of [{ actor_id: 'another-staff-member' }, { at: '2020-01-01T00:00:00.000Z' }]) {
      const db = await seed()
      await db.updateTable('audit_log').set(edit).where('seq', '=', 4).execute()
      expect(await verifyAuditChain(db), Object.keys(edit)[0]).toMatchObject({
        ok: false,
        seq: 4,
        problem: 'changed',
      })
    }
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

  it('accepts a missing head only when audit-log disposal records account for exactly those entries', async () => {
    const db = await seed()
    const head = await db
      .selectFrom('audit_log')
      .select('at')
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow()
    const day = head.at.slice(0, 10)
    await db.deleteFrom('audit_log').where('seq', '<=', 2).execute()
    const record = (id: string, series: string, count: number, coveredTo = day) =>
      db
        .insertInto('disposal_records')
        .values({
          id,
          series,
          authority: 'Application 24-017, item 1',
          method: 'delete',
          count,
          covered_from: '2020-01-01',
          covered_to: coveredTo,
          ran_at: head.at,
          ran_by: 'system:retention',
        })
        .execute()
    const removed = { ok: false, seq: 1, problem: 'removed' }
    // A disposal of another series says nothing about the audit log.
    await record('d-notices', 'notices', 2)
    expect(await verifyAuditChain(db)).toMatchObject(removed)
    // A disposal that covered one entry does not excuse two.
    await record('d-audit-1', 'audit-log', 1)
    expect(await verifyAuditChain(db)).toMatchObject({
      ...removed,
      message: 'entries 1 to 2 are missing but the audit-log disposal records account for 1',
    })
    // Two records that together covered both do.
    await record('d-audit-2', 'audit-log', 1)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 4 })
    // Records claiming more than is missing do not add up either.
    await record('d-audit-3', 'audit-log', 1)
    expect(await verifyAuditChain(db)).toMatchObject(removed)
    await db.deleteFrom('disposal_records').where('id', '=', 'd-audit-3').execute()
    // A disposal of entries dated after the oldest remaining one cannot be of the head.
    await db
      .updateTable('disposal_records')
      .set({ covered_to: '2999-12-31' })
      .where('id', '=', 'd-audit-2')
      .execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ...removed,
      message: expect.stringContaining('cover entries up to 2999-12-31') as unknown,
    })
  })

  it('accepts the head a retention sweep disposed of, and nothing removed beyond it', async () => {
    await seed()
    const { clock } = env()
    clock.advance(3 * 366 * DAY)
    const swept = await env().reopen({
      retention: { authorities: { 'audit-log': { application: '24-017', item: '9' } } },
    })
    const officer = await staffActor(swept, 'privacy_officer')
    const run = await runRetention(swept, officer)
    expect(run.find((r) => r.series === 'audit-log')).toMatchObject({ disposed: 6 })
    await swept.db.transaction().execute((trx) =>
      appendAudit(trx, swept.engine, swept.clock, SYSTEM_ACTOR, [
        { action: 'patron.read', patronId: 'p7' },
        { action: 'patron.read', patronId: 'p8' },
      ]),
    )
    const left = await swept.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()
    expect(left[0]?.seq).toBe(7)
    expect(await verifyAuditChain(swept.db)).toMatchObject({ ok: true, entries: left.length })
    // Removing one more entry from the head is not covered by the sweep's record.
    await swept.db.deleteFrom('audit_log').where('seq', '=', 7).execute()
    expect(await verifyAuditChain(swept.db)).toMatchObject({
      ok: false,
      seq: 1,
      problem: 'removed',
      message: 'entries 1 to 7 are missing but the audit-log disposal records account for 6',
    })
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
