import type { preValidationHookHandler } from 'fastify'
import { validation } from '../errors.js'

/**
 * PostgreSQL refuses NUL in text while SQLite stores it, so the same bad input would be a 500 on
 * one engine and a stored value on the other. Refusing it here gives both the same 400.
 */
function nulFields(value: unknown, path: string, out: string[]): void {
  if (out.length >= 10) return
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path || '(value)')
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulFields(v, path ? `${path}.${i}` : String(i), out))
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nulFields(v, path ? `${path}.${k}` : k, out)
  }
}

export const refuseNulCharacters: preValidationHookHandler = (request, _reply, done) => {
  const fields: string[] = []
  nulFields(request.params, '', fields)
  nulFields(request.query, '', fields)
  nulFields(request.body, '', fields)
  if (fields.length === 0) return done()
  const message = `Invalid input: ${fields.join(', ')} contain a NUL character.`
  done(validation('INVALID_INPUT', message, { fields }))
}

/** Routes whose body fields are all optional accept no body at all. */
export const emptyBodyIsEmptyObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {}
  done()
}
