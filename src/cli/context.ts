import { pino } from 'pino'
import type { Config } from '../config/config.js'
import { readMasterKey } from '../config/secrets.js'
import { createContext, type AppContext } from '../context.js'
import { REDACT_PATHS, type Logger } from '../logger.js'

/** Log lines of one-shot commands go to stderr, keeping stdout for the command's own output. */
export function stderrLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination(2))
}

/** Runs `fn` with a migrated context and always closes the stores afterwards. */
export async function withContext<T>(
  config: Config,
  fn: (ctx: AppContext) => Promise<T>,
  masterKey: Buffer = readMasterKey(config.dataDir),
): Promise<T> {
  const ctx = await createContext(config, { masterKey, logger: stderrLogger(config.logLevel) })
  try {
    return await fn(ctx)
  } finally {
    await ctx.close()
  }
}
