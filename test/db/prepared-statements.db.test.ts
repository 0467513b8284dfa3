import { sql } from 'kysely'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { SQLITE_FILES } from '../../src/db/database.js'
import { openSqlite } from '../../src/db/sqlite.js'
import { describeEngines } from '../harness/engines.js'

describeEngines('hot statements are prepared once per connection', (env) => {
  it('the same parameterised statement is parsed once and then reused by name', async () => {
    const { ctx } = env()
    const find = (barcode: string) =>
      ctx.db.selectFrom('cards').select('id').where('barcode', '=', barcode).execute()
    if (ctx.engine === 'sqlite') {
      // One prepared statement per text on the connection (src/db/sqlite.ts), reused each time.
      const { kysely, raw } = openSqlite(join(ctx.config.dataDir, SQLITE_FILES.records))
      try {
        const text = 'select id from cards where barcode = ?'
        expect(kysely.prepare(text)).toBe(kysely.prepare(text))
        expect(kysely.prepare(text)).not.toBe(raw.prepare(text))
      } finally {
        kysely.close()
      }
      expect(await find('first')).toEqual([])
      return
    }
    const prepared = await ctx.db.connection().execute(async (conn) => {
      for (const barcode of ['first', 'second', 'third'])
        await conn.selectFrom('cards').select('id').where('barcode', '=', barcode).execute()
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(conn)
      return rows.filter(
        (r) => r.statement.includes('"cards"') && r.statement.includes('"barcode"'),
      )
    })
    expect(prepared).toHaveLength(1)
    expect(prepared[0]?.name).toMatch(/^carrel_/)
  })
})
