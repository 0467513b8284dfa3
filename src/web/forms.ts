import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

const first = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[])[0] : value)

/**
 * Reads a posted form (or a query string) defensively: a field is a string or it is absent,
 * whatever a client sends. The services validate the values themselves.
 */
export class Form {
  private readonly fields: Record<string, unknown>
  constructor(source: unknown) {
    this.fields =
      source !== null && typeof source === 'object' ? (source as Record<string, unknown>) : {}
  }

  /** Trimmed; empty means absent. */
  text(name: string): string | undefined {
    const value = first(this.fields[name])
    if (typeof value !== 'string') return undefined
    const trimmed = value.trim()
    return trimmed === '' ? undefined : trimmed
  }

  /** As typed, for passwords and PINs. */
  secret(name: string): string {
    const value = first(this.fields[name])
    return typeof value === 'string' ? value : ''
  }

  checked(name: string): boolean {
    const value = first(this.fields[name])
    return typeof value === 'string' && value !== ''
  }

  all(name: string): string[] {
    const value = this.fields[name]
    const list = Array.isArray(value) ? (value as unknown[]) : [value]
    return list.filter((v): v is string => typeof v === 'string' && v !== '')
  }

  /** A whole number, or undefined when absent or not a number. */
  integer(name: string): number | undefined {
    const text = this.text(name)
    return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined
  }
}

export const bodyOf = (request: FastifyRequest): Form => new Form(request.body)
export const queryOf = (request: FastifyRequest): Form => new Form(request.query)

/** The headline over a refused form: a schema's wording is for programmers, a rule's for people. */
export function formProblem(error: AppError): string {
  return error.code === 'INVALID_INPUT' ? 'Some details need correcting: see below.' : error.message
}

/** Field name → what is wrong with it, from a service's validation error (never the value). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof AppError) || error.kind !== 'validation') return {}
  const out: Record<string, string> = {}
  const problems: unknown = error.details?.problems
  if (Array.isArray(problems)) {
    for (const p of problems as { field?: unknown; problem?: unknown }[]) {
      if (typeof p.field !== 'string') continue
      // A nested field (address.postcode, card.pin) is named by its own input.
      const field = p.field.split('.').at(-1) ?? p.field
      out[field] ??= explain(typeof p.problem === 'string' ? p.problem : '')
    }
  }
  const fields: unknown = error.details?.fields
  if (Array.isArray(fields))
    for (const f of fields as unknown[]) if (typeof f === 'string') out[f] ??= error.message
  return out
}

function explain(problem: string): string {
  if (/required property|length greater or equal to 1\b/i.test(problem)) return 'Fill this in.'
  if (/pattern|format/i.test(problem)) return 'This is not in the expected form.'
  if (/length/i.test(problem)) return 'This is too short or too long.'
  if (/union|literal|one of/i.test(problem)) return 'Choose one of the options.'
  return 'Check this value.'
}
