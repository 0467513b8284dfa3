import type { Kysely, Selectable } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { engineOf } from '../db/sequence.js'
import { conflict, notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { getLibraryStructure } from '../library/library.service.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import {
  CatalogQuerySchema,
  ItemChangesSchema,
  NewItemSchema,
  NewRecordSchema,
  RecordChangesSchema,
  type NewItem,
  type NewRecord,
} from './catalog.schemas.js'
import type { BibRecordsTable, ItemsTable } from './catalog.tables.js'
import {
  runCatalogSearch,
  type CatalogFacets,
  type CatalogFilters,
  type SearchRow,
} from './search.js'
import { isEmptyText, parseText, searchDocument } from './search-text.js'

export type RecordRow = Selectable<BibRecordsTable>
export type ItemRow = Selectable<ItemsTable>

export const normaliseIsbn = (v: string) => v.replace(/[^0-9Xx]/g, '').toUpperCase()
/** Titles and authors are kept composed (NFC), so "é" is one letter wherever it was typed. */
const cleanText = (v: string) => v.trim().normalize('NFC')

/**
 * A new title's row. `search_text` (its words stemmed for SQLite's index) is made here, so every
 * path that adds a title (the service, the importer) keeps the search index true.
 */
export function recordRow(input: NewRecord, at: string): RecordRow {
  const title = cleanText(input.title)
  const author = input.author === undefined ? null : cleanText(input.author)
  return {
    id: newId(),
    title,
    author,
    isbn: input.isbn === undefined ? null : normaliseIsbn(input.isbn),
    year: input.year ?? null,
    material_type: input.materialType,
    search_text: searchDocument(title, author),
    created_at: at,
    updated_at: at,
  }
}

export async function createRecord(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<RecordRow> {
  requirePermission(actor, 'catalog.manage')
  const row = recordRow(check(NewRecordSchema, raw), ctx.clock.now().toISOString())
  await ctx.db.insertInto('bib_records').values(row).execute()
  return row
}

export async function updateRecord(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<RecordRow> {
  requirePermission(actor, 'catalog.manage')
  const changes = check(RecordChangesSchema, raw)
  const current = await getRecordRow(ctx.db, id)
  const title = changes.title !== undefined ? cleanText(changes.title) : current.title
  const author = changes.author !== undefined ? cleanText(changes.author) : current.author
  const patch = {
    title,
    author,
    isbn: changes.isbn !== undefined ? normaliseIsbn(changes.isbn) : current.isbn,
    year: changes.year ?? current.year,
    material_type: changes.materialType ?? current.material_type,
    search_text: searchDocument(title, author),
    updated_at: ctx.clock.now().toISOString(),
  }
  await ctx.db.updateTable('bib_records').set(patch).where('id', '=', id).execute()
  return { ...current, ...patch }
}

const RECORD_COLUMNS = [
  'id',
  'title',
  'author',
  'isbn',
  'year',
  'material_type',
  'search_text',
  'created_at',
  'updated_at',
] as const

// Named columns: on PostgreSQL the table also holds its search vector, which no caller wants.
const recordRowById = precompiled((db: Kysely<RecordsDb>, v: { id: string }) =>
  db.selectFrom('bib_records').select(RECORD_COLUMNS).where('id', '=', v.id),
)

export async function getRecordRow(db: Kysely<RecordsDb>, id: string): Promise<RecordRow> {
  const {
    rows: [row],
  } = await recordRowById(db, { id })
  if (row === undefined) throw notFound('RECORD_NOT_FOUND', 'No such catalog record.')
  return row
}

/** Checks an item's branch and type against the library's lists. */
export async function checkItemScope(
  db: Kysely<RecordsDb>,
  branch: string | undefined,
  itemType: string | undefined,
): Promise<void> {
  const s = await getLibraryStructure(db)
  if (branch !== undefined && !s.branches.some((b) => b.code === branch))
    throw validation('UNKNOWN_BRANCH', 'No such branch.')
  if (itemType !== undefined && !s.itemTypes.some((t) => t.code === itemType))
    throw validation('UNKNOWN_ITEM_TYPE', 'No such item type.')
}

export function itemRow(input: NewItem, at: string, notForLoan: boolean): ItemRow {
  return {
    id: newId(),
    record_id: input.recordId,
    barcode: input.barcode.trim(),
    call_number: input.callNumber?.trim() || null,
    branch: input.branch,
    item_type: input.itemType,
    status: notForLoan ? 'not_for_loan' : 'available',
    transit_to: null,
    replacement_price_cents: input.replacementPriceCents,
    times_lent: 0,
    magnetic_media: input.magneticMedia ?? null,
    security_marker: input.securityMarker ?? null,
    created_at: at,
    updated_at: at,
  }
}

export async function addItem(ctx: AppContext, actor: Actor, raw: unknown): Promise<ItemRow> {
  requirePermission(actor, 'catalog.manage')
  const input = check(NewItemSchema, raw)
  await getRecordRow(ctx.db, input.recordId)
  await checkItemScope(ctx.db, input.branch, input.itemType)
  const type = (await getLibraryStructure(ctx.db)).itemTypes.find((t) => t.code === input.itemType)
  const row = itemRow(input, ctx.clock.now().toISOString(), type?.notForLoan ?? false)
  try {
    await ctx.db.insertInto('items').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('ITEM_BARCODE_TAKEN', 'An item already has that barcode.')
    throw err
  }
  return row
}

export async function updateItem(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
  raw: unknown,
): Promise<ItemRow> {
  requirePermission(actor, 'catalog.manage')
  const changes = check(ItemChangesSchema, raw)
  const item = await getItemByBarcode(ctx.db, barcode)
  await checkItemScope(ctx.db, changes.branch, changes.itemType)
  if (
    changes.status !== undefined &&
    ['on_loan', 'on_hold_shelf', 'in_transit'].includes(item.status)
  )
    throw conflict('ITEM_IN_CIRCULATION', 'Check the item in before changing its status.')
  const patch = {
    ...(changes.callNumber !== undefined && { call_number: changes.callNumber }),
    ...(changes.branch !== undefined && { branch: changes.branch }),
    ...(changes.itemType !== undefined && { item_type: changes.itemType }),
    ...(changes.replacementPriceCents !== undefined && {
      replacement_price_cents: changes.replacementPriceCents,
    }),
    ...(changes.status !== undefined && { status: changes.status }),
    ...(changes.magneticMedia !== undefined && { magnetic_media: changes.magneticMedia }),
    ...(changes.securityMarker !== undefined && { security_marker: changes.securityMarker }),
    updated_at: ctx.clock.now().toISOString(),
  }
  await ctx.db.updateTable('items').set(patch).where('id', '=', item.id).execute()
  return { ...item, ...patch }
}

export async function findItemByBarcode(
  db: Kysely<RecordsDb>,
  barcode: string,
): Promise<ItemRow | undefined> {
  return db.selectFrom('items').selectAll().where('barcode', '=', barcode.trim()).executeTakeFirst()
}

export async function getItemByBarcode(db: Kysely<RecordsDb>, barcode: string): Promise<ItemRow> {
  const item = await findItemByBarcode(db, barcode)
  if (item === undefined) throw notFound('ITEM_NOT_FOUND', 'No item has that barcode.')
  return item
}

export interface Availability {
  branch: string
  total: number
  available: number
}

export interface RecordSummary {
  id: string
  title: string
  author: string | null
  isbn: string | null
  year: number | null
  materialType: string
  availability: Availability[]
}

export interface CatalogSearchResults {
  total: number
  results: RecordSummary[]
  /** Only when asked for (`facets: true`). */
  facets?: CatalogFacets
}

/** An ISBN typed into the words box (10 or 13 digits, hyphens and spaces allowed). */
const ISBN_WORDS = /^(?:\d{9}[\dX]|\d{13})$/i

/**
 * Catalog search: every word (stemmed in English and Spanish, accents folded) and every quoted
 * phrase must appear, in the title or author (or only the one named); ISBN matches exactly; the
 * filters narrow; one result per title, with its copies counted per branch. Whatever is typed is
 * reduced to letters and digits first, so no search is a syntax error.
 */
export async function searchCatalog(
  db: Kysely<RecordsDb>,
  raw: unknown,
): Promise<CatalogSearchResults> {
  const q = check(CatalogQuerySchema, raw)
  const isbnTyped =
    q.isbn === undefined && q.q !== undefined && ISBN_WORDS.test(q.q.replace(/[\s-]/g, ''))
  const isbn = q.isbn ?? (isbnTyped ? q.q : undefined)
  const text = {
    any: parseText(isbnTyped ? undefined : q.q),
    title: parseText(q.title),
    author: parseText(q.author),
  }
  const filters: CatalogFilters = {
    formats: q.format ?? [],
    branches: q.branch ?? [],
    available: q.available ?? false,
    yearFrom: q.yearFrom,
    yearTo: q.yearTo,
    isbn: isbn === undefined ? undefined : normaliseIsbn(isbn),
  }
  const narrowed =
    filters.isbn !== undefined ||
    filters.formats.length > 0 ||
    filters.branches.length > 0 ||
    filters.available ||
    filters.yearFrom !== undefined ||
    filters.yearTo !== undefined
  if (!narrowed && isEmptyText(text.any) && isEmptyText(text.title) && isEmptyText(text.author))
    throw validation('EMPTY_QUERY', 'Give words to search for or an ISBN.')
  const found = await runCatalogSearch(db, engineOf(db as unknown as Kysely<unknown>), {
    text,
    filters,
    sort: q.sort ?? 'relevance',
    limit: q.limit ?? 20,
    offset: q.offset ?? 0,
    facets: q.facets ?? false,
  })
  return {
    total: found.total,
    results: await withAvailability(db, found.rows),
    ...(found.facets !== undefined && { facets: found.facets }),
  }
}

/** Each title with its copies grouped per branch: how many, and how many are on the shelf. */
export async function withAvailability(
  db: Kysely<RecordsDb>,
  rows: readonly SearchRow[],
): Promise<RecordSummary[]> {
  const ids = rows.map((r) => r.id)
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('items')
          .select(['record_id', 'branch', 'status'])
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('record_id', 'in', ids)
          .where('status', 'not in', ['withdrawn', 'lost'])
          .groupBy(['record_id', 'branch', 'status'])
          .execute()
  return rows.map((r) => {
    const byBranch = new Map<string, Availability>()
    for (const c of counts.filter((c) => c.record_id === r.id)) {
      const a = byBranch.get(c.branch) ?? { branch: c.branch, total: 0, available: 0 }
      a.total += Number(c.n)
      if (c.status === 'available') a.available += Number(c.n)
      byBranch.set(c.branch, a)
    }
    return {
      id: r.id,
      title: r.title,
      author: r.author,
      isbn: r.isbn,
      year: r.year,
      materialType: r.material_type,
      availability: [...byBranch.values()].sort((a, b) => a.branch.localeCompare(b.branch)),
    }
  })
}

export async function getRecordWithItems(
  db: Kysely<RecordsDb>,
  id: string,
): Promise<RecordSummary & { items: Omit<ItemRow, 'created_at' | 'updated_at'>[] }> {
  const row = await getRecordRow(db, id)
  const [summary] = await withAvailability(db, [row])
  const items = await db
    .selectFrom('items')
    .select([
      'id',
      'record_id',
      'barcode',
      'call_number',
      'branch',
      'item_type',
      'status',
      'transit_to',
      'replacement_price_cents',
      'times_lent',
      'magnetic_media',
      'security_marker',
    ])
    .where('record_id', '=', id)
    .orderBy('branch')
    .orderBy('barcode')
    .execute()
  if (summary === undefined) throw new Error('unreachable')
  return { ...summary, items }
}
