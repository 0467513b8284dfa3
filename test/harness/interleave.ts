import pg from 'pg'
import { afterAll, beforeAll, describe } from 'vitest'
import { LOCKS } from '../../src/db/locks.js'
import { AUDIT_CHAINS } from '../../src/privacy/audit.js'
import { createTestEnv, ENGINES, type TestEnv } from './engines.js'

/*
 * Deterministic interleavings on PostgreSQL. SQLite runs one write transaction at a time, so
 * there is nothing to interleave there; on PostgreSQL a test holds a lock the first call needs,
 * so that call stops part-way, holding its row locks, while the second starts and waits behind
 * it; then the test lets go.
 */

/** A connection of the test's own, holding locks the calls under test need. */
export async function lockHolder(env: TestEnv) {
  const holder = new pg.Client({ connectionString: env.databaseUrl })
  await holder.connect()
  const chains = Array.from({ length: AUDIT_CHAINS }, (_, c) => LOCKS.auditChainBase + c)
  return {
    client: holder,
    /** Every audit chain's lock: a transaction stops at its audit entry, just before it commits. */
    async holdAuditChains() {
      for (const lock of chains) await holder.query('select pg_advisory_lock($1)', [lock])
    },
    async releaseAuditChains() {
      for (const lock of chains) await holder.query('select pg_advisory_unlock($1)', [lock])
    },
    /** Until `n` transactions of this database wait on a lock. */
    async waiting(n: number) {
      for (let i = 0; i < 400; i++) {
        const { rows } = await holder.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        )
        if (Number(rows[0]?.n) >= n) return
        await new Promise((r) => setTimeout(r, 25))
      }
      throw new Error(`fewer than ${n} transactions waiting on a lock`)
    },
    end: () => holder.end(),
  }
}

/**
 * A block of tests run on PostgreSQL alone, each file with its own fresh environment; left out
 * (like the PostgreSQL half of every database test) when the run has no PostgreSQL.
 */
export function describePostgresOnly(name: string, body: (env: () => TestEnv) => void): void {
  if (!ENGINES.includes('postgres')) return
  describe(name, () => {
    let current: TestEnv | undefined
    beforeAll(async () => {
      current = await createTestEnv('postgres')
    })
    afterAll(async () => {
      await current?.close()
    })
    body(() => {
      if (current === undefined) throw new Error('test environment not ready')
      return current
    })
  })
}

/** What a call came to: 'done', or the stable code (else the message) it was refused with. */
export function outcome<T>(p: Promise<T>): Promise<string> {
  return p.then(
    () => 'done',
    (e: { code?: string; message?: string }) =>
      e.code === undefined ? `error: ${e.message}` : `${e.code}: ${e.message}`,
  )
}
