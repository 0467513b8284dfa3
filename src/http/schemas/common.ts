import { Type } from '@sinclair/typebox'

/** RFC 9457 problem details; `code` is the stable part clients branch on. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    details: Type.Optional(
      Type.Object({ fields: Type.Array(Type.String()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
)

/** Every route documents (and serialises) its errors the same way. */
export const problemResponses = {
  '4xx': {
    description: 'A problem with the request (application/problem+json).',
    ...ProblemSchema,
  },
  '5xx': { description: 'A problem on the server (application/problem+json).', ...ProblemSchema },
}

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
)

export const BarcodeParams = Type.Object(
  { barcode: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
)

export const NoContent = Type.Null({ description: 'No content.' })

export const Timestamp = Type.String({ description: 'ISO-8601 UTC timestamp.' })
export const CalendarDate = Type.String({ description: 'YYYY-MM-DD.' })
