import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import type { PgServer } from './postgres-cluster.js'
import { loadConfig, type Config } from '../../src/config/config.js'
import { ManualClock } from '../../src/clock.js'
import { createContext, type AppContext } from '../../src/context.js'
import type { Engine } from '../../src/db/dialect.js'

/** Every database test runs on both engines; PostgreSQL is left out only where its binaries are missing (and then CI fails). */
export const ENGINES: Engine[] = inject('postgres') === null ? ['sqlite'] : ['sqlite', 'postgres']

export interface TestEnv {
  engine: Engine
  ctx: AppContext
  clock: ManualClock
  config: Config
  masterKey: Buffer
  /** SQLite: the data directory. */
  dataDir: string
  /** PostgreSQL: the records and key-store URLs. */
  databaseUrl?: string
  keystoreUrl?: string
  /** Builds another context on the same stores (for example with a different configuration). */
  reopen: (overrides?: Record<string, unknown>) => Promise<AppContext>
  close(): Promise<void>
}

/** Cheap Argon2 settings: tests check behaviour, not hashing cost. */
const FAST_HASHING = { security: { argon2MemoryKiB: 256, argon2TimeCost: 1 } }

/** A database on the run's PostgreSQL cluster, or on `server` when given. */
export function pgUrl(database: string, server: PgServer | null = inject('postgres')): string {
  if (server === null) throw new Error('PostgreSQL is not available in this run')
  return `postgres://${server.user}@localhost/${database}?host=${encodeURIComponent(server.host)}&port=${server.port}`
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] =
      prev &&
      typeof prev === 'object' &&
      !Array.isArray(prev) &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v
  }
  return out
}

/** A fresh, migrated pair of stores (records + keys) on the given engine. */
export async function createTestEnv(
  engine: Engine,
  overrides: Record<string, unknown> = {},
): Promise<TestEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carrel-test-'))
  const masterKey = randomBytes(32)
  const clock = new ManualClock()
  const name = `carrel_t_${randomBytes(6).toString('hex')}`
  const urls =
    engine === 'postgres' ? { databaseUrl: pgUrl(name), keystoreUrl: pgUrl(`${name}_keys`) } : {}
  // The statistics store on the same engine: SQLite beside the others in dataDir, or a fresh PG database.
  const statistics = engine === 'postgres' ? { statistics: { url: pgUrl(`${name}_stats`) } } : {}
  const build = async (extra: Record<string, unknown>) => {
    const config = loadConfig({
      env: {},
      file: undefined,
      overrides: merge(
        merge({ dataDir, ...urls, ...statistics, logLevel: 'silent' }, FAST_HASHING),
        extra,
      ),
    })
    return createContext(config, { masterKey, clock, logger: pino({ level: 'silent' }) })
  }
  const ctx = await build(overrides)
  const opened: AppContext[] = [ctx]
  return {
    engine,
    ctx,
    clock,
    config: ctx.config,
    masterKey,
    dataDir,
    ...urls,
    reopen: async (extra = {}) => {
      const c = await build(merge(overrides, extra))
      opened.push(c)
      return c
    },
    close: async () => {
      for (const c of opened) await c.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Declares a suite once per engine; `env()` gives the current engine's fresh stores. */
export function describeEngines(
  name: string,
  body: (env: () => TestEnv) => void,
  /** Settings for each engine's stores; a function is asked when the stores are made. */
  overrides: Record<string, unknown> | ((engine: Engine) => Record<string, unknown>) = {},
): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let current: TestEnv | undefined
      beforeAll(async () => {
        current = await createTestEnv(
          engine,
          typeof overrides === 'function' ? overrides(engine) : overrides,
        )
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
}
