import { Type, type TSchema } from '@sinclair/typebox'
import { AddressSchema } from '../../patrons/patron.schemas.js'
import { CalendarDate, Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const CardStatusSchema = Type.Union([
  Type.Literal('active'),
  Type.Literal('lost'),
  Type.Literal('expired'),
  Type.Literal('replaced'),
])

/** A card as staff see it: whether it has a PIN, never the PIN or its hash. */
export const CardViewSchema = Type.Object(
  {
    barcode: Type.String(),
    status: CardStatusSchema,
    issuedAt: Timestamp,
    statusChangedAt: Timestamp,
    hasPin: Type.Boolean(),
  },
  { additionalProperties: false },
)

const NotifyViewSchema = Type.Object(
  { notices: Type.Boolean(), newsletter: Type.Boolean(), policyChanges: Type.Boolean() },
  { additionalProperties: false },
)

const recordFields = {
  id: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('erased')]),
  category: Type.String(),
  homeBranch: Type.String(),
  expiresOn: CalendarDate,
  notify: NotifyViewSchema,
  language: Nullable(
    Type.String({
      description: 'The language chosen for the library pages; null follows the browser.',
    }),
  ),
  keepHistory: Type.Boolean({ description: 'Whether the patron keeps a reading history.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  erasedAt: Nullable(Timestamp),
  policyVersion: Nullable(
    Type.Integer({
      description:
        'The privacy policy version in force when the patron registered; null for registrations made before any was published.',
    }),
  ),
}

const personalFields = {
  givenName: Nullable(Type.String()),
  familyName: Nullable(Type.String()),
  address: Nullable(AddressSchema),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  licenceNumber: Nullable(Type.String()),
  sex: Nullable(Type.String()),
  birthDate: Nullable(CalendarDate),
}

// A role that may not see a field gets it masked or not at all, so each one may be missing.
const optionalPersonal = {
  givenName: Type.Optional(personalFields.givenName),
  familyName: Type.Optional(personalFields.familyName),
  address: Type.Optional(personalFields.address),
  phone: Type.Optional(personalFields.phone),
  email: Type.Optional(personalFields.email),
  licenceNumber: Type.Optional(personalFields.licenceNumber),
  sex: Type.Optional(personalFields.sex),
  birthDate: Type.Optional(personalFields.birthDate),
}

/** A patron record as the caller's role may see it: masked or left out fields are listed in `restricted`. */
export const PatronViewSchema = Type.Object(
  {
    ...recordFields,
    ...optionalPersonal,
    restricted: Type.Array(Type.String(), {
      description: 'Fields masked or left out for your role.',
    }),
    cards: Type.Array(CardViewSchema),
    balanceCents: Type.Integer(),
  },
  { additionalProperties: false },
)

export const PatronSummarySchema = Type.Object(
  {
    id: Type.String(),
    givenName: Nullable(Type.String()),
    familyName: Nullable(Type.String()),
    barcode: Nullable(Type.String()),
    status: Type.String(),
    category: Type.String(),
    expiresOn: CalendarDate,
  },
  { additionalProperties: false },
)

/** Everything held about one patron, unmasked (privacy officer and admin only). */
export const PatronExportSchema = Type.Object(
  {
    patron: Type.Object({ ...recordFields, ...personalFields }, { additionalProperties: false }),
    cards: Type.Array(CardViewSchema),
    ledger: Type.Array(
      Type.Object(
        { amountCents: Type.Integer(), reason: Type.String(), createdAt: Timestamp },
        { additionalProperties: false },
      ),
    ),
    notes: Type.Array(
      Type.Object({ body: Type.String(), createdAt: Timestamp }, { additionalProperties: false }),
    ),
    exportedAt: Timestamp,
  },
  { additionalProperties: false },
)

export const LedgerSchema = Type.Object(
  {
    balanceCents: Type.Integer({ description: 'Credits minus debits.' }),
    entries: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          amountCents: Type.Integer({
            description: 'Positive for a credit, negative for a debit.',
          }),
          reason: Type.String(),
          staffId: Nullable(Type.String({ description: 'Null when a system job wrote it.' })),
          createdAt: Timestamp,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const NoteSchema = Type.Object(
  {
    id: Type.String(),
    body: Type.String(),
    authorStaffId: Nullable(Type.String()),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
)

export const PinCheckSchema = Type.Object(
  {
    patronId: Type.String(),
    cardStatus: CardStatusSchema,
    expired: Type.Boolean({ description: "The patron's registration has lapsed." }),
  },
  { additionalProperties: false },
)
