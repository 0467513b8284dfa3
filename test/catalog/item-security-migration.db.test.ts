// Migration 0028 gives a library that already exists today's SIP2 answers: U and 00.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { itemSecurity } from '../../src/catalog/item-security.js'
import { recordsMigrations } from '../../src/db/migrations/index.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { createPool, ensureDatabase } from '../../src/db/postgres.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { openSqlite } from '../../src/db/sqlite.js'
import { ENGINES, pgUrl } from '../harness/engines.js'

const before = Object.fromEntries(
  Object.entries(recordsMigrations).filter(([name]) => name < '0028'),
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
  describe(`item security migration [${engine}]`, () => {
    it('leaves existing item types and copies unknown (U) with marker 00', async () => {
      const { db, done } = await open(engine)
      try {
        await migrateToLatest(db, before)
        const at = '2026-01-05T10:00:00.000Z'
        await sql`insert into item_types (code, name, not_for_loan) values ('dvd', 'DVD', 0)`.execute(
          db,
        )
        await sql`insert into branches (code, name, created_at) values ('main', 'Main', ${at})`.execute(
          db,
        )
        await sql`insert into bib_records
          (id, title, author, isbn, year, material_type, search_text, created_at, updated_at)
          values ('r1', 'Night Film', null, null, 2013, 'video', 'night film', ${at}, ${at})`.execute(
          db,
        )
        await sql`insert into items (id, record_id, barcode, call_number, branch, item_type, status,
            transit_to, replacement_price_cents, created_at, updated_at)
          values ('i1', 'r1', '3001', null, 'main', 'dvd', 'available', null, 2000, ${at}, ${at})`.execute(
          db,
        )
        await migrateToLatest(db, recordsMigrations)
        const records = db as unknown as Kysely<RecordsDb>
        expect(
          await records
            .selectFrom('item_types')
            .select(['magnetic_media', 'security_marker'])
            .execute(),
        ).toEqual([{ magnetic_media: null, security_marker: '00' }])
        expect(await itemSecurity(records, '3001')).toEqual({
          barcode: '3001',
          title: 'Night Film',
          homeBranch: 'main',
          magneticMedia: 'U',
          securityMarker: '00',
        })
      } finally {
        await done()
      }
    })
  })
}
