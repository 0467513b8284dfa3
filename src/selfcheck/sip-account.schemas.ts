import { Type, type Static } from '@sinclair/typebox'
import { CodeSchema } from '../library/codes.js'
import { SIP_CHARSETS, SIP_UNKNOWN_COMMANDS } from './sip-account.tables.js'

/** The transaction messages an account can be allowed, by request code; login (93), status (99) and resend (97) are always allowed. */
export const SIP_MESSAGES = {
  '23': 'patron status',
  '11': 'checkout',
  '09': 'checkin',
  '01': 'block patron',
  '63': 'patron information',
  '35': 'end patron session',
  '37': 'fee paid',
  '17': 'item information',
  '19': 'item status update',
  '25': 'patron enable',
  '15': 'hold',
  '29': 'renew',
  '65': 'renew all',
} as const
export type SipMessageCode = keyof typeof SIP_MESSAGES
/** In the order of the supported-messages field (BX); Object.keys would put numeric keys first. */
export const SIP_MESSAGE_CODES: readonly SipMessageCode[] = [
  '23',
  '11',
  '09',
  '01',
  '63',
  '35',
  '37',
  '17',
  '19',
  '25',
  '15',
  '29',
  '65',
]

/**
 * Patron fields an account may receive. A computer manager needs to know the card and PIN are
 * valid, not where the patron lives: the default is the name alone. patronClass (PC, the
 * category code), homeLibrary (AQ, the home branch code) and internetProfile (PI, the category's
 * profile) are extensions kiosks and computer managers read.
 */
export const SIP_PERSONAL_FIELDS = [
  'name',
  'address',
  'email',
  'phone',
  'birthDate',
  'patronClass',
  'homeLibrary',
  'internetProfile',
] as const
export type SipPersonalField = (typeof SIP_PERSONAL_FIELDS)[number]
export const DEFAULT_PERSONAL_FIELDS: readonly SipPersonalField[] = ['name']

const MessageList = Type.Array(Type.Union(SIP_MESSAGE_CODES.map((c) => Type.Literal(c))), {
  uniqueItems: true,
  maxItems: SIP_MESSAGE_CODES.length,
})
const FieldList = Type.Array(Type.Union(SIP_PERSONAL_FIELDS.map((f) => Type.Literal(f))), {
  uniqueItems: true,
  maxItems: SIP_PERSONAL_FIELDS.length,
})
const Charset = Type.Union(SIP_CHARSETS.map((c) => Type.Literal(c)))
const UnknownCommands = Type.Union(
  SIP_UNKNOWN_COMMANDS.map((c) => Type.Literal(c)),
  {
    description:
      "A command Carrel does not know: 'ignore' leaves it unanswered, as the SIP2 specification says; 'resend' answers 96.",
  },
)
const MayBlockPatrons = Type.Boolean({
  description: 'Allows block patron (01) and patron enable (25); off unless granted.',
})

// Shapes only: the service applies its own rules (login form, password length, known branch).
export const NewSipAccountSchema = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    institutionId: Type.String({ minLength: 1, maxLength: 100 }),
    location: Type.String({ ...CodeSchema, description: 'A branch code, as written (CPL).' }),
    allowedMessages: Type.Optional(MessageList),
    charset: Type.Optional(Charset),
    personalFields: Type.Optional(FieldList),
    mayBlockPatrons: Type.Optional(MayBlockPatrons),
    unknownCommands: Type.Optional(UnknownCommands),
  },
  { additionalProperties: false },
)
export type NewSipAccount = Static<typeof NewSipAccountSchema>

export const SipAccountChangesSchema = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    institutionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    location: Type.Optional(CodeSchema),
    allowedMessages: Type.Optional(MessageList),
    charset: Type.Optional(Charset),
    personalFields: Type.Optional(FieldList),
    mayBlockPatrons: Type.Optional(MayBlockPatrons),
    unknownCommands: Type.Optional(UnknownCommands),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type SipAccountChanges = Static<typeof SipAccountChangesSchema>

export const SipAccountViewSchema = Type.Object(
  {
    id: Type.String(),
    login: Type.String(),
    institutionId: Type.String(),
    location: Type.String(),
    allowedMessages: MessageList,
    charset: Charset,
    personalFields: FieldList,
    mayBlockPatrons: MayBlockPatrons,
    unknownCommands: UnknownCommands,
    active: Type.Boolean(),
    createdAt: Type.String({ description: 'ISO-8601 UTC timestamp.' }),
    updatedAt: Type.String({ description: 'ISO-8601 UTC timestamp.' }),
  },
  { additionalProperties: false },
)
export type SipAccount = Static<typeof SipAccountViewSchema>
