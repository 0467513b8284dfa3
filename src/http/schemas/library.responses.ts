import { Type, type Static, type TSchema } from '@sinclair/typebox'
import {
  BranchSchema,
  ItemTypeSchema,
  LoanRuleSchema,
  PatronCategorySchema,
} from '../../library/library.service.js'
import { magneticMediaSchema, securityMarkerSchema } from '../../catalog/item-security.js'
import type { ClosedDaysTable, LoanRulesTable } from '../../library/library.tables.js'
import { CalendarDate, Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** A branch, item type or patron category is named by its code in the path, never in the body. */
export const CodeParams = Type.Object(
  { code: BranchSchema.properties.code },
  { additionalProperties: false },
)
export const BranchBody = Type.Omit(BranchSchema, ['code'])
export const ItemTypeBody = Type.Omit(ItemTypeSchema, ['code'])
export const PatronCategoryBody = Type.Omit(PatronCategorySchema, ['code'])

export const LibraryStructureSchema = Type.Object(
  {
    branches: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false }),
    ),
    itemTypes: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          notForLoan: Type.Boolean(),
          magneticMedia: magneticMediaSchema('Y, N, or null when not known (SIP2 sends U).'),
          securityMarker: securityMarkerSchema('SIP2 security marker, 00 to 03.'),
        },
        { additionalProperties: false },
      ),
    ),
    patronCategories: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          maxOwedCents: Type.Integer(),
          internetProfile: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

/** A loan rule in the same shape it is written in, plus its id and when it last changed. */
export const LoanRuleViewSchema = Type.Object(
  {
    id: Type.String(),
    ...LoanRuleSchema.properties,
    branch: Type.String({ description: "A branch code, or '*' for any." }),
    patronCategory: Type.String({ description: "A patron category, or '*' for any." }),
    itemType: Type.String({ description: "An item type, or '*' for any." }),
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
)

export function loanRuleView(r: LoanRulesTable): Static<typeof LoanRuleViewSchema> {
  return {
    id: r.id,
    branch: r.branch,
    patronCategory: r.patron_category,
    itemType: r.item_type,
    loanPeriod: r.loan_period,
    periodUnit: r.period_unit,
    maxItems: r.max_items,
    renewalsAllowed: r.renewals_allowed,
    finePerDayCents: r.fine_per_day_cents,
    maxFineCents: r.max_fine_cents,
    graceDays: r.grace_days,
    holdsAllowed: r.holds_allowed === 1,
    updatedAt: r.updated_at,
  }
}

export const ClosedDayViewSchema = Type.Object(
  {
    id: Type.String(),
    branch: Type.String({ description: "A branch code, or '*' for every branch." }),
    date: Nullable(CalendarDate),
    weekday: Nullable(Type.Integer({ description: '0 = Sunday … 6 = Saturday.' })),
    note: Type.String(),
  },
  { additionalProperties: false },
)

export function closedDayView(d: ClosedDaysTable): Static<typeof ClosedDayViewSchema> {
  return { id: d.id, branch: d.branch, date: d.on_date, weekday: d.weekday, note: d.note }
}
