// What compaction reports after a sweep (P3, §5 Linkability) must be true of both stores: the
// old page images count as cleared only when the records store AND the key store were
// checkpointed (an erased patron's wrapped key may linger in the key store's files), and the
// time it says it took is the time it took.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { SQLITE_FILES } from '../../src/db/database.js'
import { createPool } from '../../src/db/postgres.js'
import type { KeystoreDb } from '../../src/db/schema.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { compactAfterSweep } from '../../src/privacy/retention/compaction.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'

/**
 * Runs `during` with a key store that cannot be checkpointed. SQLite: another connection holds
 * a read snapshot of the key store's WAL. PostgreSQL: the key store is reached as a role that
 * may not run CHECKPOINT (neither superuser nor pg_checkpoint), as on a managed server.
 */
async function withUncheckpointableKeys<T>(
  env: TestEnv,
  during: (keys: Kysely<KeystoreDb>) => Promise<T>,
): Promise<T> {
  const { ctx } = env
  // Something in both stores' WAL: a patron brings a wrapped data key.
  await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
  if (env.engine === 'sqlite') {
    const reader = new Database(join(env.dataDir, SQLITE_FILES.keys), { readonly: true })
    try {
      reader.exec('begin')
      reader.prepare('select count(*) from patron_keys').get()
      return await during(ctx.keys)
    } finally {
      reader.exec('commit')
      reader.close()
    }
  }
  const role = `carrel_nockpt_${randomBytes(4).toString('hex')}`
  await sql`create role ${sql.id(role)} login nosuperuser`.execute(ctx.keys)
  const url = new URL(env.keystoreUrl ?? '')
  url.username = role
  const keys = new Kysely<KeystoreDb>({
    dialect: new PostgresDialect({ pool: createPool(url.href) }),
  })
  try {
    return await during(keys)
  } finally {
    await keys.destroy()
    await sql`drop role ${sql.id(role)}`.execute(ctx.keys)
  }
}

describeEngines('what compaction reports (P3)', (env) => {
  it('does not report the files as checkpointed when the key store could not be, though the records store was', async () => {
    const result = await withUncheckpointableKeys(env(), (keys) =>
      compactAfterSweep({ ...env().ctx, keys }),
    )
    expect(result.checkpointed).toBe(false)
    if (env().engine === 'sqlite') {
      expect(result.done).toEqual(['records'])
      expect(result.skipped).toEqual([{ name: 'keys', reason: expect.any(String) as unknown }])
    } else {
      // A role that does not own the key table cannot rewrite it: PostgreSQL would pass over it
      // with a warning, so it is reported as left, not as done.
      expect(result.done).not.toContain('keys.patron_keys')
      expect(result.skipped).toContainEqual({
        name: 'keys.patron_keys',
        reason: 'this role does not own the table, so PostgreSQL would pass over it',
      })
      expect(result.done).toContain('records.loans')
    }
  })

  it('reports how long compaction took, never more than the call itself lasted', async () => {
    const started = performance.now()
    const result = await compactAfterSweep(env().ctx)
    const lasted = performance.now() - started
    expect(result.ms).toBeGreaterThanOrEqual(0)
    expect(result.ms).toBeLessThanOrEqual(Math.ceil(lasted))
  })
})
