import { Type, type Static } from '@sinclair/typebox'
import { BLOCKS } from './blocks.js'

const Barcode = Type.String({ minLength: 1, maxLength: 32 })
const Branch = Type.String({ minLength: 1, maxLength: 40 })

export const CheckoutSchema = Type.Object(
  {
    patronBarcode: Barcode,
    itemBarcode: Barcode,
    branch: Branch,
    override: Type.Optional(
      Type.Array(Type.Union(BLOCKS.map((b) => Type.Literal(b))), { maxItems: BLOCKS.length }),
    ),
    /** A self-check machine's offline (no-block) checkout: it already lent the item, so blocks are recorded, not enforced. */
    noBlock: Type.Optional(Type.Boolean()),
    /** A self-check machine's offline transaction: when it really happened. */
    at: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  },
  { additionalProperties: false },
)
export type CheckoutInput = Static<typeof CheckoutSchema>

export const CheckinSchema = Type.Object(
  { itemBarcode: Barcode, branch: Branch },
  { additionalProperties: false },
)
export const RenewSchema = Type.Object(
  { itemBarcode: Barcode, patronBarcode: Type.Optional(Barcode) },
  { additionalProperties: false },
)
export const LostSchema = Type.Object(
  {
    itemBarcode: Barcode,
    patronId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'The borrower the desk means: refused with LOAN_CHANGED_HANDS, charging nothing, if the copy is now on loan to someone else.',
      }),
    ),
  },
  { additionalProperties: false },
)
