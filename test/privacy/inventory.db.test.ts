import { sql, type Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { INVENTORY } from '../../src/privacy/inventory.js'
import { inventoryProblems } from '../../src/privacy/inventory-check.js'
import { RETENTION_RULES } from '../../src/privacy/retention-rules.js'
import { describeEngines } from '../harness/engines.js'

describeEngines('data inventory (P1)', (env) => {
  it('declares every live column of the records database and nothing else', async () => {
    expect(await inventoryProblems(env().ctx.db as Kysely<unknown>, 'records')).toEqual([])
  })

  it('declares every live column of the key store and nothing else', async () => {
    expect(await inventoryProblems(env().ctx.keys as Kysely<unknown>, 'keys')).toEqual([])
  })

  it('reports a column added without an entry, and an entry whose column is gone', async () => {
    const db = env().ctx.db as Kysely<unknown>
    await sql`alter table patrons add column favourite_colour text`.execute(db)
    try {
      expect(await inventoryProblems(db, 'records')).toEqual([
        {
          store: 'records',
          table: 'patrons',
          column: 'favourite_colour',
          problem: 'undeclared column',
        },
      ])
    } finally {
      await sql`alter table patrons drop column favourite_colour`.execute(db)
    }
    await sql`alter table account_notes rename column body_enc to body_text`.execute(db)
    try {
      expect(await inventoryProblems(db, 'records')).toEqual([
        {
          store: 'records',
          table: 'account_notes',
          column: 'body_text',
          problem: 'undeclared column',
        },
        {
          store: 'records',
          table: 'account_notes',
          column: 'body_enc',
          problem: 'declared but missing',
        },
      ])
    } finally {
      await sql`alter table account_notes rename column body_text to body_enc`.execute(db)
    }
  })

  it('reports every column of a whole new table nobody declared', async () => {
    const db = env().ctx.db as Kysely<unknown>
    const sorted = (ps: { table: string; column: string }[]) =>
      [...ps].sort((x, y) => `${x.table}.${x.column}`.localeCompare(`${y.table}.${y.column}`))
    const undeclared = (table: string, columns: string[]) =>
      columns.map((column) => ({
        store: 'records',
        table,
        column,
        problem: 'undeclared column',
      }))
    await sql`create table reading_wishlist (id text primary key, patron_id text, title text)`.execute(
      db,
    )
    try {
      expect(sorted(await inventoryProblems(db, 'records'))).toEqual(
        undeclared('reading_wishlist', ['id', 'patron_id', 'title']),
      )
    } finally {
      await sql`drop table reading_wishlist`.execute(db)
    }
    // A table the inventory places in the key store is undeclared in the records database: a copy
    // of the data keys beside the data they open would undo crypto-shredding.
    await sql`create table patron_keys (patron_id text, wrapped_key text, created_at text)`.execute(
      db,
    )
    try {
      expect(sorted(await inventoryProblems(db, 'records'))).toEqual(
        undeclared('patron_keys', ['created_at', 'patron_id', 'wrapped_key']),
      )
    } finally {
      await sql`drop table patron_keys`.execute(db)
    }
    expect(await inventoryProblems(db, 'records')).toEqual([])
  })
})

it('gives every column a purpose, a classification and a known retention rule', () => {
  for (const [table, entry] of Object.entries(INVENTORY)) {
    for (const [column, c] of Object.entries(entry.columns)) {
      expect(c.purpose.length, `${table}.${column}`).toBeGreaterThan(5)
      expect(RETENTION_RULES, `${table}.${column}`).toHaveProperty(c.retention)
    }
  }
})

it('marks every personal patron field as encrypted', () => {
  const personal = [
    'given_name_enc',
    'family_name_enc',
    'address_enc',
    'phone_enc',
    'email_enc',
    'licence_number_enc',
    'sex_enc',
    'birth_date_enc',
  ]
  for (const column of personal)
    expect(INVENTORY.patrons?.columns[column]?.encrypted, column).toBe(true)
  expect(INVENTORY.account_notes?.columns.body_enc?.encrypted).toBe(true)
})
