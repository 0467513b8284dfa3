import { Type, type Static } from '@sinclair/typebox'

export const MATERIAL_TYPES = [
  'book',
  'ebook',
  'audiobook',
  'video',
  'music',
  'serial',
  'map',
  'kit',
  'other',
] as const

export const NewRecordSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    isbn: Type.Optional(Type.String({ minLength: 10, maxLength: 20, pattern: '^[0-9Xx -]+$' })),
    year: Type.Optional(Type.Integer({ minimum: 1000, maximum: 2100 })),
    materialType: Type.Union(MATERIAL_TYPES.map((m) => Type.Literal(m))),
  },
  { additionalProperties: false },
)
export type NewRecord = Static<typeof NewRecordSchema>

export const RecordChangesSchema = Type.Partial(NewRecordSchema, {
  additionalProperties: false,
  minProperties: 1,
})

export const NewItemSchema = Type.Object(
  {
    recordId: Type.String({ minLength: 1, maxLength: 64 }),
    barcode: Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9-]+$' }),
    callNumber: Type.Optional(Type.String({ maxLength: 100 })),
    branch: Type.String({ minLength: 1, maxLength: 40 }),
    itemType: Type.String({ minLength: 1, maxLength: 40 }),
    replacementPriceCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
)
export type NewItem = Static<typeof NewItemSchema>

export const ItemChangesSchema = Type.Object(
  {
    callNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    branch: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    itemType: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    replacementPriceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    status: Type.Optional(
      Type.Union([
        Type.Literal('available'),
        Type.Literal('not_for_loan'),
        Type.Literal('withdrawn'),
        Type.Literal('lost'),
      ]),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CatalogQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    isbn: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
)
export type CatalogQuery = Static<typeof CatalogQuerySchema>
