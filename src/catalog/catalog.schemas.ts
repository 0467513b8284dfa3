import { Type, type Static } from '@sinclair/typebox'
import { CodeSchema } from '../library/codes.js'
import { magneticMediaSchema, markerOverrideSchema } from './item-security.js'

/** A copy's own strip settings, overriding its item type's; null (or left out) takes the type's. */
const stripOverrides = {
  magneticMedia: Type.Optional(
    magneticMediaSchema(
      "This copy's magnetic media (Y or N), overriding its item type's; null takes the type's.",
    ),
  ),
  securityMarker: Type.Optional(
    markerOverrideSchema(
      "This copy's SIP2 security marker (00 other, 01 none, 02 tattle-tape, 03 whisper tape), " +
        "overriding its item type's; null takes the type's.",
    ),
  ),
}

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
    branch: CodeSchema,
    itemType: CodeSchema,
    replacementPriceCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    ...stripOverrides,
  },
  { additionalProperties: false },
)
export type NewItem = Static<typeof NewItemSchema>

export const ItemChangesSchema = Type.Object(
  {
    callNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    branch: Type.Optional(CodeSchema),
    itemType: Type.Optional(CodeSchema),
    replacementPriceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    status: Type.Optional(
      Type.Union([
        Type.Literal('available'),
        Type.Literal('not_for_loan'),
        Type.Literal('withdrawn'),
        Type.Literal('lost'),
      ]),
    ),
    ...stripOverrides,
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CATALOG_SORTS = ['relevance', 'title', 'author', 'newest'] as const

const SearchWords = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }))

export const CatalogQuerySchema = Type.Object(
  {
    q: SearchWords(
      'Words to find in the title or author: each must appear (English and Spanish word endings ' +
        'and accents do not matter); "quoted words" must appear together, in that order. Only ' +
        'letters and digits are read: nothing typed is search syntax. An ISBN here is looked up as one.',
    ),
    title: SearchWords('Words that must appear in the title, read as q is.'),
    author: SearchWords('Words that must appear in the author, read as q is.'),
    isbn: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 20,
        description: 'Matches exactly (hyphens ignored).',
      }),
    ),
    format: Type.Optional(
      Type.Array(Type.Union(MATERIAL_TYPES.map((m) => Type.Literal(m))), {
        maxItems: MATERIAL_TYPES.length,
        description: 'Only these kinds of material (any of them). Repeat the parameter for more.',
      }),
    ),
    branch: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
        maxItems: 50,
        description:
          'Only titles with a copy (neither lost nor withdrawn) at one of these branch codes.',
      }),
    ),
    available: Type.Optional(
      Type.Boolean({
        description:
          'Only titles with a copy on the shelf now (at one of the branches given, if any).',
      }),
    ),
    yearFrom: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 9999, description: 'Published in or after this year.' }),
    ),
    yearTo: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 9999, description: 'Published in or before this year.' }),
    ),
    sort: Type.Optional(
      Type.Union(
        CATALOG_SORTS.map((s) => Type.Literal(s)),
        {
          description:
            'relevance (the default: title words count more than author words; by title when ' +
            'there are no words), title, author, or newest (by year of publication).',
        },
      ),
    ),
    facets: Type.Optional(
      Type.Boolean({
        description:
          'Also count the matches by format, branch, availability now and decade of ' +
          'publication, each count with the other filters applied.',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
)
export type CatalogQuery = Static<typeof CatalogQuerySchema>
