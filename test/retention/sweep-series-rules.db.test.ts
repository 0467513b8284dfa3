// Each retention series answers for its own records (P5): a returned loan kept as an erased
// account's reading history is due under "reading history", not under "loan links", so the
// preview a privacy officer reads before a sweep names the right series. And clearing freed
// space from the files after a sweep (P3) happens only where the library has it switched on:
// switched off, a sweep leaves the files and tables alone (no PostgreSQL table is rewritten
// under its exclusive lock).
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import type { AppContext } from '../../src/context.js'
import { SQLITE_FILES } from '../../src/db/database.js'
import { erasePatron } from '../../src/patrons/patron.service.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/**
 * What compaction changes: on SQLite the size of the records WAL (emptied to nothing), on
 * PostgreSQL the file behind the loans table (VACUUM FULL writes it anew).
 */
async function filesState(env: TestEnv, ctx: AppContext): Promise<number> {
  if (env.engine === 'sqlite')
    return statSync(join(env.dataDir, `${SQLITE_FILES.records}-wal`)).size
  const { rows } = await sql<{
    relfilenode: number
  }>`select relfilenode from pg_class where relname = 'loans' and relkind = 'r'`.execute(ctx.db)
  return Number(rows[0]?.relfilenode)
}

describeEngines(
  'retention series and what a sweep leaves',
  (env) => {
    it("counts an erased account's returned loans as reading history to forget, not as loan links", async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const reader = await lib.patron()
      await setReadingHistory(ctx, { type: 'patron', id: reader.id }, reader.id, true)
      const { items } = await lib.title()
      await checkout(ctx, lib.desk, {
        patronBarcode: reader.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      await erasePatron(ctx, officer, reader.id)
      clock.advance(DAY)
      const due = Object.fromEntries(
        (await previewRetention(ctx, officer)).map((s) => [s.series, s.due]),
      )
      expect(due['reading-history']).toBe(1)
      expect(due['loan-link']).toBe(0)
    })

    it('leaves the database files alone after a sweep when compaction is switched off, and compacts them when it is on', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      await lib.patron()
      const before = await filesState(env(), ctx)
      if (env().engine === 'sqlite') expect(before).toBeGreaterThan(0)
      await runRetention(ctx, officer)
      // SQLite: the WAL still holds its page images; PostgreSQL: no table was rewritten.
      if (env().engine === 'sqlite') expect(await filesState(env(), ctx)).toBeGreaterThan(0)
      else expect(await filesState(env(), ctx)).toBe(before)

      const compacting = await env().reopen({ retention: { compactAfterSweep: true } })
      await runRetention(compacting, officer)
      const after = await filesState(env(), ctx)
      if (env().engine === 'sqlite') expect(after).toBe(0)
      else expect(after).not.toBe(before)
    })
  },
  { retention: { compactAfterSweep: false } },
)
