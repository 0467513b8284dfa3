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
          growth: Nullable(
            Type.Object(
              {
                perDayCents: Type.Integer({ description: 'Added for each charged day overdue.' }),
                capCents: Nullable(
                  Type.Integer({ description: 'The most the fine can reach; null: no cap.' }),
                ),
              },
              {
                additionalProperties: false,
                description:
                  'Only while an overdue fine is still growing (its loan is open), from the loan rule that applies.',
              },
            ),
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
