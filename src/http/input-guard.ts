import type { preValidationHookHandler } from 'fastify'
import { validation } from '../errors.js'

/** No form or document Carrel accepts nests anywhere near this deep. */
export const MAX_INPUT_DEPTH = 32

/**
 * PostgreSQL refuses NUL in text while SQLite stores it, so the same bad input would be a 500 on
 * one engine and a stored value on the other. Refusing it here gives both the same 400. The walk
 * keeps its own stack and stops at MAX_INPUT_DEPTH, so no shape of input can exhaust the call
 * stack: a body nested deeper than any real one is refused before anything else looks at it.
 */
function inspect(root: unknown, out: { nul: string[]; tooDeep: boolean }): void {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: '', depth: 0 },
  ]
  while (stack.length > 0 && out.nul.length < 10) {
    const { value, path, depth } = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\u0000')) out.nul.push(path || '(value)')
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_INPUT_DEPTH) {
      out.tooDeep = true
      return
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value)
    // Pushed last-first, so fields are visited (and named) in the order they were sent.
    for (const [k, v] of [...entries].reverse())
      stack.push({ value: v, path: path ? `${path}.${k}` : k, depth: depth + 1 })
  }
}

export const refuseNulCharacters: preValidationHookHandler = (request, _reply, done) => {
  const found = { nul: [] as string[], tooDeep: false }
  for (const part of [request.params, request.query, request.body]) {
    inspect(part, found)
    if (found.tooDeep)
      return done(
        validation(
          'INPUT_TOO_DEEP',
          `Invalid input: it is nested more than ${MAX_INPUT_DEPTH} levels deep.`,
        ),
      )
  }
  if (found.nul.length === 0) return done()
  const message = `Invalid input: ${found.nul.join(', ')} contain a NUL character.`
  done(validation('INVALID_INPUT', message, { fields: found.nul }))
}

/** Routes whose body fields are all optional accept no body at all. */
export const emptyBodyIsEmptyObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {}
  done()
}
