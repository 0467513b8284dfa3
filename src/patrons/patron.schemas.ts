import { Type, type Static } from '@sinclair/typebox'

export const AddressSchema = Type.Object(
  {
    line1: Type.String({ minLength: 1, maxLength: 120 }),
    line2: Type.Optional(Type.String({ maxLength: 120 })),
    city: Type.String({ minLength: 1, maxLength: 80 }),
    region: Type.Optional(Type.String({ maxLength: 80 })),
    postcode: Type.String({ minLength: 1, maxLength: 20 }),
  },
  { additionalProperties: false },
)

export const NotifySchema = Type.Object(
  {
    notices: Type.Optional(Type.Boolean()),
    newsletter: Type.Optional(Type.Boolean()),
    policyChanges: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const SEXES = ['F', 'M', 'X'] as const

const personal = {
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  familyName: Type.String({ minLength: 1, maxLength: 100 }),
  address: AddressSchema,
  phone: Type.Optional(Type.String({ minLength: 7, maxLength: 25, pattern: '^[+0-9 ().-]+$' })),
  email: Type.Optional(
    Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }),
  ),
  licenceNumber: Type.Optional(
    Type.String({ minLength: 4, maxLength: 30, pattern: '^[A-Za-z0-9 -]+$' }),
  ),
  sex: Type.Optional(Type.Union(SEXES.map((s) => Type.Literal(s)))),
  birthDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
}

export const NewPatronSchema = Type.Object(
  {
    ...personal,
    category: Type.String({ minLength: 1, maxLength: 40 }),
    homeBranch: Type.String({ minLength: 1, maxLength: 40 }),
    expiresOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    notify: Type.Optional(NotifySchema),
    card: Type.Optional(
      Type.Object(
        {
          barcode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
          pin: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type NewPatron = Static<typeof NewPatronSchema>

/** A change: any registration field; null removes an optional one. */
export const PatronChangesSchema = Type.Object(
  {
    givenName: Type.Optional(personal.givenName),
    familyName: Type.Optional(personal.familyName),
    address: Type.Optional(AddressSchema),
    phone: Type.Optional(Type.Union([personal.phone, Type.Null()])),
    email: Type.Optional(Type.Union([personal.email, Type.Null()])),
    licenceNumber: Type.Optional(Type.Union([personal.licenceNumber, Type.Null()])),
    sex: Type.Optional(Type.Union([personal.sex, Type.Null()])),
    birthDate: Type.Optional(Type.Union([personal.birthDate, Type.Null()])),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    homeBranch: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    expiresOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    notify: Type.Optional(NotifySchema),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type PatronChanges = Static<typeof PatronChangesSchema>

export const PatronQuerySchema = Type.Object(
  {
    barcode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 25 })),
    licenceNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    surname: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    surnamePrefix: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
  },
  { additionalProperties: false },
)
export type PatronQuery = Static<typeof PatronQuerySchema>

export type Address = Static<typeof AddressSchema>
