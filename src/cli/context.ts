import { pino } from 'pino'
import type { Config } from '../config/config.js'
import { readMasterKey } from '../config/secrets.js'
import { sandboxClockNotice } from '../clock.js'
import { createContext, withConfiguredClock, type AppContext } from '../context.js'
import { REDACT_PATHS, type Logger } from '../logger.js'
import { note } from './output.js'

/** Log lines of one-shot commands go to stderr, keeping stdout for the command's own output. */
export function stderrLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination(2))
}

/**
 * Runs `fn` with a migrated context and always closes the stores afterwards. A `clock.offset`
 * puts the command on the demo's sandbox clock (refused for a library not created as a demo).
 */
export async function withContext<T>(
  config: Config,
  fn: (ctx: AppContext) => Promise<T>,
  masterKey: Buffer = readMasterKey(config.dataDir),
): Promise<T> {
  const opened = await createContext(config, { masterKey, logger: stderrLogger(config.logLevel) })
  try {
    const ctx = withConfiguredClock(opened)
    const sandbox = sandboxClockNotice(ctx.clock)
    if (sandbox !== undefined) note(sandbox)
    return await fn(ctx)
  } finally {
    await opened.close()
  }
}
