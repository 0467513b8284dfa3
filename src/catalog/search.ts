import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Engine } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import type { CATALOG_SORTS } from './catalog.schemas.js'
import {
  ftsExpression,
  ftsTitleExpression,
  type SearchText,
  type TextQuery,
} from './search-text.js'

/*
 * Catalog search on either engine: the words (SQLite FTS5 or PostgreSQL full-text search), then
 * the filters, the facet counts, the order and the page, all in SQL. The index is kept true by
 * the database itself (migration 0017), whichever code writes `bib_records`.
 */

export type CatalogSort = (typeof CATALOG_SORTS)[number]

export interface CatalogFilters {
  /** Material types (`bib_records.material_type`); any of them. */
  formats: readonly string[]
  /** Branches holding a copy (neither lost nor withdrawn); any of them. */
  branches: readonly string[]
  /** Only titles with a copy on the shelf now, at one of `branches` when they are given. */
  available: boolean
  yearFrom?: number | undefined
  yearTo?: number | undefined
  isbn?: string | undefined
}

export interface CatalogSearchRequest {
  text: SearchText
  filters: CatalogFilters
  sort: CatalogSort
  limit: number
  offset: number
  facets: boolean
}

export interface FacetCount {
  value: string
  count: number
}

/** How many matching titles each filter value would leave, the other filters applied. */
export interface CatalogFacets {
  formats: FacetCount[]
  branches: FacetCount[]
  availableNow: number
  /** Decades of publication: 1990 for 1990–1999. Titles without a year are in none. */
  decades: { from: number; count: number }[]
}

export interface SearchRow {
  id: string
  title: string
  author: string | null
  isbn: string | null
  year: number | null
  material_type: string
}

/** A title word counts this many times an author word (bm25 on SQLite; A and B on PostgreSQL). */
const TITLE_WEIGHT = 10
const AUTHOR_WEIGHT = 3

type Facet = 'formats' | 'branches' | 'available' | 'years'
type Sql = RawBuilder<unknown>

interface Matching {
  /** The FROM clause: `bib_records b`, joined to the full-text hits where there are words. */
  from: Sql
  /** The same, for the page: the hits carry their score (SQLite computes bm25 only here). */
  scoredFrom: Sql
  where: Sql[]
  /** Higher is better; 0 when there are no words. */
  score: Sql
  hasText: boolean
}

const NO_WORDS: Matching = {
  from: sql`bib_records b`,
  scoredFrom: sql`bib_records b`,
  where: [],
  score: sql`0`,
  hasText: false,
}

/**
 * Titles holding every word typed rank first (the word in another language's form counting twice
 * must not lift an author match over them); then bm25 or ts_rank, title words weighing more.
 */
const TITLE_FIRST = 1_000_000

function sqliteMatching(text: SearchText): Matching {
  const expression = ftsExpression(text)
  if (expression === undefined) return NO_WORDS
  const inTitle = ftsTitleExpression(text)
  const first =
    inTitle === undefined
      ? sql`0`
      : sql`case when catalog_search.rowid in (select rowid from catalog_search where catalog_search match ${inTitle}) then ${sql.lit(TITLE_FIRST)} else 0 end`
  const hits = (score: Sql) => sql`bib_records b join (
      select d.record_id${score}
      from catalog_search join catalog_search_docs d on d.doc = catalog_search.rowid
      where catalog_search match ${expression}
    ) h on h.record_id = b.id`
  return {
    from: hits(sql``),
    scoredFrom: hits(
      sql`, ${first} - bm25(catalog_search, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(AUTHOR_WEIGHT)}) as score`,
    ),
    where: [],
    score: sql`h.score`,
    hasText: true,
  }
}

/** Each word or phrase in English or in Spanish; all of them. Built with bound values only. */
function tsquery(q: TextQuery): Sql | undefined {
  const either = (fn: 'plainto_tsquery' | 'phraseto_tsquery', text: string) =>
    sql`(${sql.raw(fn)}('english', carrel_search_fold(${text})) || ${sql.raw(fn)}('spanish', carrel_search_fold(${text})))`
  const parts = [
    ...q.words.map((w) => either('plainto_tsquery', w)),
    ...q.phrases.map((p) => either('phraseto_tsquery', p.join(' '))),
  ]
  return parts.length === 0 ? undefined : sql`(${sql.join(parts, sql` && `)})`
}

function postgresMatching(text: SearchText): Matching {
  const any = tsquery(text.any)
  const title = tsquery(text.title)
  const author = tsquery(text.author)
  const all = [any, title, author].filter((q): q is Sql => q !== undefined)
  if (all.length === 0) return NO_WORDS
  const query = sql`(${sql.join(all, sql` && `)})`
  const where = [sql`b.search_vector @@ ${query}`]
  if (title !== undefined) where.push(sql`ts_filter(b.search_vector, '{a}') @@ ${title}`)
  if (author !== undefined) where.push(sql`ts_filter(b.search_vector, '{b}') @@ ${author}`)
  const weights = `{0, 0, ${AUTHOR_WEIGHT / TITLE_WEIGHT}, 1}`
  const first =
    any === undefined
      ? sql`0`
      : sql`case when ts_filter(b.search_vector, '{a}') @@ ${title === undefined ? any : sql`(${any} && ${title})`} then ${sql.lit(TITLE_FIRST)} else 0 end`
  return {
    from: sql`bib_records b`,
    scoredFrom: sql`bib_records b`,
    where,
    score: sql`${first} + ts_rank(${sql.lit(weights)}::float4[], b.search_vector, ${query})`,
    hasText: true,
  }
}

/** Which copies count: on the shelf now, or merely held (neither lost nor withdrawn). */
function copies(available: boolean, branches: readonly string[]): Sql {
  const parts = [
    available ? sql`i.status = 'available'` : sql`i.status not in ('withdrawn', 'lost')`,
  ]
  if (branches.length > 0) parts.push(sql`i.branch in (${sql.join([...branches])})`)
  return sql.join(parts, sql` and `)
}

function filtered(f: CatalogFilters, except?: Facet): Sql[] {
  const out: Sql[] = []
  if (f.isbn !== undefined) out.push(sql`b.isbn = ${f.isbn}`)
  if (except !== 'formats' && f.formats.length > 0)
    out.push(sql`b.material_type in (${sql.join([...f.formats])})`)
  if (except !== 'years' && f.yearFrom !== undefined) out.push(sql`b.year >= ${f.yearFrom}`)
  if (except !== 'years' && f.yearTo !== undefined) out.push(sql`b.year <= ${f.yearTo}`)
  const branches = except === 'branches' ? [] : f.branches
  const available = except === 'available' ? false : f.available
  if (available || branches.length > 0)
    out.push(
      sql`exists (select 1 from items i where i.record_id = b.id and ${copies(available, branches)})`,
    )
  return out
}

const where = (parts: Sql[]): Sql =>
  parts.length === 0 ? sql`` : sql`where ${sql.join(parts, sql` and `)}`

function orderBy(sort: CatalogSort, hasText: boolean): Sql {
  const byTitle = sql`lower(b.title), b.id`
  switch (sort) {
    case 'title':
      return byTitle
    case 'author':
      return sql`case when b.author is null then 1 else 0 end, lower(b.author), ${byTitle}`
    case 'newest':
      return sql`case when b.year is null then 1 else 0 end, b.year desc, score desc, ${byTitle}`
    case 'relevance':
      return hasText ? sql`score desc, ${byTitle}` : byTitle
  }
}

const count = (n: unknown): number => Number(n ?? 0)

async function facetCounts(
  db: Kysely<RecordsDb>,
  m: Matching,
  f: CatalogFilters,
): Promise<CatalogFacets> {
  const but = (facet: Facet) => [...m.where, ...filtered(f, facet)]
  const [formats, branches, available, decades] = await Promise.all([
    sql<{ value: string; n: number }>`select b.material_type as value, count(*) as n
      from ${m.from} ${where(but('formats'))} group by b.material_type`.execute(db),
    sql<{ value: string; n: number }>`select i.branch as value, count(distinct b.id) as n
      from ${m.from} join items i on i.record_id = b.id and ${copies(f.available, [])}
      ${where(but('branches'))} group by i.branch`.execute(db),
    sql<{ n: number }>`select count(*) as n from ${m.from} ${where([
      ...but('available'),
      sql`exists (select 1 from items i where i.record_id = b.id and ${copies(true, f.branches)})`,
    ])}`.execute(db),
    sql<{ decade: number; n: number }>`select (b.year / 10) * 10 as decade, count(*) as n
      from ${m.from} ${where([...but('years'), sql`b.year is not null`])} group by 1`.execute(db),
  ])
  const byCount = (a: FacetCount, b: FacetCount) =>
    b.count - a.count || a.value.localeCompare(b.value)
  return {
    formats: formats.rows.map((r) => ({ value: r.value, count: count(r.n) })).sort(byCount),
    branches: branches.rows.map((r) => ({ value: r.value, count: count(r.n) })).sort(byCount),
    availableNow: count(available.rows[0]?.n),
    decades: decades.rows
      .map((r) => ({ from: Number(r.decade), count: count(r.n) }))
      .sort((a, b) => b.from - a.from),
  }
}

/** The titles matching a search, one row per title, with the total and (if asked) the facets. */
export async function runCatalogSearch(
  db: Kysely<RecordsDb>,
  engine: Engine,
  request: CatalogSearchRequest,
): Promise<{ total: number; rows: SearchRow[]; facets?: CatalogFacets }> {
  const m = engine === 'postgres' ? postgresMatching(request.text) : sqliteMatching(request.text)
  const all = [...m.where, ...filtered(request.filters)]
  const [total, page, facets] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from ${m.from} ${where(all)}`.execute(db),
    sql<SearchRow & { score: number }>`
      select b.id, b.title, b.author, b.isbn, b.year, b.material_type, ${m.score} as score
      from ${m.scoredFrom} ${where(all)}
      order by ${orderBy(request.sort, m.hasText)}
      limit ${request.limit} offset ${request.offset}`.execute(db),
    request.facets ? facetCounts(db, m, request.filters) : undefined,
  ])
  return {
    total: count(total.rows[0]?.n),
    rows: page.rows.map(({ score: _score, ...row }) => row),
    ...(facets !== undefined && { facets }),
  }
}
