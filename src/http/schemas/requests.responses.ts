import { Type, type TSchema } from '@sinclair/typebox'
import { REQUEST_STATUSES } from '../../circulation/requests.service.js'
import { Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const RequestQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(REQUEST_STATUSES.map((s) => Type.Literal(s)))),
    patronId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)

export const RequestViewSchema = Type.Object(
  {
    id: Type.String(),
    patronId: Type.String(),
    kind: Type.String({ description: 'purchase or interlibrary_loan.' }),
    status: Type.String(),
    title: Type.String(),
    author: Nullable(Type.String()),
    note: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
)
