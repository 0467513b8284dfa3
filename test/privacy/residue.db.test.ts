// Forgotten means gone from the files, not only from queries (P3, §5 Linkability): after a
// retention sweep, no byte of a deleted row may remain in the SQLite files (main and WAL) or
// under the PostgreSQL cluster's base/. Each engine's control shows the scan finds the marker
// when the measures are off, so a pass means something.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { registerPatron, erasePatron } from '../../src/patrons/patron.service.js'
import { findWrappedKey } from '../../src/privacy/keystore.repository.js'
import { compactAfterSweep } from '../../src/privacy/retention/compaction.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines, ENGINES, pgUrl, type TestEnv } from '../harness/engines.js'
import { findPgBinDir, startPgCluster, type PgServer } from '../harness/postgres-cluster.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees, takePayment } from '../../src/circulation/fees.service.js'

const NOTICES = { retention: { authorities: { notices: { application: '24-017', item: '9' } } } }

/*
 * On PostgreSQL these tests have a server of their own. VACUUM FULL keeps a deleted row version
 * while any open snapshot may still see it, and the scan reads every database under base/: the
 * run's shared server, busy with other test files at the same time, would make both depend on
 * what else happens to run.
 */
let own: { server: PgServer; stop(): Promise<void> } | undefined
beforeAll(async () => {
  const bin = findPgBinDir()
  if (ENGINES.includes('postgres') && bin !== undefined) own = await startPgCluster(bin)
}, 60_000)
afterAll(async () => {
  await own?.stop()
})

/** The engine's settings, with the PostgreSQL stores on this file's own server. */
const onOwnServer =
  (settings: Record<string, unknown>) =>
  (engine: string): Record<string, unknown> => {
    if (engine !== 'postgres') return settings
    if (own === undefined) throw new Error('no PostgreSQL server of this file')
    const name = `carrel_r_${randomUUID().replaceAll('-', '').slice(0, 12)}`
    return {
      ...settings,
      databaseUrl: pgUrl(name, own.server),
      keystoreUrl: pgUrl(`${name}_keys`, own.server),
    }
  }

/** Every file of this env's stores that holds the marker's bytes (PostgreSQL: the whole of base/). */
async function filesHolding(env: TestEnv, marker: string): Promise<string[]> {
  const needle = Buffer.from(marker, 'utf8')
  const { ctx } = env
  if (env.engine === 'sqlite') {
    return readdirSync(env.dataDir)
      .filter((f) => /^(records|keys)\.sqlite/.test(f))
      .filter((f) => readFileSync(join(env.dataDir, f)).includes(needle))
  }
  // Whatever is still only in shared buffers reaches the files first, or the scan would miss it.
  await sql`checkpoint`.execute(ctx.db)
  const { rows } = await sql<{ data_directory: string }>`show data_directory`.execute(ctx.db)
  const dataDir = rows[0]?.data_directory ?? ''
  const base = join(dataDir, 'base')
  const hits: string[] = []
  // A file dropped between listing and reading (a rewritten table's old one) is skipped.
  const read = <T>(f: () => T, none: T): T => {
    try {
      return f()
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ENOENT') return none
      throw err
    }
  }
  const walk = (dir: string) => {
    for (const e of read(() => readdirSync(dir, { withFileTypes: true }), [])) {
      const path = join(dir, e.name)
      if (e.isDirectory()) walk(path)
      else if (e.isFile() && read(() => readFileSync(path).includes(needle), false))
        hits.push(path.slice(dataDir.length + 1))
    }
  }
  walk(base)
  // Named as well, so a failure says which table or index kept the bytes.
  const named: string[] = []
  for (const hit of hits) {
    const [, , node] = hit.split('/')
    const { rows: rel } = await sql<{ name: string | null }>`
      select pg_filenode_relation(0, ${Number(node?.split('.')[0] ?? 0)})::text as name`.execute(
      ctx.db,
    )
    named.push(`${hit} (${rel[0]?.name ?? 'another database or no relation'})`)
  }
  return named
}

/**
 * A notice naming the marker (as its id and in its text), queued behind a few that are not due
 * yet, so it shares their page, then swept by retention 31 days later. PostgreSQL analyses the
 * table first, as autovacuum would, so the marker also sits in pg_statistic.
 */
async function plantAndSweep(env: TestEnv, marker: string): Promise<void> {
  const { ctx, clock } = env
  clock.set('2026-03-02T15:00:00Z')
  const officer = await staffActor(ctx, 'privacy_officer')
  const patron = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
  const notice = (id: string, text: string, at: Date) => ({
    id,
    patron_id: patron.id,
    kind: 'hold_ready',
    payload: JSON.stringify({ title: text }),
    created_at: at.toISOString(),
    sent_at: at.toISOString(),
  })
  const later = new Date(clock.now().getTime() + 31 * DAY)
  for (let i = 0; i < 5; i++)
    await ctx.db
      .insertInto('notice_outbox')
      .values(notice(randomUUID(), `not due ${i}`, later))
      .execute()
  await ctx.db
    .insertInto('notice_outbox')
    .values(notice(marker, marker, clock.now()))
    .execute()
  if (env.engine === 'postgres') await sql`analyze notice_outbox`.execute(ctx.db)
  expect(await filesHolding(env, marker)).not.toEqual([])

  clock.advance(31 * DAY)
  const runs = await runRetention(ctx, officer)
  expect(runs.find((r) => r.series === 'notices')?.disposed).toBeGreaterThanOrEqual(1)
  const left = await ctx.db.selectFrom('notice_outbox').select('id').execute()
  expect(left.map((r) => r.id)).not.toContain(marker)
  expect(left).toHaveLength(5)
}

describeEngines(
  'residue of swept rows, measures off (control)',
  (env) => {
    it('finds the marker after the delete: plain deletes leave bytes behind', async () => {
      const { ctx, engine } = env()
      // This store's one connection, as it would be without the pragma.
      if (engine === 'sqlite') await sql`pragma secure_delete = off`.execute(ctx.db)
      const marker = randomUUID()
      await plantAndSweep(env(), marker)
      expect(await filesHolding(env(), marker)).not.toEqual([])
      if (engine === 'sqlite') {
        // Emptying the WAL alone copies the stale page into the main file.
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db)
        expect(await filesHolding(env(), marker)).toContain('records.sqlite')
      } else {
        // Plain VACUUM marks the space free but leaves the bytes in the heap and index pages.
        await sql`vacuum notice_outbox`.execute(ctx.db)
        expect(await filesHolding(env(), marker)).not.toEqual([])
      }
    })
  },
  onOwnServer({ ...NOTICES, retention: { ...NOTICES.retention, compactAfterSweep: false } }),
)

describeEngines(
  'residue of swept rows',
  (env) => {
    it('zeroes freed space on both SQLite stores', async () => {
      const { ctx, engine } = env()
      if (engine !== 'sqlite') return
      for (const db of [ctx.db, ctx.keys]) {
        const { rows } = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(db)
        expect(rows[0]?.secure_delete).toBe(1)
      }
    })

    it('leaves no byte of a swept notice in the database files', async () => {
      const marker = randomUUID()
      await plantAndSweep(env(), marker)
      expect(await filesHolding(env(), marker)).toEqual([])
    })

    it('leaves no byte of a returned loan that named its patron', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
      const officer = await staffActor(ctx, 'privacy_officer')
      const { items } = await lib.title([{}, {}])
      const p = await lib.patron()
      // One loan returned on time, one late with a fine paid afterwards; both are forgotten.
      const onTime = await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })
      const late = await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[1]!.barcode,
        branch: 'main',
      })
      for (const loan of [onTime, late])
        expect(await filesHolding(env(), loan.loanId)).not.toEqual([])
      clock.advance(3 * DAY)
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      clock.advance(8 * DAY)
      await checkin(ctx, lib.desk, { itemBarcode: items[1]!.barcode, branch: 'main' })
      const fee = (await listFees(ctx, lib.desk, p.id)).fees[0]!
      await takePayment(ctx, lib.desk, p.id, { amountCents: fee.outstandingCents, method: 'cash' })
      expect(
        await ctx.db.selectFrom('loans').select('id').where('patron_id', '=', p.id).execute(),
      ).toEqual([])
      await runRetention(ctx, officer)
      // Not the loans, not the fine that pointed at the second one.
      for (const gone of [onTime.loanId, late.loanId, fee.id])
        expect(await filesHolding(env(), gone)).toEqual([])
    })

    it("leaves no byte of an erased patron's wrapped data key in the key store's files", async () => {
      const { ctx } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      const patron = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
      const wrapped = await findWrappedKey(ctx.keys, patron.id)
      if (wrapped === undefined) throw new Error('the patron has no data key')
      expect(await filesHolding(env(), wrapped)).not.toEqual([])
      await erasePatron(ctx, officer, patron.id)
      const result = await compactAfterSweep(ctx)
      expect(result.skipped.filter((s) => s.reason !== 'no such table')).toEqual([])
      expect(result.done).toEqual(
        env().engine === 'sqlite'
          ? ['records', 'keys']
          : expect.arrayContaining([
              'records.notice_outbox',
              'records.pg_statistic',
              'keys.patron_keys',
            ]),
      )
      expect(await filesHolding(env(), wrapped)).toEqual([])
    })
  },
  onOwnServer(NOTICES),
)
