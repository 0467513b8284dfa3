import { CommanderError } from 'commander'
import { ConfigError } from '../config/config.js'
import { MasterKeyError } from '../config/secrets.js'
import { AppError } from '../errors.js'

/** A failure the command has already explained: its message is shown as is, without a stack. */
export class CliFailure extends Error {
  override name = 'CliFailure'
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3 = 2,
  ) {
    super(message)
  }
}

export const EXIT_FAILURE = 1
export const EXIT_BAD_INPUT = 2
/** `carrel migrate --check`: a store has migrations waiting (nothing else went wrong). */
export const EXIT_MIGRATIONS_PENDING = 3

export interface Failure {
  /** One line for stderr, or undefined when commander has already printed its own. */
  message: string | undefined
  exitCode: number
  /** Only unexpected errors are worth a stack trace (and only with --debug). */
  stack?: string
}

/** Maps any error to what the user sees: 2 for bad input or configuration, 1 for anything else. */
export function describeFailure(err: unknown): Failure {
  if (err instanceof CommanderError) {
    return { message: undefined, exitCode: err.exitCode === 0 ? 0 : EXIT_BAD_INPUT }
  }
  if (err instanceof CliFailure) return { message: err.message, exitCode: err.exitCode }
  if (err instanceof ConfigError) {
    return {
      message: `invalid configuration: ${err.problems.join('; ')}`,
      exitCode: EXIT_BAD_INPUT,
    }
  }
  if (err instanceof MasterKeyError) return { message: err.message, exitCode: EXIT_BAD_INPUT }
  if (err instanceof AppError)
    return { message: `${err.message} (${err.code})`, exitCode: EXIT_BAD_INPUT }
  if (err instanceof Error) {
    return {
      message: err.message.split('\n')[0] ?? err.name,
      exitCode: EXIT_FAILURE,
      stack: err.stack,
    }
  }
  return { message: String(err), exitCode: EXIT_FAILURE }
}
