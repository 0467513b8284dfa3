// The data inventory check (P1) reports a declared table the store does not have at all: every
// one of its declared columns is named as declared but missing.
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { inventoryProblems } from '../../src/privacy/inventory-check.js'
import { INVENTORY } from '../../src/privacy/inventory.js'
import { describeEngines } from '../harness/engines.js'

describeEngines('the inventory check and a missing table (P1)', (env) => {
  it('names every declared column of a table the store lacks', async () => {
    const { ctx } = env()
    await ctx.db.schema.dropTable('pin_failures').execute()
    const problems = await inventoryProblems(ctx.db as Kysely<unknown>, 'records')
    const declared = Object.keys(INVENTORY.pin_failures?.columns ?? {})
    expect(declared.length).toBeGreaterThan(0)
    expect(problems.filter((p) => p.table === 'pin_failures')).toEqual(
      declared.map((column) => ({
        store: 'records',
        table: 'pin_failures',
        column,
        problem: 'declared but missing',
      })),
    )
  })
})
