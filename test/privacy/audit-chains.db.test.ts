import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { ManualClock } from '../../src/clock.js'
import { openStores } from '../../src/db/database.js'
import { LOCKS } from '../../src/db/locks.js'
import { recordsMigrations } from '../../src/db/migrations/index.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import type { RecordsDb } from '../../src/db/schema.js'
import {
  appendAudit,
  AUDIT_CHAINS,
  GENESIS_HASH,
  recordAudit,
  verifyAuditChain,
} from '../../src/privacy/audit.js'
import { createTestEnv, ENGINES, pgUrl, type TestEnv } from '../harness/engines.js'

/** The hash as Carrel wrote it before the log was split into chains (one chain, numbered by seq). */
function oldEntryHash(e: {
  seq: number
  at: string
  actor_type: string
  actor_id: string
  action: string
  patron_id: string | null
  detail: string
  prev_hash: string
}): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_type,
    e.actor_id,
    e.action,
    e.patron_id,
    e.detail,
    e.prev_hash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

for (const engine of ENGINES) {
  describe(`audit entries written before the log had chains [${engine}]`, () => {
    it('still verify after the migration, keep their hash, and the log carries on from them', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'carrel-legacy-'))
      const databaseUrl =
        engine === 'postgres' ? pgUrl(`carrel_legacy_${randomBytes(5).toString('hex')}`) : undefined
      const stores = await openStores({ dataDir, ...(databaseUrl && { databaseUrl }) })
      const db = stores.records
      const clock = new ManualClock()
      try {
        const before = Object.fromEntries(
          Object.entries(recordsMigrations).filter(([name]) => name < '0015'),
        )
        await migrateToLatest(db as Kysely<unknown>, before)
        // Seven entries as the old appendAudit wrote them; a retention sweep then disposed of
        // the first two and said so.
        let prev = GENESIS_HASH
        for (let seq = 1; seq <= 7; seq++) {
          const row = {
            seq,
            at: clock.now().toISOString(),
            actor_type: 'system',
            actor_id: 'system',
            action: 'patron.read',
            patron_id: `p${seq}`,
            detail: '{}',
            prev_hash: prev,
          }
          prev = oldEntryHash(row)
          await sql`insert into audit_log (seq, at, actor_type, actor_id, action, patron_id, detail, prev_hash, hash)
            values (${row.seq}, ${row.at}, ${row.actor_type}, ${row.actor_id}, ${row.action}, ${row.patron_id}, ${row.detail}, ${row.prev_hash}, ${prev})`.execute(
            db,
          )
        }
        await sql`delete from audit_log where seq <= 2`.execute(db)
        await sql`insert into disposal_records (id, series, authority, method, count, covered_from, covered_to, ran_at, ran_by)
          values ('d1', 'audit-log', 'Application 24-017, item 9', 'delete', 2, '2026-01-15', '2026-01-15', ${clock.now().toISOString()}, 'system:retention')`.execute(
          db,
        )
        const legacy = await sql<{
          seq: number
          hash: string
        }>`select seq, hash from audit_log order by seq`.execute(db)

        await migrateToLatest(db as Kysely<unknown>, recordsMigrations)
        const migrated = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()
        expect(migrated.map((r) => [r.seq, r.chain, r.chain_seq, r.hash])).toEqual(
          legacy.rows.map((r) => [r.seq, 0, r.seq, r.hash]),
        )
        expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 5 })

        // New entries carry on: seq after the old ones, chain 0 from its old last entry.
        for (let i = 0; i < 6; i++)
          await recordAudit(db, engine, clock, SYSTEM_ACTOR, [
            { action: 'patron.read', patronId: `new${i}` },
          ])
        const after = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()
        expect(after.slice(5).every((r) => r.seq > 7)).toBe(true)
        const chain0 = after.filter((r) => r.chain === 0).map((r) => r.chain_seq)
        expect(chain0).toEqual(Array.from({ length: chain0.length }, (_, i) => i + 3))
        expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 11 })

        // An old entry edited after the migration is still caught.
        await db.updateTable('audit_log').set({ patron_id: 'p9' }).where('seq', '=', 4).execute()
        expect(await verifyAuditChain(db)).toMatchObject({
          ok: false,
          seq: 4,
          chain: 0,
          chainSeq: 4,
          problem: 'changed',
        })
      } finally {
        await stores.close()
        rmSync(dataDir, { recursive: true, force: true })
      }
    })
  })
}

// SQLite runs one writer at a time and writes chain 0 only; PostgreSQL's writers spread out.
if (ENGINES.includes('postgres')) {
  describe('audit chains under concurrent writers [postgres only]', () => {
    let env: TestEnv | undefined
    beforeAll(async () => {
      env = await createTestEnv('postgres')
    })
    afterAll(async () => {
      await env?.close()
    })
    const current = () => {
      if (env === undefined) throw new Error('test environment not ready')
      return env
    }

    /** Holds the chains' locks in an open transaction on a connection of its own. */
    const hold = async (chains: readonly number[]) => {
      const holder = new pg.Client({ connectionString: current().databaseUrl })
      await holder.connect()
      await holder.query('begin')
      for (const c of chains)
        await holder.query('select pg_advisory_xact_lock($1)', [LOCKS.auditChainBase + c])
      return {
        holder,
        release: async () => {
          await holder.query('rollback')
          await holder.end()
        },
      }
    }
    /** Fails instead of hanging when the promise waits (on a lock) longer than `ms`. */
    const promptly = <T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> =>
      Promise.race([
        p,
        new Promise<T>((_, reject) =>
          setTimeout(() => reject(new Error(`${what} waited more than ${ms} ms`)), ms),
        ),
      ])
    const audited = (db: Kysely<RecordsDb>, patronId: string) =>
      db
        .selectFrom('audit_log')
        .select(['chain', 'chain_seq'])
        .where('patron_id', '=', patronId)
        .executeTakeFirstOrThrow()
    const read = (patronId: string) => {
      const { ctx } = current()
      return recordAudit(ctx.db, ctx.engine, ctx.clock, SYSTEM_ACTOR, [
        { action: 'patron.read', patronId },
      ])
    }

    it('a writer passes over a chain another transaction holds, without waiting for it', async () => {
      const { ctx } = current()
      for (const busy of [0, 5]) {
        const { release } = await hold([busy])
        try {
          for (let i = 0; i < 12; i++) {
            const id = `busy${busy}-${i}`
            await promptly(read(id), `append ${id}`)
            expect((await audited(ctx.db, id)).chain).not.toBe(busy)
          }
        } finally {
          await release()
        }
      }
      expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
    })

    it('with every chain but one held, every writer takes that one', async () => {
      const { ctx } = current()
      const free = 6
      const { release } = await hold([...Array(AUDIT_CHAINS).keys()].filter((c) => c !== free))
      try {
        for (let i = 0; i < 5; i++) {
          await promptly(read(`free-${i}`), `append free-${i}`)
          expect((await audited(ctx.db, `free-${i}`)).chain).toBe(free)
        }
      } finally {
        await release()
      }
      expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
    })

    it('two open transactions write two chains side by side, and both chains verify', async () => {
      const { ctx } = current()
      let finish: () => void = () => undefined
      const done = new Promise<void>((resolve) => (finish = resolve))
      let appended: (chain: number) => void = () => undefined
      const firstChain = new Promise<number>((resolve) => (appended = resolve))
      const first = ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, ctx.engine, ctx.clock, SYSTEM_ACTOR, [
          { action: 'patron.read', patronId: 'side-1' },
        ])
        appended((await audited(trx, 'side-1')).chain)
        await done
      })
      const a = await promptly(firstChain, 'the first transaction')
      // The first transaction is still open, holding its chain: the second neither waits nor joins it.
      await promptly(read('side-2'), 'the second transaction')
      const b = (await audited(ctx.db, 'side-2')).chain
      expect(b).not.toBe(a)
      finish()
      await first
      expect((await audited(ctx.db, 'side-1')).chain).toBe(a)
      expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
    })

    it('when every chain is held, a writer waits for one and then continues it', async () => {
      const { ctx } = current()
      const { holder, release } = await hold([...Array(AUDIT_CHAINS).keys()])
      let released = false
      try {
        const waiting = read('patient')
        const state = await Promise.race([
          waiting.then(() => 'written'),
          new Promise((r) => setTimeout(() => r('waiting'), 300)),
        ])
        expect(state).toBe('waiting')
        const { rows } = await holder.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event = 'advisory'`,
        )
        expect(Number(rows[0]?.n)).toBe(1)
        await release()
        released = true
        await promptly(waiting, 'the waiting writer')
      } finally {
        if (!released) await release()
      }
      expect(await audited(ctx.db, 'patient')).toBeDefined()
      expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
    })
  })
}
