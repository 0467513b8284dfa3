import type { Config } from './config/config.js'
import { systemClock, type Clock } from './clock.js'
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

/** The one composition root: every adapter gets this, every service takes it first. */
export interface AppContext {
  readonly config: Config
  readonly engine: Engine
  readonly db: RecordsDatabase
  readonly keys: KeystoreDatabase
  readonly keyring: Keyring
  readonly hasher: SecretHasher
  readonly clock: Clock
  readonly logger: Logger
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
}

export async function createContext(config: Config, options: ContextOptions): Promise<AppContext> {
  const stores = options.stores ?? (await openStores(config))
  try {
    if (options.migrate !== false) await migrateStores(stores)
  } catch (err) {
    await stores.close()
    throw err
  }
  const keyring = deriveKeyring(options.masterKey)
  const ctx: AppContext = {
    config,
    engine: stores.engine,
    db: stores.records,
    keys: stores.keys,
    keyring,
    hasher: new SecretHasher(keyring.pepper, {
      memoryCost: config.security.argon2MemoryKiB,
      timeCost: config.security.argon2TimeCost,
    }),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? createLogger(config.logLevel),
    close: () => stores.close(),
  }
  if (options.migrate !== false) await bootstrapLibrary(ctx)
  return ctx
}
