import { Type, type TSchema } from '@sinclair/typebox'
import { BLOCKS } from '../../circulation/blocks.js'
import { CheckoutSchema } from '../../circulation/circulation.schemas.js'
import { CalendarDate, ProblemSchema, Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/**
 * A desk checkout. `noBlock` and `at` belong to a self-check machine's offline transactions
 * (SIP2); at the staff desk the loan starts now and every block is checked.
 */
export const DeskCheckoutBody = Type.Omit(CheckoutSchema, ['noBlock', 'at'])

const BlockCodes = Type.Array(Type.Union(BLOCKS.map((b) => Type.Literal(b))))

/** A refused checkout lists every block found, and which of them the caller's role may override. */
export const BlockedCheckoutProblemSchema = Type.Object(
  {
    ...ProblemSchema.properties,
    details: Type.Optional(
      Type.Object(
        {
          fields: Type.Array(Type.String()),
          blocks: Type.Optional(BlockCodes),
          overridable: Type.Optional(BlockCodes),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const checkoutProblemResponses = {
  '4xx': {
    description:
      'A problem with the request (application/problem+json). A blocked checkout answers 422 ' +
      'with the first block as `code` and `details.blocks`, `details.overridable`.',
    ...BlockedCheckoutProblemSchema,
  },
  '5xx': { description: 'A problem on the server (application/problem+json).', ...ProblemSchema },
}

export const CheckoutResultSchema = Type.Object(
  {
    loanId: Type.String(),
    patronId: Type.String(),
    itemBarcode: Type.String(),
    title: Type.String(),
    dueAt: Timestamp,
    overridden: Type.Array(Type.String(), { description: 'Blocks overridden (audited).' }),
  },
  { additionalProperties: false },
)

const RouteSchema = Type.Union([
  Type.Object(
    { action: Type.Literal('shelve'), branch: Type.String() },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('transit'), branch: Type.String(), forHold: Type.Boolean() },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('hold_shelf'),
      branch: Type.String(),
      pickupCode: Type.String({ description: 'Goes on the slip instead of a name.' }),
      expiresOn: CalendarDate,
    },
    { additionalProperties: false },
  ),
])

export const CheckinResultSchema = Type.Object(
  {
    itemBarcode: Type.String(),
    title: Type.String(),
    wasOnLoan: Type.Boolean(),
    fineCents: Type.Integer(),
    forgotten: Type.Boolean({ description: 'The loan no longer names the patron.' }),
    route: RouteSchema,
  },
  { additionalProperties: false },
)

export const LostResultSchema = Type.Object(
  { chargedCents: Type.Integer({ description: 'Replacement price plus any overdue fine.' }) },
  { additionalProperties: false },
)

export const RenewResultSchema = Type.Object(
  {
    itemBarcode: Type.String(),
    dueAt: Timestamp,
    renewals: Type.Integer(),
    renewalsLeft: Type.Integer(),
  },
  { additionalProperties: false },
)

export const LoanViewSchema = Type.Object(
  {
    itemBarcode: Type.String(),
    title: Type.String(),
    author: Nullable(Type.String()),
    checkedOutAt: Type.String({ description: 'A timestamp; only the date once returned.' }),
    dueAt: Type.String({ description: 'A timestamp; only the date once returned.' }),
    returnedAt: Nullable(Type.String()),
    renewals: Type.Integer(),
    overdue: Type.Boolean(),
  },
  { additionalProperties: false },
)

export const ReadingHistoryBody = Type.Object(
  { keep: Type.Boolean({ description: 'False erases the history at once.' }) },
  { additionalProperties: false },
)

export const ReadingHistorySettingSchema = Type.Object(
  {
    keep: Type.Boolean(),
    forgotten: Type.Integer({ description: 'Returned loans unlinked from the patron just now.' }),
  },
  { additionalProperties: false },
)
