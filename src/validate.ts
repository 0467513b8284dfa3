import type { Static, TSchema } from '@sinclair/typebox'
import { FormatRegistry } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { validation } from './errors.js'

// TypeBox knows no string formats until they are registered; these are the ones Carrel's schemas use.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set(
    'date-time',
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
      !Number.isNaN(Date.parse(v)),
  )
}

/** Checks input against a schema; the error names each bad field (never its value). */
export function check<S extends TSchema>(schema: S, input: unknown): Static<S> {
  const bad = controlCharacterPath(input, '')
  if (bad !== undefined) {
    throw validation(
      'INVALID_INPUT',
      `Invalid input: ${bad || '(body)'}: control characters are not allowed`,
      {
        problems: [{ field: bad || '(body)', problem: 'control characters are not allowed' }],
      },
    )
  }
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

// NUL and other C0 controls (tab, newline and carriage return aside) have no place in any field,
// and PostgreSQL refuses NUL outright.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

function controlCharacterPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? path : undefined
  if (value === null || typeof value !== 'object') return undefined
  for (const [k, v] of Object.entries(value)) {
    const found = controlCharacterPath(v, path === '' ? k : `${path}.${k}`)
    if (found !== undefined) return found
  }
  return undefined
}
