import { sql, type Kysely } from 'kysely'
import { FOLD, searchDocument } from '../../../catalog/search-text.js'
import { engineOf } from '../../sequence.js'

/**
 * Full-text catalog search, kept true by the database on every write to `bib_records`.
 *
 * `search_text` now holds the title's and the author's words, folded and stemmed in English and
 * Spanish (src/catalog/search-text.ts); every row is rewritten.
 *
 * SQLite: an FTS5 index of those stems (`catalog_search`, contentless: it keeps the index, not a
 * copy of the text), filled by triggers on `bib_records`. FTS5 wants integer row ids and the
 * table's own rowid may change on VACUUM, so `catalog_search_docs` numbers each record once.
 *
 * PostgreSQL: a stored `search_vector` of the title (weight A) and the author (weight B), each
 * parsed by the `english` and the `spanish` configuration, with a GIN index. Accents are folded
 * by `carrel_search_fold`, a `translate()` with the same letter pairs as the application uses
 * (the `unaccent` extension is not always installed, and is not immutable).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await rewriteSearchText(db)
    await postgres(db)
  } else {
    // Kysely runs SQLite migrations outside a transaction: this one goes in whole or not at all.
    await db.transaction().execute(async (trx) => {
      await rewriteSearchText(trx)
      await sqlite(trx)
    })
  }
}

async function rewriteSearchText(db: Kysely<unknown>): Promise<void> {
  let after = ''
  for (;;) {
    const { rows } = await sql<{ id: string; title: string; author: string | null }>`
      select id, title, author from bib_records where id > ${after} order by id limit 1000`.execute(
      db,
    )
    for (const r of rows)
      await sql`update bib_records set search_text = ${searchDocument(r.title, r.author)}
        where id = ${r.id}`.execute(db)
    const last = rows.at(-1)
    if (last === undefined) return
    after = last.id
  }
}

/** The title's part of `search_text` (before the line break) and the author's (after it). */
const titlePart = (t: string) =>
  `case when instr(${t}, char(10)) > 0 then substr(${t}, 1, instr(${t}, char(10)) - 1) else ${t} end`
const authorPart = (t: string) =>
  `case when instr(${t}, char(10)) > 0 then substr(${t}, instr(${t}, char(10)) + 1) else '' end`

async function sqlite(db: Kysely<unknown>): Promise<void> {
  await sql`create table catalog_search_docs (
    doc integer primary key,
    record_id text not null unique
  )`.execute(db)
  // The stems are made by Carrel, so FTS5 only splits on spaces, folds case and accents again
  // (harmless) and treats the bar between the English and Spanish stems as a word.
  await sql`create virtual table catalog_search using fts5 (
    title, author,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '|'"
  )`.execute(db)
  await sql`insert into catalog_search_docs (record_id) select id from bib_records order by id`.execute(
    db,
  )
  await sql
    .raw(
      `insert into catalog_search (rowid, title, author)
       select d.doc, ${titlePart('b.search_text')}, ${authorPart('b.search_text')}
       from catalog_search_docs d join bib_records b on b.id = d.record_id`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger bib_records_search_insert after insert on bib_records begin
         insert into catalog_search_docs (record_id) values (new.id);
         insert into catalog_search (rowid, title, author)
           select doc, ${titlePart('new.search_text')}, ${authorPart('new.search_text')}
           from catalog_search_docs where record_id = new.id;
       end`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger bib_records_search_update after update of id, search_text on bib_records begin
         update catalog_search_docs set record_id = new.id where record_id = old.id;
         delete from catalog_search
           where rowid = (select doc from catalog_search_docs where record_id = new.id);
         insert into catalog_search (rowid, title, author)
           select doc, ${titlePart('new.search_text')}, ${authorPart('new.search_text')}
           from catalog_search_docs where record_id = new.id;
       end`,
    )
    .execute(db)
  await sql`create trigger bib_records_search_delete after delete on bib_records begin
      delete from catalog_search
        where rowid = (select doc from catalog_search_docs where record_id = old.id);
      delete from catalog_search_docs where record_id = old.id;
    end`.execute(db)
}

async function postgres(db: Kysely<unknown>): Promise<void> {
  await sql`create function carrel_search_fold(text) returns text
    language sql immutable strict parallel safe
    as ${sql.lit(`select lower(translate($1, '${FOLD.from}', '${FOLD.to}'))`)}`.execute(db)
  // The bar between the parts is a lexeme no search can produce, so a phrase never runs across.
  const part = (config: string, column: string, weight: string) =>
    `setweight(to_tsvector('${config}'::regconfig, carrel_search_fold(${column})), '${weight}')`
  const bar = `'''|'':1'::tsvector`
  const vector = [
    part('english', 'title', 'A'),
    part('spanish', 'title', 'A'),
    part('english', "coalesce(author, '')", 'B'),
    part('spanish', "coalesce(author, '')", 'B'),
  ].join(` || ${bar} || `)
  await sql
    .raw(
      `alter table bib_records add column search_vector tsvector generated always as (${vector}) stored`,
    )
    .execute(db)
  await sql`create index bib_records_search on bib_records using gin (search_vector)`.execute(db)
}
