/**
 * Domain errors carry a stable code; each adapter maps them once (HTTP status, CLI exit code).
 * Messages are safe to show: they never contain personal values.
 */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'rule'
  | 'locked'
  | 'throttled'

export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const validation = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError('validation', code, message, details)
export const notFound = (code: string, message: string) => new AppError('not_found', code, message)
export const conflict = (code: string, message: string) => new AppError('conflict', code, message)
export const forbidden = (code: string, message: string) => new AppError('forbidden', code, message)
export const unauthorized = (code: string, message: string) =>
  new AppError('unauthorized', code, message)
export const ruleViolation = (code: string, message: string) => new AppError('rule', code, message)
