import type { TSchema } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { Value } from '@sinclair/typebox/value'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'

/**
 * Checks request bodies exactly as the services' own `check()` does: no coercion, no stripping of
 * unknown fields (Fastify's default Ajv set-up would quietly drop them and turn "5" into 5).
 * Each error keeps its path and message, never the offending value.
 */
export const typeBoxValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const compiled = TypeCompiler.Compile(schema)
  // Query strings and path parameters only ever arrive as text; numbers and booleans there are converted.
  const textual = httpPart === 'querystring' || httpPart === 'params'
  return (raw: unknown) => {
    const value: unknown = textual ? Value.Convert(schema, raw) : raw
    if (compiled.Check(value)) return { value }
    const error: FastifySchemaValidationError[] = []
    for (const e of compiled.Errors(value)) {
      error.push({
        keyword: 'typebox',
        instancePath: e.path,
        schemaPath: '',
        params: {},
        message: e.message,
      })
      if (error.length >= 10) break
    }
    return { error }
  }
}
