import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { validation } from './errors.js'

/** Checks input against a schema; the error names each bad field (never its value). */
export function check<S extends TSchema>(schema: S, input: unknown): Static<S> {
  if (Value.Check(schema, input)) return input
  const problems = [...Value.Errors(schema, input)].slice(0, 10).map((e) => ({
    field: e.path.replace(/^\//, '').replaceAll('/', '.') || '(body)',
    problem: e.message,
  }))
  throw validation(
    'INVALID_INPUT',
    `Invalid input: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
    { problems },
  )
}

/** A real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00.000Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}
