import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { lockRows } from '../../src/db/dialect.js'
import { forgetCompiledQueries, precompiled } from '../../src/db/precompiled.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('queries compiled once and run with new values', (env) => {
  it('builds once per database, binds each run its own values, and keeps the constants of the query', async () => {
    const { ctx, reopen } = env()
    const lib = await setUpLibrary(ctx, {})
    const [a, b] = (await lib.title([{ branch: 'main' }, { branch: 'east' }])).items
    let built = 0
    const copy = precompiled(
      (db: Kysely<RecordsDb>, v: { barcode: string; branch: string }, engine) => {
        built += 1
        return lockRows(
          db
            .selectFrom('items')
            .select(['barcode', 'branch'])
            .where('barcode', '=', v.barcode)
            .where('branch', '=', v.branch)
            .where('status', 'in', ['available', 'on_loan']),
          engine,
        )
      },
    )
    const found = await ctx.db.transaction().execute(async (trx) => [
      (await copy(trx, { barcode: a!.barcode, branch: 'main' })).rows,
      (await copy(trx, { barcode: b!.barcode, branch: 'east' })).rows,
      // The values go where they were named, not in the order they are given.
      (await copy(trx, { branch: 'main', barcode: b!.barcode })).rows,
    ])
    expect(found).toEqual([
      [{ barcode: a!.barcode, branch: 'main' }],
      [{ barcode: b!.barcode, branch: 'east' }],
      [],
    ])
    expect(built).toBe(1)
    // The database itself and each of its transactions share the statement.
    expect((await copy(ctx.db, { barcode: a!.barcode, branch: 'main' })).rows).toHaveLength(1)
    expect(built).toBe(1)
    // Another opening of the store is another database: it gets its own.
    const other = await reopen()
    expect((await copy(other.db, { barcode: b!.barcode, branch: 'east' })).rows).toHaveLength(1)
    expect(built).toBe(2)
    // The mutation runs make every query compile afresh before each test; once per database again.
    forgetCompiledQueries()
    expect((await copy(ctx.db, { barcode: a!.barcode, branch: 'main' })).rows).toHaveLength(1)
    expect((await copy(ctx.db, { barcode: b!.barcode, branch: 'east' })).rows).toHaveLength(1)
    expect(built).toBe(3)
  })

  it('reports how many rows a write changed, and refuses a value the query never binds', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx, {})
    const [item] = (await lib.title()).items
    const withdraw = precompiled((db: Kysely<RecordsDb>, v: { barcode: string }) =>
      db.updateTable('items').set({ status: 'withdrawn' }).where('barcode', '=', v.barcode),
    )
    expect(Number((await withdraw(ctx.db, { barcode: item!.barcode })).numAffectedRows)).toBe(1)
    expect(Number((await withdraw(ctx.db, { barcode: 'no-such-copy' })).numAffectedRows)).toBe(0)

    const unbound = precompiled((db: Kysely<RecordsDb>, _: { barcode: string; branch: string }) =>
      db.selectFrom('items').select('id').where('barcode', '=', _.barcode),
    )
    await expect(unbound(ctx.db, { barcode: 'x', branch: 'main' })).rejects.toThrow(
      /"branch" is not bound/,
    )
  })
})
