import { Type, type Static, type TSchema } from '@sinclair/typebox'
import type { ItemRow, RecordRow } from '../../catalog/catalog.service.js'
import { magneticMediaSchema, markerOverrideSchema } from '../../catalog/item-security.js'
import { Timestamp } from './common.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const ItemStatusSchema = Type.Union(
  (
    [
      'available',
      'on_loan',
      'on_hold_shelf',
      'in_transit',
      'lost',
      'not_for_loan',
      'withdrawn',
    ] as const
  ).map((s) => Type.Literal(s)),
)

export const RecordViewSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    author: Nullable(Type.String()),
    isbn: Nullable(Type.String({ description: 'Digits (and a final X) only.' })),
    year: Nullable(Type.Integer()),
    materialType: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
)

export function recordView(r: RecordRow): Static<typeof RecordViewSchema> {
  return {
    id: r.id,
    title: r.title,
    author: r.author,
    isbn: r.isbn,
    year: r.year,
    materialType: r.material_type,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export const ItemViewSchema = Type.Object(
  {
    id: Type.String(),
    recordId: Type.String(),
    barcode: Type.String(),
    callNumber: Nullable(Type.String()),
    branch: Type.String({ description: 'Home branch.' }),
    itemType: Type.String(),
    status: ItemStatusSchema,
    transitTo: Nullable(Type.String({ description: 'Where an item in transit is going.' })),
    replacementPriceCents: Type.Integer(),
    magneticMedia: magneticMediaSchema(
      "This copy's own magnetic media (Y or N); null when it takes its item type's.",
    ),
    securityMarker: markerOverrideSchema(
      "This copy's own SIP2 security marker (00 to 03); null when it takes its item type's.",
    ),
  },
  { additionalProperties: false },
)

export function itemView(
  i: Omit<ItemRow, 'created_at' | 'updated_at'>,
): Static<typeof ItemViewSchema> {
  return {
    id: i.id,
    recordId: i.record_id,
    barcode: i.barcode,
    callNumber: i.call_number,
    branch: i.branch,
    itemType: i.item_type,
    status: i.status,
    transitTo: i.transit_to,
    replacementPriceCents: i.replacement_price_cents,
    magneticMedia: i.magnetic_media,
    securityMarker: i.security_marker,
  }
}

const AvailabilitySchema = Type.Object(
  {
    branch: Type.String(),
    total: Type.Integer({ description: 'Copies at this branch, not counting lost or withdrawn.' }),
    available: Type.Integer({ description: 'Copies on the shelf now.' }),
  },
  { additionalProperties: false },
)

const summaryFields = {
  id: Type.String(),
  title: Type.String(),
  author: Nullable(Type.String()),
  isbn: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  materialType: Type.String(),
  availability: Type.Array(AvailabilitySchema),
}

export const SearchResultsSchema = Type.Object(
  {
    total: Type.Integer({ description: 'Matches in all, for paging.' }),
    results: Type.Array(Type.Object(summaryFields, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

export const RecordWithItemsSchema = Type.Object(
  { ...summaryFields, items: Type.Array(ItemViewSchema) },
  { additionalProperties: false },
)
