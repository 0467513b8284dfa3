import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  addItem,
  createRecord,
  getRecordWithItems,
  searchCatalog,
  updateItem,
  updateRecord,
} from '../../catalog/catalog.service.js'
import {
  CatalogQuerySchema,
  ItemChangesSchema,
  NewItemSchema,
  NewRecordSchema,
  RecordChangesSchema,
} from '../../catalog/catalog.schemas.js'
import { actorOf } from '../auth.js'
import {
  itemView,
  ItemViewSchema,
  RecordViewSchema,
  recordView,
  RecordWithItemsSchema,
  SearchResultsSchema,
} from '../schemas/catalog.responses.js'
import { BarcodeParams, IdParams, problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

const tags = ['catalog']

const FacetCountSchema = Type.Object(
  { value: Type.String(), count: Type.Integer() },
  { additionalProperties: false },
)

/** The search results, with the facet counts when `facets=true` was asked for. */
const CatalogSearchSchema = Type.Object(
  {
    ...SearchResultsSchema.properties,
    facets: Type.Optional(
      Type.Object(
        {
          formats: Type.Array(FacetCountSchema, { description: 'Matches per material type.' }),
          branches: Type.Array(FacetCountSchema, {
            description:
              'Matches with a copy at each branch (on the shelf now, when available=true).',
          }),
          availableNow: Type.Integer({ description: 'Matches with a copy on the shelf now.' }),
          decades: Type.Array(
            Type.Object(
              { from: Type.Integer({ description: '1990 for 1990–1999.' }), count: Type.Integer() },
              { additionalProperties: false },
            ),
          ),
        },
        {
          additionalProperties: false,
          description: "Each facet's counts have every other filter applied, but not its own.",
        },
      ),
    ),
  },
  { additionalProperties: false },
)

/** Bibliographic records and the copies that belong to them. */
export function catalogRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/catalog/records',
    {
      schema: {
        tags,
        summary: 'Search the catalog, one result per title with its copies counted per branch',
        description:
          'Full-text search on title and author, the same on SQLite and PostgreSQL: every word of ' +
          'q, title and author must appear (stemmed in English and Spanish, accents ignored), and ' +
          '"quoted words" must appear together. Only letters and digits are read, so no search is ' +
          'a syntax error. isbn matches exactly. format, branch, available and yearFrom/yearTo ' +
          'narrow the results; sort orders them (relevance by default); facets=true adds counts ' +
          'by format, branch, availability now and decade. At least one word, an ISBN or a filter ' +
          'is required (400 EMPTY_QUERY).',
        querystring: CatalogQuerySchema,
        response: { 200: CatalogSearchSchema, ...problemResponses },
      },
    },
    async (request) => searchCatalog(ctx.db, request.query),
  )

  api.get(
    '/catalog/records/:id',
    {
      schema: {
        tags,
        summary: 'A catalogue record with its copies',
        params: IdParams,
        response: { 200: RecordWithItemsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { items, ...record } = await getRecordWithItems(ctx.db, request.params.id)
      return { ...record, items: items.map(itemView) }
    },
  )

  api.post(
    '/catalog/records',
    {
      schema: {
        tags,
        summary: 'Add a catalogue record (librarian, admin)',
        body: NewRecordSchema,
        response: { 201: RecordViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(recordView(await createRecord(ctx, actorOf(request), request.body))),
  )

  api.patch(
    '/catalog/records/:id',
    {
      schema: {
        tags,
        summary: 'Change a catalogue record (librarian, admin)',
        params: IdParams,
        body: RecordChangesSchema,
        response: { 200: RecordViewSchema, ...problemResponses },
      },
    },
    async (request) =>
      recordView(await updateRecord(ctx, actorOf(request), request.params.id, request.body)),
  )

  api.post(
    '/catalog/items',
    {
      schema: {
        tags,
        summary: 'Add a copy of a record (librarian, admin)',
        body: NewItemSchema,
        response: { 201: ItemViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(itemView(await addItem(ctx, actorOf(request), request.body))),
  )

  api.patch(
    '/catalog/items/:barcode',
    {
      schema: {
        tags,
        summary:
          "Change a copy's call number, branch, type, price or shelf status (librarian, admin)",
        description: 'A copy on loan, on the hold shelf or in transit keeps its status (409).',
        params: BarcodeParams,
        body: ItemChangesSchema,
        response: { 200: ItemViewSchema, ...problemResponses },
      },
    },
    async (request) =>
      itemView(await updateItem(ctx, actorOf(request), request.params.barcode, request.body)),
  )
}
