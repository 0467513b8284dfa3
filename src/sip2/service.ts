import { availableParallelism } from 'node:os'
import type { Config } from '../config/config.js'
import type { AppContext } from '../context.js'
import type { Engine } from '../db/dialect.js'
import { startSip2Server, type Sip2Server, type Sip2ServerOptions } from './server.js'
import { startSip2WorkerPool } from './worker-pool.js'

/** Most workers when sip2.workers is not set, however many cores the machine has. */
export const DEFAULT_MAX_WORKERS = 8

/**
 * sip2.workers; unset, one per CPU up to DEFAULT_MAX_WORKERS on PostgreSQL, and one on SQLite:
 * its writers take turns on one file, and processes waiting for that lock back off in sleeps,
 * so checkouts through several processes measured slower than through one (npm run bench).
 */
export function sip2WorkerCount(
  config: Pick<Config, 'sip2'>,
  engine: Engine,
  cpus = availableParallelism(),
): number {
  if (config.sip2.workers !== undefined) return config.sip2.workers
  return engine === 'sqlite' ? 1 : Math.max(1, Math.min(DEFAULT_MAX_WORKERS, cpus))
}

export interface Sip2ServiceOptions extends Sip2ServerOptions {
  /** Needed by worker processes to derive the same keys as this process. */
  masterKey: Buffer
  /** Overrides sip2.workers. */
  workers?: number
}

/** What `carrel serve` starts: SIP2 in this process (one worker) or in worker processes. */
export async function startSip2Service(
  ctx: AppContext,
  options: Sip2ServiceOptions,
): Promise<Sip2Server & { workers: number }> {
  const workers = options.workers ?? sip2WorkerCount(ctx.config, ctx.engine)
  const { masterKey, workers: _, ...serverOptions } = options
  const server =
    workers <= 1
      ? await startSip2Server(ctx, serverOptions)
      : await startSip2WorkerPool(ctx, { ...serverOptions, workers, masterKey })
  return Object.assign(server, { workers: Math.max(1, workers) })
}
