import type { Config } from './config/config.js'
import {
  describeClockOffset,
  OffsetClock,
  parseClockOffset,
  systemClock,
  type Clock,
} from './clock.js'
import {
  migrateStores,
  openStores,
  type KeystoreDatabase,
  type RecordsDatabase,
  type Stores,
} from './db/database.js'
import type { Engine } from './db/dialect.js'
import { createLogger, type Logger } from './logger.js'
import { deriveKeyring, type Keyring } from './privacy/crypto.js'
import { SecretHasher } from './privacy/hashing.js'
import { bootstrapLibrary } from './library/library.service.js'
import { DEMO_MARKER_FILE, isDemoDataDir } from './demo/demo-marker.js'
import { AppError } from './errors.js'
import {
  migrateStatisticsStore,
  openStatisticsStore,
  type StatisticsStore,
} from './analytics/store.js'
import { WebsiteCounter } from './analytics/ingest.js'
import { CarrelMetrics } from './metrics/metrics.js'
import { catchUpWithJournal, describeReplay } from './privacy/retention/journal-replay.js'

/** The one composition root: every adapter gets this, every service takes it first. */
export interface AppContext {
  readonly config: Config
  readonly engine: Engine
  readonly db: RecordsDatabase
  readonly keys: KeystoreDatabase
  /** The website statistics store: its own database, never joined to the records. */
  readonly statistics: StatisticsStore
  /** Counts website page views in memory and writes them to `statistics` in batches. */
  readonly website: WebsiteCounter
  readonly keyring: Keyring
  readonly hasher: SecretHasher
  readonly clock: Clock
  readonly logger: Logger
  /** Counts and timings for GET /metrics, in memory only (never a stored field). */
  readonly metrics: CarrelMetrics
  close(): Promise<void>
}

export interface ContextOptions {
  masterKey: Buffer
  clock?: Clock
  logger?: Logger
  /** Run pending migrations before returning (default true). */
  migrate?: boolean
  /** Use already-open stores instead of opening them from the config. */
  stores?: Stores
  /** Use an already-open statistics store instead of opening it from the config. */
  statistics?: StatisticsStore
  /**
   * With `migrate`, re-apply erasure-journal entries the stores do not hold yet (default true);
   * `carrel restore` turns it off to re-apply them itself and report each one.
   */
  catchUp?: boolean
}

export async function createContext(config: Config, options: ContextOptions): Promise<AppContext> {
  const stores = options.stores ?? (await openStores(config))
  let statistics: StatisticsStore | undefined
  try {
    statistics = options.statistics ?? (await openStatisticsStore(config))
    if (options.migrate !== false) {
      await migrateStores(stores)
      await migrateStatisticsStore(statistics)
    }
  } catch (err) {
    await stores.close()
    await statistics?.close()
    throw err
  }
  const statisticsStore = statistics
  const keyring = deriveKeyring(options.masterKey)
  const clock = options.clock ?? systemClock
  const logger = options.logger ?? createLogger(config.logLevel)
  const website = new WebsiteCounter({ db: statisticsStore.db, config, clock, logger })
  const ctx: AppContext = {
    config,
    engine: stores.engine,
    db: stores.records,
    keys: stores.keys,
    statistics: statisticsStore,
    website,
    keyring,
    hasher: new SecretHasher(keyring.pepper, {
      memoryCost: config.security.argon2MemoryKiB,
      timeCost: config.security.argon2TimeCost,
    }),
    clock,
    logger,
    metrics: new CarrelMetrics(),
    // Counted views are written before the stores close (and open visits count their exits).
    close: async () => {
      await website.close()
      await Promise.all([stores.close(), statisticsStore.close()])
    },
  }
  if (options.migrate !== false) {
    try {
      await bootstrapLibrary(ctx)
      if (options.catchUp !== false) await catchUp(ctx)
    } catch (err) {
      await ctx.close()
      throw err
    }
  }
  return ctx
}

/**
 * Nothing erased comes back: stores older than the erasure journal (a backup put back by hand)
 * have every later erasure and disposal applied again before anyone is served.
 */
async function catchUp(ctx: AppContext): Promise<void> {
  const report = await catchUpWithJournal(ctx)
  if (report === undefined) return
  const lines = describeReplay(report)
  if (lines.length > 0)
    ctx.logger.warn(
      { reapplied: lines },
      'The stores were older than the erasure journal; its later entries were applied again',
    )
}

/** The offset in `clock.offset`, in milliseconds (0 when unset). */
export function configuredClockOffset(config: Config): number {
  return config.clock.offset === undefined ? 0 : (parseClockOffset(config.clock.offset) ?? 0)
}

/**
 * The same context on a sandbox clock when `clock.offset` asks for one — only for a data
 * directory created as a demo; a real library refuses it (CLOCK_OFFSET_NOT_DEMO).
 */
export function withConfiguredClock(ctx: AppContext): AppContext {
  const offset = configuredClockOffset(ctx.config)
  if (offset === 0) return ctx
  if (!isDemoDataDir(ctx.config.dataDir)) {
    throw new AppError(
      'rule',
      'CLOCK_OFFSET_NOT_DEMO',
      `clock.offset (CARREL_CLOCK_OFFSET, --clock-offset) moves the clock ${describeClockOffset(offset)}, which only a demo library may do: ${ctx.config.dataDir} has no ${DEMO_MARKER_FILE} (it is written when "carrel serve --demo" creates the library). Remove the offset.`,
    )
  }
  const clock = new OffsetClock(ctx.clock, offset)
  // The website counter is shared with the unshifted context, which is kept only to close it.
  ctx.website.followClock(clock)
  return { ...ctx, clock }
}
