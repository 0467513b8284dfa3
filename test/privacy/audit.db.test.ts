import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
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
import {
  appendAudit,
  AUDIT_CHAINS,
  entryHash,
  recordAudit,
  verifyAuditChain,
} from '../../src/privacy/audit.js'
import type { AuditLogTable } from '../../src/privacy/privacy.tables.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { clearAudit, entryAt, writeChains } from './audit-chains.js'
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

  it('keeps every chain unbroken under concurrent writers', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await Promise.all(Array.from({ length: 20 }, () => getPatron(ctx, SYSTEM_ACTOR, p.id)))
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['seq', 'chain', 'chain_seq'])
      .execute()
    const chains = new Set(rows.map((r) => r.chain))
    if (ctx.engine === 'postgres') {
      // Each writer starts at a random chain: twenty writers all in one chain would be a broken spread.
      expect(chains.size).toBeGreaterThan(1)
    } else {
      // SQLite has one writer at a time and writes one chain, numbered as the log always was.
      expect([...chains]).toEqual([0])
      expect(rows.every((r) => r.seq === r.chain_seq)).toBe(true)
    }
  })
})

/**
 * Entries 1 to 11 of the log in three chains, taken in turn as concurrent writers would:
 * chain 0 holds 3, chain 3 holds 6 and chain 5 holds 2.
 */
const LAYOUT = [0, 3, 3, 5, 3, 0, 3, 5, 3, 0, 3]

describeEngines('audit verify catches tampering', (env) => {
  const seed = async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    await writeChains(ctx, LAYOUT)
    // Small batches: the walk must carry each chain across them.
    expect(await verifyAuditChain(ctx.db, 2)).toMatchObject({ ok: true, entries: 11 })
    return ctx.db
  }

  it('names an edited entry by its chain, its place there and its place in the log', async () => {
    const db = await seed()
    const target = await entryAt(db, 3, 4)
    await db
      .updateTable('audit_log')
      .set({ patron_id: 'someone-else' })
      .where('seq', '=', target.seq)
      .execute()
    expect(await verifyAuditChain(db, 2)).toMatchObject({
      ok: false,
      seq: target.seq,
      chain: 3,
      chainSeq: 4,
      problem: 'changed',
      message: `log entry ${target.seq} (entry 4 of chain 3) was changed after it was written`,
    })
  })

  it('names an entry whose actor, time or log number was edited', async () => {
    for (const edit of [
      { actor_id: 'another-staff-member' },
      { at: '2020-01-01T00:00:00.000Z' },
      { seq: 1000 },
    ]) {
      const db = await seed()
      const target = await entryAt(db, 3, 4)
      await db.updateTable('audit_log').set(edit).where('seq', '=', target.seq).execute()
      expect(await verifyAuditChain(db), Object.keys(edit)[0]).toMatchObject({
        ok: false,
        chain: 3,
        chainSeq: 4,
        problem: 'changed',
      })
    }
  })

  it('names a deleted entry', async () => {
    const db = await seed()
    const gone = await entryAt(db, 3, 3)
    const next = await entryAt(db, 3, 4)
    await db.deleteFrom('audit_log').where('seq', '=', gone.seq).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      seq: next.seq,
      chain: 3,
      chainSeq: 3,
      problem: 'removed',
      message: `entry 3 of chain 3 is missing (the chain jumps to log entry ${next.seq} (entry 4 of chain 3))`,
    })
  })

  it('notices the newest entries of a chain removed, by the record of its newest entry', async () => {
    const db = await seed()
    await db.deleteFrom('audit_log').where('chain', '=', 3).where('chain_seq', '>=', 5).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      chain: 3,
      chainSeq: 5,
      problem: 'removed',
      message: 'entries 5 to 6 at the end of chain 3 are missing (its newest entry was entry 6)',
    })
    await db.deleteFrom('audit_chains').where('chain', '=', 3).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      chain: 3,
      problem: 'removed',
      message: "the record of chain 3's newest entry is missing",
    })
  })

  it('notices the oldest entries removed without a disposal record', async () => {
    const db = await seed()
    await db.deleteFrom('audit_log').where('chain', '=', 3).where('chain_seq', '<=', 2).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      seq: (await entryAt(db, 3, 3)).seq,
      chain: 3,
      chainSeq: 1,
      problem: 'removed',
      message: 'entries 1 to 2 of chain 3 are missing and no disposal record accounts for them',
    })
  })

  it('accepts missing heads of several chains only when audit-log disposal records account for exactly those entries', async () => {
    const db = await seed()
    const oldest = await entryAt(db, 3, 3)
    const day = oldest.at.slice(0, 10)
    // The start of chains 0 and 3, and all of chain 5 (its record says it reached entry 2).
    await db.deleteFrom('audit_log').where('chain', '=', 0).where('chain_seq', '<=', 1).execute()
    await db.deleteFrom('audit_log').where('chain', '=', 3).where('chain_seq', '<=', 2).execute()
    await db.deleteFrom('audit_log').where('chain', '=', 5).execute()
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
          ran_at: oldest.at,
          ran_by: 'system:retention',
        })
        .execute()
    const range =
      'entries 1 to 1 of chain 0, 1 to 2 of chain 3 and 1 to 2 of chain 5 are missing (5 in all)'
    const removed = { ok: false, chain: 0, chainSeq: 1, problem: 'removed' }
    // A disposal of another series says nothing about the audit log.
    await record('d-notices', 'notices', 5)
    expect(await verifyAuditChain(db)).toMatchObject({
      ...removed,
      message: `${range} and no disposal record accounts for them`,
    })
    // A disposal that covered one entry does not excuse five.
    await record('d-audit-1', 'audit-log', 1)
    expect(await verifyAuditChain(db)).toMatchObject({
      ...removed,
      message: `${range} but the audit-log disposal records account for 1`,
    })
    // Two records that together covered all five do.
    await record('d-audit-2', 'audit-log', 4)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 6 })
    // Records claiming more than is missing do not add up either.
    await record('d-audit-3', 'audit-log', 1)
    expect(await verifyAuditChain(db)).toMatchObject(removed)
    await db.deleteFrom('disposal_records').where('id', '=', 'd-audit-3').execute()
    // Nor one more entry gone from the start of any chain.
    await db.deleteFrom('audit_log').where('seq', '=', oldest.seq).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ...removed,
      message: expect.stringContaining(
        '(6 in all) but the audit-log disposal records account for 5',
      ) as unknown,
    })
    await writeBack(db, oldest)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 6 })
    // A disposal of entries dated after the oldest remaining one of a cut chain cannot be of its head.
    await db
      .updateTable('disposal_records')
      .set({ covered_to: '2999-12-31' })
      .where('id', '=', 'd-audit-2')
      .execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ...removed,
      message: expect.stringContaining(
        'cover entries up to 2999-12-31, after the oldest remaining entry of chain 0',
      ) as unknown,
    })
  })

  it('accepts the heads a retention sweep disposed of, emptied chains included, and nothing removed beyond them', async () => {
    await seed()
    const { clock } = env()
    clock.advance(3 * 366 * DAY)
    const swept = await env().reopen({
      retention: { authorities: { 'audit-log': { application: '24-017', item: '9' } } },
    })
    const officer = await staffActor(swept, 'privacy_officer')
    const run = await runRetention(swept, officer)
    expect(run.find((r) => r.series === 'audit-log')).toMatchObject({ disposed: 11 })
    await swept.db.transaction().execute((trx) =>
      appendAudit(trx, swept.engine, swept.clock, SYSTEM_ACTOR, [
        { action: 'patron.read', patronId: 'p12' },
        { action: 'patron.read', patronId: 'p13' },
      ]),
    )
    // Every chain the sweep emptied or cut carries on from its recorded newest entry.
    const left = await swept.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()
    for (const [chain, reached] of [
      [0, 3],
      [3, 6],
      [5, 2],
    ] as const) {
      const first = left.find((r) => r.chain === chain)
      if (first !== undefined) expect(first.chain_seq).toBe(reached + 1)
    }
    expect(await verifyAuditChain(swept.db)).toMatchObject({ ok: true, entries: left.length })
    // Removing one more entry from the start of a chain is not covered by the sweep's record.
    await swept.db
      .deleteFrom('audit_log')
      .where('seq', '=', left[0]?.seq ?? 0)
      .execute()
    expect(await verifyAuditChain(swept.db)).toMatchObject({
      ok: false,
      problem: 'removed',
      message: expect.stringContaining(
        '(12 in all) but the audit-log disposal records account for 11',
      ) as unknown,
    })
  })

  it('names reordered entries', async () => {
    const db = await seed()
    const [two, five] = [await entryAt(db, 3, 2), await entryAt(db, 3, 5)]
    await db.updateTable('audit_log').set({ chain_seq: -2 }).where('seq', '=', two.seq).execute()
    await db.updateTable('audit_log').set({ chain_seq: 2 }).where('seq', '=', five.seq).execute()
    await db.updateTable('audit_log').set({ chain_seq: 5 }).where('seq', '=', two.seq).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      seq: five.seq,
      chain: 3,
      chainSeq: 2,
      problem: 'reordered',
    })
  })

  it('notices an edited entry even when its hash was recomputed', async () => {
    const db = await seed()
    const row = await entryAt(db, 3, 2)
    const forged = { ...row, action: 'patron.search_hit' }
    await db
      .updateTable('audit_log')
      .set({ action: forged.action, hash: entryHash(forged) })
      .where('seq', '=', row.seq)
      .execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      seq: (await entryAt(db, 3, 3)).seq,
      chain: 3,
      chainSeq: 3,
      problem: 'reordered',
    })
  })

  it('notices entries moved to another chain', async () => {
    // Taken from the middle of chain 3 and put at the end of chain 5: chain 3 has a gap (and
    // chain 5 an entry that does not follow its last).
    let db = await seed()
    const middle = await entryAt(db, 3, 3)
    await db
      .updateTable('audit_log')
      .set({ chain: 5, chain_seq: 3 })
      .where('seq', '=', middle.seq)
      .execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      chain: 3,
      chainSeq: 3,
      problem: 'removed',
    })
    // Chain 5, record and all, relabelled chain 6 (a chain Carrel writes, not yet used): every
    // link and place still holds, so only the hashes, which cover the chain, tell.
    db = await seed()
    const first = await entryAt(db, 5, 1)
    await db.updateTable('audit_log').set({ chain: 6 }).where('chain', '=', 5).execute()
    await db.updateTable('audit_chains').set({ chain: 6 }).where('chain', '=', 5).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      seq: first.seq,
      chain: 6,
      chainSeq: 1,
      problem: 'changed',
    })
  })

  it('notices entries in a chain Carrel never writes', async () => {
    const db = await seed()
    await db.updateTable('audit_log').set({ chain: 9 }).where('chain', '=', 5).execute()
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      chain: 9,
      problem: 'changed',
      message: 'there are entries in chain 9, which Carrel never writes (it writes chains 0 to 7)',
    })
  })
})

/** Puts a deleted row back as it was. */
async function writeBack(db: Kysely<RecordsDb>, row: AuditLogTable): Promise<void> {
  await db.insertInto('audit_log').values(row).execute()
}

describeEngines('a chain whose every entry is gone', (env) => {
  it('carries on from its recorded newest entry, not from the start', async () => {
    const { ctx } = env()
    await clearAudit(ctx.db)
    // As after a sweep that disposed of every entry: each chain's newest entry is still recorded.
    const heads = Array.from({ length: AUDIT_CHAINS }, (_, chain) => ({
      chain,
      chain_seq: 40 + chain,
      hash: createHash('sha256').update(`head of chain ${chain}`).digest('hex'),
    }))
    await ctx.db.insertInto('audit_chains').values(heads).execute()
    await recordAudit(ctx.db, ctx.engine, ctx.clock, SYSTEM_ACTOR, [
      { action: 'patron.read', patronId: 'p1' },
    ])
    const entries = await ctx.db.selectFrom('audit_log').selectAll().execute()
    expect(entries).toHaveLength(1)
    const entry = entries[0]!
    const head = heads[entry.chain]!
    expect(entry).toMatchObject({ chain_seq: head.chain_seq + 1, prev_hash: head.hash })
    expect(
      await ctx.db
        .selectFrom('audit_chains')
        .select(['chain_seq', 'hash'])
        .where('chain', '=', entry.chain)
        .executeTakeFirst(),
    ).toEqual({ chain_seq: head.chain_seq + 1, hash: entry.hash })
  })
})
