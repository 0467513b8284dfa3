import { Migrator, type Kysely, type Migration } from 'kysely'

export interface MigrationReport {
  applied: string[]
}

function migratorFor(db: Kysely<unknown>, migrations: Record<string, Migration>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
}

/**
 * The names of the migrations not yet applied to one store, in order. Only reads: with no
 * migration table yet, every migration is pending and nothing is created.
 */
export async function pendingMigrations(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const known = await migratorFor(db, migrations).getMigrations()
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

/** Runs every pending migration of one store; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
): Promise<MigrationReport> {
  const migrator = migratorFor(db, migrations)
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error !== undefined) {
    const cause = error instanceof Error ? error.message : JSON.stringify(error)
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, {
      cause: error,
    })
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  }
}
