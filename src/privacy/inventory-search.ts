import type { TableEntry } from './inventory.js'
import { uniformTable } from './inventory-helpers.js'

const searchTable = (description: string, purposes: Record<string, string>): TableEntry => ({
  ...uniformTable(description, 'operational', 'catalogue', 'catalogue', purposes),
  engine: 'sqlite',
})

/**
 * SQLite's full-text index of the catalog (migration 0017): the FTS5 table and the tables FTS5
 * keeps for it. Titles and authors only, never anything about people; PostgreSQL keeps the same
 * index as `bib_records.search_vector`.
 */
export const CATALOG_SEARCH_INVENTORY: Record<string, TableEntry> = {
  catalog_search_docs: searchTable('Catalog search: a number for each title', {
    doc: "The title's number in the search index.",
    record_id: 'The title it stands for.',
  }),
  catalog_search: searchTable('Catalog search: the index of title and author words', {
    title: "The title's search terms (read through the index only; no copy is kept).",
    author: "The author's search terms (read through the index only; no copy is kept).",
  }),
  catalog_search_data: searchTable('Catalog search: index pages', {
    id: 'Numbers an index page.',
    block: 'Search terms and the titles that have them.',
  }),
  catalog_search_idx: searchTable('Catalog search: where index pages start', {
    segid: 'An index segment.',
    term: 'The first search term on a page.',
    pgno: 'The page.',
  }),
  catalog_search_docsize: searchTable('Catalog search: words per title, for ranking', {
    id: "The title's number in the search index.",
    sz: 'How many terms the title and author have, for ranking.',
    origin: 'Which index segment holds the title, so it can be taken out again.',
  }),
  catalog_search_config: searchTable('Catalog search: index settings', {
    k: 'A setting of the search index.',
    v: "The setting's value.",
  }),
}
