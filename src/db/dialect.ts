/** Every difference between SQLite and PostgreSQL that code outside db/ must know about. */
export type Engine = 'sqlite' | 'postgres'

interface DriverError {
  code?: unknown
}

/** True for a unique or primary-key violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false
  const code = (err as DriverError).code
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/** True when a transaction lost a serialisation race and may simply be retried. */
export function isRetryable(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false
  const code = (err as DriverError).code
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY'
}

/** Row locks exist only on PostgreSQL; SQLite transactions already run one at a time. */
export function lockRows<Q extends { forUpdate(): Q }>(query: Q, engine: Engine): Q {
  return engine === 'postgres' ? query.forUpdate() : query
}

/**
 * Rows another transaction has locked are passed over on PostgreSQL (`for update skip locked`),
 * so workers claiming from one queue each take different rows without waiting; SQLite runs one
 * write at a time, so the clause is left out there.
 */
export function lockRowsSkipLocked<Q extends { forUpdate(): Q; skipLocked(): Q }>(
  query: Q,
  engine: Engine,
): Q {
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query
}
