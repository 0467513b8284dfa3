import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { isUniqueViolation } from '../../src/db/dialect.js'
import { LOCKS } from '../../src/db/locks.js'
import { AUDIT_CHAINS } from '../../src/privacy/audit.js'
import { createTestEnv, describeEngines, ENGINES, type TestEnv } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

/*
 * "One item to exactly one of many patrons" rests on two guards, each tested here on its own:
 * the partial unique index on open loans (both engines), and the lock checkout takes on the
 * copy's row (PostgreSQL; SQLite runs one transaction at a time, so there is nothing to interleave).
 */

describeEngines('one open loan per copy: the unique index alone', (env) => {
  it('refuses a second open loan of the same copy written straight to the table', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const [a, b] = [await lib.patron(), await lib.patron()]
    const lent = await checkout(ctx, lib.desk, {
      patronBarcode: a.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const first = await ctx.db
      .selectFrom('loans')
      .selectAll()
      .where('id', '=', lent.loanId)
      .executeTakeFirstOrThrow()
    // No service, no row lock, no status check: only the database stands in the way.
    const second = { ...first, id: randomUUID(), patron_id: b.id }
    const err: unknown = await ctx.db
      .insertInto('loans')
      .values(second)
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(isUniqueViolation(err)).toBe(true)
    // The index covers open loans only: a returned loan of the same copy is no conflict.
    await ctx.db
      .insertInto('loans')
      .values({ ...second, returned_at: new Date().toISOString() })
      .execute()
    expect(
      await ctx.db
        .selectFrom('loans')
        .select('patron_id')
        .where('item_id', '=', items[0]!.id)
        .where('returned_at', 'is', null)
        .execute(),
    ).toEqual([{ patron_id: a.id }])
  })
})

// SQLite runs transactions one at a time, so only PostgreSQL can interleave two checkouts.
if (ENGINES.includes('postgres')) {
  describe('one open loan per copy: the row lock alone [postgres only]', () => {
    let env: TestEnv | undefined
    beforeAll(async () => {
      env = await createTestEnv('postgres')
      // Without the unique index, only the lock on the copy's row keeps the second desk out.
      await sql`drop index loans_open_item`.execute(env.ctx.db)
    })
    afterAll(async () => {
      await env?.close()
    })

    it('[postgres only] a second checkout waits for the first to commit, then finds the copy lent', async () => {
      if (env === undefined) throw new Error('test environment not ready')
      const { ctx } = env
      const lib = await setUpLibrary(ctx)
      const { items } = await lib.title()
      const [a, b] = [await lib.patron(), await lib.patron()]
      const desk = (p: { barcode: string }) =>
        checkout(ctx, lib.desk, {
          patronBarcode: p.barcode,
          itemBarcode: items[0]!.barcode,
          branch: 'main',
        }).then(
          () => 'lent',
          (e: { code?: string; message?: string }) => e.code ?? e.message ?? 'failed',
        )
      // The test holds the audit chains' locks, so the first checkout stops at its audit entry:
      // after it has locked the copy, written its loan and marked the copy lent, before it commits.
      const holder = new pg.Client({ connectionString: env.databaseUrl })
      await holder.connect()
      try {
        // Every chain's lock: a writer takes whichever chain is free, and waits only when none is.
        const chains = Array.from({ length: AUDIT_CHAINS }, (_, c) => LOCKS.auditChainBase + c)
        for (const lock of chains) await holder.query('select pg_advisory_lock($1)', [lock])
        const waiting = async (n: number) => {
          for (let i = 0; i < 200; i++) {
            const { rows } = await holder.query<{ n: string }>(
              `select count(*) as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`,
            )
            if (Number(rows[0]?.n) >= n) return
            await new Promise((r) => setTimeout(r, 25))
          }
          throw new Error(`fewer than ${n} transactions waiting on a lock`)
        }
        const first = desk(a)
        await waiting(1)
        const second = desk(b)
        await waiting(2)
        const settled = Symbol('settled')
        expect(await Promise.race([second.then(() => settled), Promise.resolve('waiting')])).toBe(
          'waiting',
        )
        for (const lock of chains) await holder.query('select pg_advisory_unlock($1)', [lock])
        expect(await first).toBe('lent')
        expect(await second).toBe('ITEM_ALREADY_ON_LOAN')
      } finally {
        await holder.end()
      }
      expect(
        await ctx.db
          .selectFrom('loans')
          .select('patron_id')
          .where('item_id', '=', items[0]!.id)
          .where('returned_at', 'is', null)
          .execute(),
      ).toEqual([{ patron_id: a.id }])
    })
  })
}
