import { randomInt } from 'node:crypto'
import { sql, type QueryExecutorProvider } from 'kysely'
import type { Engine } from './dialect.js'

/**
 * Named application locks; the numbers only have to be distinct. auditChainBase + c locks audit
 * chain c (0 ≤ c < AUDIT_CHAINS); attemptsBase + a 32-bit hash locks one card's PIN budget.
 */
export const LOCKS = {
  auditChainBase: 7_270_100,
  attemptsBase: 8_000_000_000,
  // Publishing a policy version: one at a time, so numbers follow each other with no gap.
  policyPublish: 7_270_200,
  // Adding a branch, item type, category or computer group code: one case-twin check at a time.
  libraryCodes: 7_270_300,
} as const

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

/**
 * Takes one of `count` interchangeable locks (base … base + count − 1) until the transaction ends
 * and says which (0 … count − 1): the first one free, trying them in turn from a random one, so
 * concurrent writers spread out instead of queueing; only when every one is held does it wait,
 * for the random one. A lock this transaction already holds counts as free, so a second call in
 * one transaction never waits for itself. SQLite runs one writer at a time: always 0.
 */
export async function lockOneOf(
  trx: QueryExecutorProvider,
  engine: Engine,
  base: number,
  count: number,
): Promise<number> {
  if (engine !== 'postgres') return 0
  const start = randomInt(count)
  for (let i = 0; i < count; i++) {
    const which = (start + i) % count
    const { rows } = await sql<{
      got: boolean
    }>`select pg_try_advisory_xact_lock(${base + which}) as got`.execute(trx)
    if (rows[0]?.got === true) return which
  }
  await lockForTransaction(trx, engine, base + start)
  return start
}
