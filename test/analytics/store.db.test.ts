import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { SQLITE_FILES } from '../../src/db/database.js'
import { describeEngines } from '../harness/engines.js'
import { migrateStatisticsStore, STATISTICS_SQLITE_FILE } from '../../src/analytics/store.js'

describeEngines('statistics store', (env) => {
  it('is its own migrated database on the same engine, apart from the records', async () => {
    const { ctx, engine, dataDir } = env()
    expect(ctx.statistics.engine).toBe(engine)
    expect(existsSync(join(dataDir, STATISTICS_SQLITE_FILE))).toBe(engine === 'sqlite')
    // Listed with the other SQLite stores, so a demo reset removes it with them.
    expect(SQLITE_FILES.statistics).toBe(STATISTICS_SQLITE_FILE)
    for (const table of [
      'page_views',
      'daily_totals',
      'daily_pages',
      'daily_referrers',
      'daily_transitions',
    ] as const) {
      const rows = await ctx.statistics.db.selectFrom(table).selectAll().execute()
      expect(rows).toEqual([])
    }
    const recordsTables = (await ctx.db.introspection.getTables()).map((t) => t.name)
    expect(recordsTables).not.toContain('page_views')
    expect(await migrateStatisticsStore(ctx.statistics)).toEqual([])
  })
})
