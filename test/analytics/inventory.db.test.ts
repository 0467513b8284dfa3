// P1 for the third store: every column of the statistics store is declared in the data
// inventory, and every declared website column exists there (and nowhere in the records store).
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { inventoryProblems } from '../../src/privacy/inventory-check.js'
import { INVENTORY } from '../../src/privacy/inventory.js'
import { describeEngines } from '../harness/engines.js'

describeEngines('statistics store inventory', (env) => {
  it('declares every column of the statistics store, and nothing it lacks', async () => {
    const db = env().ctx.statistics.db as Kysely<unknown>
    expect(await inventoryProblems(db, 'statistics')).toEqual([])
    const tables = Object.entries(INVENTORY).filter(([, e]) => e.store === 'statistics')
    expect(tables.map(([t]) => t).sort()).toEqual([
      'daily_pages',
      'daily_referrers',
      'daily_totals',
      'daily_transitions',
      'page_views',
    ])
  })

  it('finds an undeclared column planted in the statistics store', async () => {
    const db = env().ctx.statistics.db
    await db.schema.alterTable('daily_totals').addColumn('browser', 'text').execute()
    try {
      expect(await inventoryProblems(db as Kysely<unknown>, 'statistics')).toEqual([
        {
          store: 'statistics',
          table: 'daily_totals',
          column: 'browser',
          problem: 'undeclared column',
        },
      ])
    } finally {
      await db.schema.alterTable('daily_totals').dropColumn('browser').execute()
    }
  })
})
