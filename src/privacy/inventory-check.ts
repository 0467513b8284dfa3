import type { Kysely } from 'kysely'
import { INVENTORY, SHARED_TABLES } from './inventory.js'

export interface InventoryProblem {
  store: 'records' | 'keys'
  table: string
  column: string
  problem: 'undeclared column' | 'declared but missing'
}

/**
 * Compares a live store's schema with the data inventory (P1): a column nobody declared, or a
 * declaration with no column, is a problem.
 */
export async function inventoryProblems(
  db: Kysely<unknown>,
  store: 'records' | 'keys',
): Promise<InventoryProblem[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  const live = new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]))
  const problems: InventoryProblem[] = []
  for (const [table, columns] of live) {
    const entry = INVENTORY[table]
    const declared =
      entry !== undefined &&
      (entry.store === store || (SHARED_TABLES as readonly string[]).includes(table))
    for (const column of columns) {
      if (!declared || entry.columns[column] === undefined)
        problems.push({ store, table, column, problem: 'undeclared column' })
    }
  }
  for (const [table, entry] of Object.entries(INVENTORY)) {
    if (entry.store !== store && !(SHARED_TABLES as readonly string[]).includes(table)) continue
    for (const column of Object.keys(entry.columns)) {
      if (!live.get(table)?.has(column))
        problems.push({ store, table, column, problem: 'declared but missing' })
    }
  }
  return problems
}
