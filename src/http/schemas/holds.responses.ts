import { Type, type TSchema } from '@sinclair/typebox'
import { CalendarDate, Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const HoldViewSchema = Type.Object(
  {
    id: Type.String(),
    recordId: Type.String(),
    title: Type.String(),
    pickupBranch: Type.String(),
    status: Type.Union(
      (['queued', 'in_transit', 'ready', 'fulfilled', 'cancelled', 'expired'] as const).map((s) =>
        Type.Literal(s),
      ),
    ),
    placedAt: Timestamp,
    suspendedUntil: Nullable(CalendarDate),
    position: Nullable(
      Type.Integer({ description: 'Place in the queue (1 = next), while queued.' }),
    ),
    pickupCode: Nullable(Type.String()),
    expiresOn: Nullable(CalendarDate),
  },
  { additionalProperties: false },
)

export const HoldShelfQuery = Type.Object(
  { branch: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
)

/**
 * P10: a hold-shelf line names the pickup code and the title, never the patron. The schema is
 * closed, so nothing else can reach the answer even if the service were to return more.
 */
const ShelfEntrySchema = Type.Object(
  {
    pickupCode: Type.String(),
    title: Type.String(),
    itemBarcode: Type.String(),
    readyAt: Timestamp,
    expiresOn: CalendarDate,
  },
  { additionalProperties: false },
)

export const HoldShelfSchema = Type.Object(
  {
    ready: Type.Array(ShelfEntrySchema),
    expired: Type.Array(ShelfEntrySchema, {
      description: 'Expired holds whose copy is still on the shelf, to pull and check in.',
    }),
  },
  { additionalProperties: false },
)
