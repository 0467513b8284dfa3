import { sql, type QueryExecutorProvider } from 'kysely'
import type { Engine } from './dialect.js'

/** Named application locks; the numbers only have to be distinct. attemptsBase + a 32-bit hash locks one card's PIN budget. */
export const LOCKS = { auditChain: 7_270_001, attemptsBase: 8_000_000_000 } as const

/**
 * Serialises writers of one resource until the transaction ends. SQLite needs nothing: Kysely
 * runs its transactions one at a time on a single connection, and the file lock covers other processes.
 */
export async function lockForTransaction(
  trx: QueryExecutorProvider,
  engine: Engine,
  lock: number,
): Promise<void> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${lock})`.execute(trx)
}
