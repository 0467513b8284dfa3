import { pino, type Logger } from 'pino'

/** Anything that could carry a personal value is censored before a log line is written. */
export const REDACT_PATHS = [
  '*.password',
  '*.pin',
  '*.newPin',
  '*.currentPin',
  '*.givenName',
  '*.familyName',
  '*.address',
  '*.email',
  '*.phone',
  '*.licenceNumber',
  '*.birthDate',
  '*.sex',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
]

/** pino's levels, most to least severe; `info` (the default) leaves out the request lines. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } })
}

export type { Logger }
