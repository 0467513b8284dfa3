import { Type, type TSchema } from '@sinclair/typebox'
import { Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const FeesSchema = Type.Object(
  {
    owedCents: Type.Integer({ description: 'Open fees and fines still accruing.' }),
    fees: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          kind: Type.String({ description: 'overdue or lost.' }),
          status: Type.String({ description: 'accruing, open, paid or waived.' }),
          amountCents: Type.Integer(),
          outstandingCents: Type.Integer(),
          createdAt: Timestamp,
          itemTitle: Nullable(
            Type.String({ description: 'Only while unsettled: a settled fee forgets the item.' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const OwedSchema = Type.Object(
  { owedCents: Type.Integer({ description: 'What the patron still owes.' }) },
  { additionalProperties: false },
)
