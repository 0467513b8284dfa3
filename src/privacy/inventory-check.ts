import type { Kysely } from 'kysely'
import { engineOf } from '../db/sequence.js'
import { INVENTORY, SHARED_TABLES, type TableEntry } from './inventory.js'

export interface InventoryProblem {
  store: 'records' | 'keys' | 'statistics'
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
  store: 'records' | 'keys' | 'statistics',
): Promise<InventoryProblem[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  const live = new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]))
  const problems: InventoryProblem[] = []
  // A table or column declared for the other engine only is, on this one, not declared at all.
  const engine = engineOf(db)
  const here = (entry: TableEntry | undefined): TableEntry | undefined =>
    entry === undefined || (entry.engine ?? engine) !== engine
      ? undefined
      : {
          ...entry,
          columns: Object.fromEntries(
            Object.entries(entry.columns).filter(([, c]) => (c.engine ?? engine) === engine),
          ),
        }
  for (const [table, columns] of live) {
    const entry = here(INVENTORY[table])
    const declared =
      entry !== undefined &&
      (entry.store === store || (SHARED_TABLES as readonly string[]).includes(table))
    for (const column of columns) {
      if (!declared || entry.columns[column] === undefined)
        problems.push({ store, table, column, problem: 'undeclared column' })
    }
  }
  for (const [table, declared] of Object.entries(INVENTORY)) {
    const entry = here(declared)
    if (entry === undefined) continue
    if (entry.store !== store && !(SHARED_TABLES as readonly string[]).includes(table)) continue
    for (const column of Object.keys(entry.columns)) {
      if (!live.get(table)?.has(column))
        problems.push({ store, table, column, problem: 'declared but missing' })
    }
  }
  return problems
}
