import type { FastifyBaseLogger } from 'fastify'
import { sql, type Kysely } from 'kysely'
import { pendingStatisticsMigrations } from '../analytics/migration-status.js'
import type { AppContext } from '../context.js'
import { keystoreMigrations, recordsMigrations } from '../db/migrations/index.js'
import { pendingMigrations } from '../db/migrator.js'
import { keyStoreOpens } from '../privacy/field-cipher.js'

export type ReadinessCode = 'STORE_UNAVAILABLE' | 'MIGRATIONS_PENDING' | 'KEYSTORE_LOCKED'

/** Why the process should not take requests yet; the detail names a store, never its address. */
export interface NotReady {
  code: ReadinessCode
  detail: string
}

const STORE_NAMES = {
  records: 'the records database',
  keys: 'the key store',
  statistics: 'the statistics store',
} as const
type Store = keyof typeof STORE_NAMES

/**
 * Whether this process can serve: each store answers a query, none has a migration pending, and
 * the master key opens the key store. Undefined when ready. Errors go to the log, not the answer
 * (a driver's message may name a host or a database).
 */
export async function notReady(
  ctx: AppContext,
  log: FastifyBaseLogger,
): Promise<NotReady | undefined> {
  const stores: [Store, Kysely<unknown>][] = [
    ['records', ctx.db as Kysely<unknown>],
    ['keys', ctx.keys as Kysely<unknown>],
    ['statistics', ctx.statistics.db as Kysely<unknown>],
  ]
  for (const [store, db] of stores) {
    try {
      await sql`select 1`.execute(db)
    } catch (err) {
      log.error({ err, store }, 'readiness: a store did not answer')
      return {
        code: 'STORE_UNAVAILABLE',
        detail: `${capital(STORE_NAMES[store])} is not answering.`,
      }
    }
  }
  let pending: [Store, string[]][]
  try {
    pending = [
      ['records', await pendingMigrations(ctx.db as Kysely<unknown>, recordsMigrations)],
      ['keys', await pendingMigrations(ctx.keys as Kysely<unknown>, keystoreMigrations)],
      ['statistics', await pendingStatisticsMigrations(ctx.statistics.db)],
    ]
  } catch (err) {
    log.error({ err }, 'readiness: the migration state could not be read')
    return {
      code: 'STORE_UNAVAILABLE',
      detail: 'The migration state of a store could not be read.',
    }
  }
  const behind = pending.filter(([, names]) => names.length > 0)
  if (behind.length > 0)
    return {
      code: 'MIGRATIONS_PENDING',
      detail: `Migrations are pending: ${behind
        .map(([store, names]) => `${STORE_NAMES[store]} ${names.length}`)
        .join(', ')}. Run "carrel migrate" (or restart "carrel serve", which migrates first).`,
    }
  try {
    if (!(await keyStoreOpens(ctx.keys, ctx.keyring)))
      return {
        code: 'KEYSTORE_LOCKED',
        detail: 'The master key does not open the key store: patron records cannot be read.',
      }
  } catch (err) {
    log.error({ err }, 'readiness: the key store could not be read')
    return { code: 'STORE_UNAVAILABLE', detail: 'The key store is not answering.' }
  }
  return undefined
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
