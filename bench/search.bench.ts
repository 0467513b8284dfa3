// Catalog search over a seeded catalog, through Carrel beside the same statements sent raw and
// beside the bare full-text query alone.
//   BENCH_ENGINES=sqlite,postgres  BENCH_ROUNDS=7  BENCH_ROUND_MS=400  BENCH_SEARCH_RECORDS=20000
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely'
import pg from 'pg'
import { SYSTEM_ACTOR } from '../src/actor.js'
import { itemRow, recordRow, searchCatalog } from '../src/catalog/catalog.service.js'
import { MATERIAL_TYPES } from '../src/catalog/catalog.schemas.js'
import type { ItemStatus } from '../src/catalog/catalog.tables.js'
import { ftsExpression, parseText } from '../src/catalog/search-text.js'
import { SQLITE_FILES } from '../src/db/database.js'
import { createPool } from '../src/db/postgres.js'
import type { RecordsDb } from '../src/db/schema.js'
import { openSqlite } from '../src/db/sqlite.js'
import { saveBranch } from '../src/library/library.service.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { postgresEngine, sqliteEngine, type BenchEngine } from './engines.js'
import { measure, resultTable, type Case, type CaseResult } from './harness.js'
import { analyse } from './seed-circulation.js'

export const SEARCH_NAME = 'catalog search'

const env = process.env
const RECORDS = Number(env.BENCH_SEARCH_RECORDS ?? 20_000)
const timing = {
  rounds: Number(env.BENCH_ROUNDS ?? 7),
  roundMs: Number(env.BENCH_ROUND_MS ?? 400),
  warmupMs: 300,
}

// prettier-ignore
const ENGLISH = ['garden', 'gardens', 'river', 'history', 'night', 'winter', 'secret', 'kitchen', 'cooking', 'stories', 'children', 'war', 'peace', 'island', 'city', 'light', 'house', 'mountain', 'journey', 'birds', 'letters', 'summer', 'machine', 'shadow', 'music', 'field', 'guide', 'painting', 'memory', 'prairie']
// prettier-ignore
const SPANISH = ['jardín', 'jardines', 'río', 'historia', 'noche', 'invierno', 'secreto', 'cocina', 'canciones', 'canción', 'niños', 'guerra', 'paz', 'isla', 'ciudad', 'luz', 'casa', 'montaña', 'viaje', 'pájaros', 'cartas', 'verano', 'sombra', 'música', 'campo', 'memoria', 'mar', 'cuentos', 'vida', 'amor']
// prettier-ignore
const NAMES = ['Ada Mercer', 'Lucía Pérez', 'Mara Ellison', 'Iris Penhallow', 'Río Ibáñez', 'Jo Wren', 'Zed Okafor', 'Paz Ortega', 'Ruth Oyelaran', 'Tomás Núñez', 'Quill Tamsin', 'Nadia Brook']
/** Searches as patrons type them: common and rare words, a phrase, Spanish, two words. */
const QUERIES = [
  'garden',
  'winter night',
  '"secret garden"',
  'canciones',
  'historia del mar',
  'cooking',
  'prairie memory',
  'jardines',
]

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** RECORDS titles of 2–6 words (three in four English), 0–3 copies each over three branches. */
async function seed(b: BenchEngine): Promise<{ records: number; copies: number }> {
  const { ctx } = b
  for (const [code, name] of [
    ['east', 'East Branch'],
    ['west', 'West Branch'],
  ])
    await saveBranch(ctx, SYSTEM_ACTOR, { code, name })
  const random = rng(11)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const at = new Date().toISOString()
  let copies = 0
  for (let start = 0; start < RECORDS; start += 500) {
    const records: ReturnType<typeof recordRow>[] = []
    const items: ReturnType<typeof itemRow>[] = []
    for (let r = start; r < Math.min(RECORDS, start + 500); r++) {
      const words = random() < 0.75 ? ENGLISH : SPANISH
      const length = 2 + Math.floor(random() * 5)
      const title = Array.from({ length }, () => pick(words)).join(' ')
      const record = recordRow(
        {
          title: `${title.charAt(0).toUpperCase()}${title.slice(1)} ${r}`,
          author: pick(NAMES),
          year: 1900 + Math.floor(random() * 126),
          materialType: random() < 0.7 ? 'book' : pick(MATERIAL_TYPES),
        },
        at,
      )
      records.push(record)
      const n = Math.floor(random() * 4)
      for (let c = 0; c < n; c++) {
        const item = itemRow(
          {
            recordId: record.id,
            barcode: `B${String(++copies).padStart(9, '0')}`,
            branch: pick(['main', 'east', 'west']),
            itemType: 'book',
            replacementPriceCents: 2000,
          },
          at,
          false,
        )
        const roll = random()
        const status: ItemStatus = roll < 0.6 ? 'available' : roll < 0.9 ? 'on_loan' : 'lost'
        items.push({ ...item, status })
      }
    }
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('bib_records').values(records).execute()
      if (items.length > 0) await trx.insertInto('items').values(items).execute()
    })
  }
  await analyse(b)
  return { records: RECORDS, copies }
}

/** A second Kysely on the same database that writes down every statement it sends. */
function recorder(b: BenchEngine): { db: Kysely<RecordsDb>; sent: CompiledQuery[] } {
  const sent: CompiledQuery[] = []
  const dialect =
    b.engine === 'sqlite'
      ? new SqliteDialect({
          database: openSqlite(join(b.ctx.config.dataDir, SQLITE_FILES.records)).kysely,
        })
      : new PostgresDialect({ pool: createPool(b.ctx.config.databaseUrl ?? '', 4) })
  const db = new Kysely<RecordsDb>({
    dialect,
    log: (event) => {
      if (event.level === 'query') sent.push(event.query)
    },
  })
  return { db, sent }
}

interface Statement {
  sql: string
  parameters: readonly unknown[]
}

/**
 * Statements straight through the driver, one after another: better-sqlite3 prepared statements
 * (synchronous), or one pg client sending each as Carrel's driver does (unnamed, so PostgreSQL
 * plans each with its values, as it does for Carrel).
 */
async function rawRunner(
  b: BenchEngine,
): Promise<{ run: (s: readonly Statement[]) => unknown; close: () => Promise<void> }> {
  if (b.engine === 'sqlite') {
    const db = openSqlite(join(b.ctx.config.dataDir, SQLITE_FILES.records)).raw
    const prepared = new Map<string, ReturnType<typeof db.prepare>>()
    return {
      run: (statements) => {
        for (const s of statements) {
          let stmt = prepared.get(s.sql)
          if (stmt === undefined) prepared.set(s.sql, (stmt = db.prepare(s.sql)))
          stmt.all([...s.parameters])
        }
      },
      close: () => {
        db.close()
        return Promise.resolve()
      },
    }
  }
  const client = new pg.Client({ connectionString: b.ctx.config.databaseUrl })
  await client.connect()
  return {
    run: async (statements) => {
      for (const s of statements) await client.query(s.sql, [...s.parameters])
    },
    close: () => client.end(),
  }
}

/** The bare full-text query a hand-written search would send: the best 20 ids, ranked. */
function bareQuery(engine: BenchEngine['engine'], q: string): Statement {
  const text = parseText(q)
  if (engine === 'sqlite')
    return {
      sql: `SELECT d.record_id FROM catalog_search JOIN catalog_search_docs d ON d.doc = catalog_search.rowid
        WHERE catalog_search MATCH ? ORDER BY bm25(catalog_search, 10.0, 3.0) LIMIT 20`,
      parameters: [ftsExpression({ any: text, title: parseText(''), author: parseText('') })],
    }
  const values = [...text.words, ...text.phrases.map((p) => p.join(' '))]
  const parts = values.map((_, i) => {
    const fn = i < text.words.length ? 'plainto_tsquery' : 'phraseto_tsquery'
    return `(${fn}('english', carrel_search_fold($${i + 1})) || ${fn}('spanish', carrel_search_fold($${i + 1})))`
  })
  const query = `(${parts.join(' && ')})`
  return {
    sql: `SELECT id FROM bib_records WHERE search_vector @@ ${query}
      ORDER BY ts_rank(search_vector, ${query}) DESC LIMIT 20`,
    parameters: values,
  }
}

async function searchCases(
  b: BenchEngine,
  raw: Awaited<ReturnType<typeof rawRunner>>,
): Promise<Case[]> {
  const rec = recorder(b)
  const cases: Case[] = []
  try {
    for (const facets of [true, false]) {
      const statements: CompiledQuery[][] = []
      let hits = 0
      for (const q of QUERIES) {
        rec.sent.length = 0
        hits += (await searchCatalog(rec.db, { q, facets, limit: 20 })).total
        statements.push([...rec.sent])
      }
      const bare = QUERIES.map((q) => [bareQuery(b.engine, q)])
      let i = 0
      let j = 0
      let k = 0
      cases.push({
        name: facets ? 'search + facets (the page)' : 'search, results only (API)',
        contenders: {
          carrel: () =>
            searchCatalog(b.ctx.db, { q: QUERIES[i++ % QUERIES.length], facets, limit: 20 }),
          raw: () => raw.run(statements[j++ % statements.length] ?? []),
          sql: () => raw.run(bare[k++ % bare.length] ?? []),
        },
        check: () => Promise.resolve({ hitsPerQuery: hits / QUERIES.length, mismatches: 0 }),
      })
    }
  } finally {
    await rec.db.destroy()
  }
  return cases
}

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`

/** Prints its own table per engine. */
export async function runSearchBench(): Promise<void> {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  console.log(`
Catalog search over ${RECORDS.toLocaleString('en-US')} titles (2–6 English or Spanish words each, 0–3 copies over three branches)
  Carrel    searchCatalog(ctx.db, { q, facets, limit: 20 }) over ${QUERIES.length} searches in turn:
            ${QUERIES.join(' · ')}
            "+ facets" is what the public page asks for: the count, the page, four facet counts
            and the copies per branch; "results only" is the API's default.
  raw       the very statements Carrel sent for each search (recorded once), straight through the
            driver one after another: prepared on better-sqlite3; on one pg client, unnamed, so
            PostgreSQL plans each with its values as it does for Carrel (whose pool runs the
            count, page and facet queries side by side)
  SQL-only  the bare full-text query alone: the best 20 ids by bm25 (SQLite FTS5) or ts_rank
            (PostgreSQL), no count, facets or copies
  Rates: searches per second, median of ${timing.rounds} rounds of ${timing.roundMs} ms; ratios are medians of per-round ratios.`)
  const masterKey = randomBytes(32)
  let cluster: Awaited<ReturnType<typeof startPgCluster>> | undefined
  try {
    for (const engine of engines) {
      let bench: BenchEngine | undefined
      if (engine === 'sqlite') bench = await sqliteEngine(masterKey)
      else if (engine === 'postgres') {
        const binDir = findPgBinDir()
        if (binDir === undefined) {
          console.log('\nPostgreSQL: skipped (no server binaries; set CARREL_TEST_PG_BIN)')
          continue
        }
        cluster ??= await startPgCluster(binDir)
        bench = await postgresEngine(masterKey, cluster.server)
      } else throw new Error(`BENCH_ENGINES: unknown engine ${engine}`)
      try {
        progress(`${engine}: seeding ${RECORDS.toLocaleString('en-US')} titles…`)
        const started = performance.now()
        const seeded = await seed(bench)
        const seconds = (performance.now() - started) / 1000
        const results: CaseResult[] = []
        const raw = await rawRunner(bench)
        try {
          for (const c of await searchCases(bench, raw)) {
            progress(`${engine}: ${c.name}`)
            results.push(await measure(c, timing))
          }
        } finally {
          await raw.close()
        }
        console.log(
          `\n${bench.version} — ${seeded.records.toLocaleString('en-US')} titles, ` +
            `${seeded.copies.toLocaleString('en-US')} copies (seeded and indexed in ${seconds.toFixed(1)} s); ${load()}`,
        )
        console.log(resultTable(results))
      } finally {
        await bench.close()
      }
    }
  } finally {
    await cluster?.stop()
  }
}
