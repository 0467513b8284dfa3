import type { Kysely } from 'kysely'
import { pendingMigrations } from '../db/migrator.js'
import { statisticsMigrations } from './migrations/index.js'
import type { StatisticsDb } from './statistics.tables.js'

/** The statistics store's migrations not yet applied (read only; nothing is created). */
export async function pendingStatisticsMigrations(db: Kysely<StatisticsDb>): Promise<string[]> {
  return pendingMigrations(db as Kysely<unknown>, statisticsMigrations)
}

/** The names of every statistics-store migration this version knows, in order. */
export function statisticsMigrationNames(): string[] {
  return Object.keys(statisticsMigrations).sort()
}
