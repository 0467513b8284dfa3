import { Kysely, PostgresDialect, sql, SqliteDialect, type LogEvent } from 'kysely'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import type { AppContext } from '../../src/context.js'
import { SQLITE_FILES } from '../../src/db/database.js'
import { createPool } from '../../src/db/postgres.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { openSqlite } from '../../src/db/sqlite.js'
import {
  DEFAULT_RULE,
  getLibraryStructure,
  saveItemType,
  saveLoanRule,
} from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

/** A second handle on the same database that records every statement it sends. */
function traced(ctx: AppContext, log: string[]): Kysely<RecordsDb> {
  const onLog = (e: LogEvent) => {
    log.push(e.query.sql)
  }
  return ctx.engine === 'sqlite'
    ? new Kysely<RecordsDb>({
        dialect: new SqliteDialect({
          database: openSqlite(join(ctx.config.dataDir, SQLITE_FILES.records)).kysely,
        }),
        log: onLog,
      })
    : new Kysely<RecordsDb>({
        dialect: new PostgresDialect({ pool: createPool(ctx.config.databaseUrl ?? '', 2) }),
        log: onLog,
      })
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

describeEngines(
  'the library set-up is read from memory until it changes, whoever changes it',
  (env) => {
    let lib: Awaited<ReturnType<typeof setUpLibrary>>
    beforeAll(async () => {
      lib = await setUpLibrary(env().ctx, { loanPeriod: 21 })
    })

    it('a second read costs one statement, the version row', async () => {
      const log: string[] = []
      const db = traced(env().ctx, log)
      try {
        await getLibraryStructure(db)
        log.length = 0
        const again = await getLibraryStructure(db)
        expect(again.branches.map((b) => b.code)).toContain('east')
        expect(log).toHaveLength(1)
        expect(log[0]).toMatch(/library_version/)
      } finally {
        await db.destroy()
      }
    })

    it('a loan rule changed by another process applies to the next checkout here', async () => {
      const ctx = env().ctx
      const other = await env().reopen()
      const p = await lib.patron()
      const { items } = await lib.title()
      const barcode = items[0]!.barcode
      const before = await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: barcode,
        branch: 'main',
      })
      expect(days(ctx.clock.now().toISOString(), before.dueAt)).toBeGreaterThanOrEqual(21)
      await checkin(ctx, lib.desk, { itemBarcode: barcode, branch: 'main' })
      await saveLoanRule(other, SYSTEM_ACTOR, { ...DEFAULT_RULE, loanPeriod: 3 })
      const after = await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: barcode,
        branch: 'main',
      })
      expect(days(ctx.clock.now().toISOString(), after.dueAt)).toBeLessThanOrEqual(4)
      await checkin(ctx, lib.desk, { itemBarcode: barcode, branch: 'main' })
      await saveLoanRule(other, SYSTEM_ACTOR, { ...DEFAULT_RULE, loanPeriod: 21 })
    })

    it('a change made by hand in SQL is seen too', async () => {
      const ctx = env().ctx
      await getLibraryStructure(ctx.db)
      await sql`update branches set name = 'East Side' where code = 'east'`.execute(ctx.db)
      const s = await getLibraryStructure(ctx.db)
      expect(s.branches.find((b) => b.code === 'east')?.name).toBe('East Side')
    })

    it('a change rolled back never reaches anyone, and a later change is not mistaken for it', async () => {
      const ctx = env().ctx
      await saveItemType(ctx, SYSTEM_ACTOR, { code: 'kit', name: 'Kit' })
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('item_types')
            .set({ name: 'Rolled back' })
            .where('code', '=', 'kit')
            .execute()
          // Read inside the writer's own transaction: it sees its change…
          const inside = await getLibraryStructure(trx)
          expect(inside.itemTypes.find((t) => t.code === 'kit')?.name).toBe('Rolled back')
          throw new Error('abandon')
        }),
      ).rejects.toThrow('abandon')
      // The next change gets a version of its own: not the rolled-back one's rows from memory.
      await saveItemType(ctx, SYSTEM_ACTOR, { code: 'kit', name: 'Craft kit' })
      const kit = (await getLibraryStructure(ctx.db)).itemTypes.find((t) => t.code === 'kit')
      expect(kit?.name).toBe('Craft kit')
    })

    it('readers outside a transaction that was rolled back never see its change', async () => {
      const ctx = env().ctx
      await saveItemType(ctx, SYSTEM_ACTOR, { code: 'puzzle', name: 'Puzzle' })
      await ctx.db
        .transaction()
        .execute(async (trx) => {
          await trx
            .updateTable('item_types')
            .set({ name: 'Gone' })
            .where('code', '=', 'puzzle')
            .execute()
          await getLibraryStructure(trx)
          throw new Error('abandon')
        })
        .catch(() => undefined)
      const puzzle = (await getLibraryStructure(ctx.db)).itemTypes.find((t) => t.code === 'puzzle')
      expect(puzzle?.name).toBe('Puzzle')
    })

    it('what is shared is frozen: a caller cannot change it for the others', async () => {
      const s = await getLibraryStructure(env().ctx.db)
      expect(() => (s.branches as unknown[]).push({ code: 'x', name: 'x' })).toThrow()
    })
  },
)
