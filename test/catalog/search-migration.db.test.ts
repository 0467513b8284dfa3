// Migration 0017 builds the search index over the titles a library already has.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { searchCatalog } from '../../src/catalog/catalog.service.js'
import { searchDocument } from '../../src/catalog/search-text.js'
import { recordsMigrations } from '../../src/db/migrations/index.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { createPool, ensureDatabase } from '../../src/db/postgres.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { openSqlite } from '../../src/db/sqlite.js'
import { ENGINES, pgUrl } from '../harness/engines.js'

const before = Object.fromEntries(
  Object.entries(recordsMigrations).filter(([name]) => name < '0017'),
)

async function open(engine: string): Promise<{ db: Kysely<unknown>; done: () => Promise<void> }> {
  if (engine === 'postgres') {
    const url = pgUrl(`carrel_t_${randomBytes(6).toString('hex')}`)
    await ensureDatabase(url)
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: createPool(url, 2) }) })
    return { db, done: () => db.destroy() }
  }
  const dir = mkdtempSync(join(tmpdir(), 'carrel-migrate-'))
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: openSqlite(join(dir, 'records.sqlite')).kysely }),
  })
  return {
    db,
    done: async () => {
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

for (const engine of ENGINES) {
  describe(`catalog search migration [${engine}]`, () => {
    it('indexes the titles already there, written before search_text held stems', async () => {
      const { db, done } = await open(engine)
      try {
        await migrateToLatest(db, before)
        const at = '2026-01-05T10:00:00.000Z'
        for (const [id, title, author] of [
          ['r1', 'Canción de cuna', 'Lucía Pérez'],
          ['r2', 'Gardening for Beginners', 'Ada Mercer'],
        ] as const)
          await sql`insert into bib_records
            (id, title, author, isbn, year, material_type, search_text, created_at, updated_at)
            values (${id}, ${title}, ${author}, null, 2020, 'book',
              ${`${title} ${author}`.toLowerCase()}, ${at}, ${at})`.execute(db)
        await migrateToLatest(db, recordsMigrations)
        const records = db as unknown as Kysely<RecordsDb>
        const found = async (q: string) =>
          (await searchCatalog(records, { q })).results.map((r) => r.id)
        expect(await found('canciones')).toEqual(['r1'])
        expect(await found('lucia')).toEqual(['r1'])
        expect(await found('garden')).toEqual(['r2'])
        expect(await found('"for beginners" mercer')).toEqual(['r2'])
        // Rows written afterwards, by any code, are indexed by the database (triggers; a generated
        // column): SQLite reads the stems in search_text, PostgreSQL the title and author.
        await sql`insert into bib_records
          (id, title, author, isbn, year, material_type, search_text, created_at, updated_at)
          values ('r3', 'Jardines', null, null, null, 'book',
            ${searchDocument('Jardines', null)}, ${at}, ${at})`.execute(db)
        expect(await found('jardín')).toEqual(['r3'])
        await sql`update bib_records set title = 'Huertos', search_text = ${searchDocument('Huertos', null)}
          where id = 'r3'`.execute(db)
        expect(await found('jardin')).toEqual([])
        expect(await found('huerto')).toEqual(['r3'])
        await sql`delete from bib_records where id = 'r3'`.execute(db)
        expect(await found('huerto')).toEqual([])
      } finally {
        await done()
      }
    })
  })
}
