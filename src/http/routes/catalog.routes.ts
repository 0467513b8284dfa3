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

/** Bibliographic records and the copies that belong to them. */
export function catalogRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/catalog/records',
    {
      schema: {
        tags,
        summary: 'Search the catalogue, with copies available at each branch',
        description:
          'Every word of q, title and author must appear in the title or author; isbn matches exactly. ' +
          'At least one of them is required (400 EMPTY_QUERY).',
        querystring: CatalogQuerySchema,
        response: { 200: SearchResultsSchema, ...problemResponses },
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
