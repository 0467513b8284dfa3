import { Type } from '@sinclair/typebox'

const Secret = (max: number) => Type.String({ minLength: 1, maxLength: max, writeOnly: true })

export const SignInBody = Type.Union(
  [
    Type.Object(
      { card: Type.String({ minLength: 1, maxLength: 32 }), pin: Secret(32) },
      { additionalProperties: false },
    ),
    Type.Object({ guestPass: Secret(64) }, { additionalProperties: false }),
  ],
  { description: 'A card number and PIN, or a guest pass code.' },
)

export const LockBody = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 12,
      writeOnly: true,
      description: 'A temporary code of 4 to 12 letters or digits, chosen at the computer.',
    }),
  },
  { additionalProperties: false },
)

export const EmptyBody = Type.Object({}, { additionalProperties: false })

export const SessionViewSchema = Type.Object(
  {
    endsAt: Type.String({ description: 'ISO-8601 UTC instant the session ends at.' }),
    minutesLeft: Type.Integer(),
    guest: Type.Boolean(),
    firstName: Type.Optional(Type.String({ description: 'For the greeting on the screen.' })),
  },
  { additionalProperties: false },
)

export const KioskStatusSchema = Type.Object(
  {
    state: Type.Union([
      Type.Literal('idle'),
      Type.Literal('in_session'),
      Type.Literal('locked'),
      Type.Literal('reserved'),
      Type.Literal('out_of_service'),
    ]),
    endsAt: Type.Optional(Type.String()),
    minutesLeft: Type.Optional(Type.Integer()),
    warning: Type.Optional(Type.Union([Type.Literal(5), Type.Literal(1)])),
    messages: Type.Array(Type.String(), {
      description: 'Messages from staff, each handed over once.',
    }),
    reservedFor: Type.Optional(
      Type.Object(
        { ticket: Type.Integer(), until: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const LockedSchema = Type.Object(
  { lockedUntil: Type.String() },
  { additionalProperties: false },
)
