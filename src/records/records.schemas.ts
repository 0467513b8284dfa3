import { Type, type Static } from '@sinclair/typebox'

/** Longest message or description the public forms take: about two pages. */
export const MESSAGE_MAX = 4000

const name = Type.String({ minLength: 1, maxLength: 120 })
const email = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
})
const phone = Type.String({ minLength: 7, maxLength: 25, pattern: '^[+0-9 ().-]+$' })
const language = Type.Union([Type.Literal('en'), Type.Literal('es')])

export const SuggestionSchema = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
    name: Type.Optional(name),
    email: Type.Optional(email),
    phone: Type.Optional(phone),
    language,
  },
  { additionalProperties: false },
)
export type SuggestionInput = Static<typeof SuggestionSchema>

export const AnswerSchema = Type.String({ minLength: 1, maxLength: MESSAGE_MAX })

export const FORMATS = ['electronic', 'paper', 'inspect'] as const
export const VIAS = ['web', 'mail', 'email', 'in_person'] as const

export const RecordsRequestSchema = Type.Object(
  {
    name: Type.Optional(name),
    email: Type.Optional(email),
    phone: Type.Optional(phone),
    address: Type.Optional(Type.String({ minLength: 5, maxLength: 300 })),
    description: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
    format: Type.Union(FORMATS.map((f) => Type.Literal(f))),
    language,
  },
  { additionalProperties: false },
)
export type RecordsRequestInput = Static<typeof RecordsRequestSchema>

/** A request received by mail, email or in person, entered by staff with the day it arrived. */
export const IntakeSchema = Type.Object(
  {
    request: RecordsRequestSchema,
    receivedVia: Type.Union(VIAS.filter((v) => v !== 'web').map((v) => Type.Literal(v))),
    receivedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  },
  { additionalProperties: false },
)
export type IntakeInput = Static<typeof IntakeSchema>

export const ExtensionSchema = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 40 }),
    notifiedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  },
  { additionalProperties: false },
)

export const DecisionSchema = Type.Object(
  {
    status: Type.Union(
      (['fulfilled', 'partially_denied', 'denied', 'withdrawn'] as const).map((s) =>
        Type.Literal(s),
      ),
    ),
    basis: Type.Optional(Type.String({ minLength: 1, maxLength: MESSAGE_MAX })),
  },
  { additionalProperties: false },
)

export const OtherRecordSchema = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 500 }),
    withheldUnder: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
)

export const NotesSchema = Type.String({ maxLength: MESSAGE_MAX })
