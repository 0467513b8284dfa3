// The raw baseline: the statements a hand-written data layer would run, straight through the
// drivers. A workload is written once, as a generator that yields statements and receives
// their rows, and each driver runs it: synchronously on better-sqlite3 (no promise per
// statement, which is what makes it the limit), asynchronously on one pg client per store.
import type Database from 'better-sqlite3'
import pg from 'pg'
import { LOCKS } from '../src/db/locks.js'
import { AUDIT_CHAINS } from '../src/privacy/audit-hash.js'

export type Store = 'records' | 'keys'
export type Row = Record<string, unknown>

/**
 * `sql` uses `?` placeholders; `IN (?*)` takes one array parameter (SQLite expands it to a
 * list, PostgreSQL binds it as `= ANY($n)`).
 */
export type Step =
  | { op: 'sql'; store: Store; sql: string; params: readonly unknown[] }
  | { op: 'insert'; store: Store; table: string; rows: readonly object[] }
  /**
   * A free audit chain's writer lock, as appendAudit takes it (PostgreSQL: try each from a random
   * one, wait only when all are held); yields one row, `chain`. SQLite's single writer takes none: chain 0.
   */
  | { op: 'auditLock' }
  /** `count` new audit `seq` numbers, as db/sequence.ts draws them; one row `n` each. */
  | { op: 'auditSeq'; count: number }

export type Plan<T> = Generator<Step, T, Row[]>

export const sql = (store: Store, text: string, ...params: unknown[]): Step => ({
  op: 'sql',
  store,
  sql: text,
  params,
})
export const insert = (store: Store, table: string, rows: readonly object[]): Step => ({
  op: 'insert',
  store,
  table,
  rows,
})

export interface RawStores {
  /** Runs a plan; returns synchronously on SQLite. */
  run<T>(plan: Plan<T>): T | Promise<T>
  close(): Promise<void>
}

const LIST = /IN \(\?\*\)/g

/** Placeholders map to parameters in order; a list placeholder becomes one `?` per element. */
function expandLists(step: { sql: string; params: readonly unknown[] }): [string, unknown[]] {
  const params: unknown[] = []
  let k = 0
  const text = step.sql.replace(/\?\*?/g, (mark) => {
    const value = step.params[k++]
    if (mark === '?') {
      params.push(value)
      return '?'
    }
    const list = value as unknown[]
    params.push(...list)
    return list.map(() => '?').join(', ')
  })
  return [text, params]
}

export function sqliteRaw(handles: Record<Store, Database.Database>): RawStores {
  const cache = new Map<string, Database.Statement>()
  const prepare = (store: Store, text: string) => {
    const key = `${store}\u0000${text}`
    let stmt = cache.get(key)
    if (stmt === undefined) {
      stmt = handles[store].prepare(text)
      cache.set(key, stmt)
    }
    return stmt
  }
  const exec = (step: Step): Row[] => {
    if (step.op === 'auditLock') return [{ chain: 0 }]
    if (step.op === 'auditSeq') {
      const last = prepare('records', 'SELECT max(seq) AS n FROM audit_log').get() as Row
      return Array.from({ length: step.count }, (_, i) => ({ n: Number(last.n ?? 0) + i + 1 }))
    }
    if (step.op === 'insert') {
      const cols = Object.keys(step.rows[0] ?? {})
      const text = `INSERT INTO ${step.table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`
      const stmt = prepare(step.store, text)
      for (const row of step.rows) stmt.run(row)
      return []
    }
    const [text, params] = step.sql.includes('?*') ? expandLists(step) : [step.sql, step.params]
    const stmt = prepare(step.store, text)
    if (stmt.reader) return stmt.all(params) as Row[]
    stmt.run(params)
    return []
  }
  return {
    run<T>(plan: Plan<T>): T {
      try {
        let next = plan.next()
        while (next.done !== true) next = plan.next(exec(next.value))
        return next.value
      } catch (err) {
        for (const db of Object.values(handles)) if (db.inTransaction) db.exec('ROLLBACK')
        throw err
      }
    },
    close() {
      for (const db of Object.values(handles)) db.close()
      return Promise.resolve()
    },
  }
}

export async function pgRaw(urls: Record<Store, string>): Promise<RawStores> {
  const clients = {
    records: new pg.Client({ connectionString: urls.records }),
    keys: new pg.Client({ connectionString: urls.keys }),
  }
  await Promise.all([clients.records.connect(), clients.keys.connect()])
  // Named statements: the server parses and plans each text once per connection.
  const names = new Map<string, string>()
  const named = (text: string) => {
    let name = names.get(text)
    if (name === undefined) names.set(text, (name = `raw${names.size}`))
    return name
  }
  const query = async (store: Store, text: string, values: readonly unknown[]): Promise<Row[]> => {
    const client = clients[store]
    if (values.length === 0) return (await client.query(text)).rows as Row[]
    return (await client.query({ name: named(text), text, values: [...values] })).rows as Row[]
  }
  const auditLock = async (): Promise<Row[]> => {
    const start = Math.floor(Math.random() * AUDIT_CHAINS)
    for (let i = 0; i < AUDIT_CHAINS; i++) {
      const chain = (start + i) % AUDIT_CHAINS
      const [row] = await query('records', 'SELECT pg_try_advisory_xact_lock($1) AS got', [
        LOCKS.auditChainBase + chain,
      ])
      if (row?.got === true) return [{ chain }]
    }
    await query('records', 'SELECT pg_advisory_xact_lock($1)', [LOCKS.auditChainBase + start])
    return [{ chain: start }]
  }
  const exec = (step: Step): Promise<Row[]> => {
    if (step.op === 'auditLock') return auditLock()
    if (step.op === 'auditSeq')
      return query(
        'records',
        "SELECT nextval('audit_log_seq_seq') AS n FROM generate_series(1, $1::integer)",
        [step.count],
      )
    if (step.op === 'insert') {
      const cols = Object.keys(step.rows[0] ?? {}).join(', ')
      if (step.rows.length === 1) {
        const row = (step.rows[0] ?? {}) as Row
        const marks = Object.keys(row).map((_, i) => `$${i + 1}`)
        return query(
          step.store,
          `INSERT INTO ${step.table} (${cols}) VALUES (${marks.join(', ')})`,
          Object.values(row),
        )
      }
      const text = `INSERT INTO ${step.table} (${cols}) SELECT ${cols} FROM json_populate_recordset(null::${step.table}, $1)`
      return query(step.store, text, [JSON.stringify(step.rows)])
    }
    let n = 0
    const text = step.sql.replace(LIST, '= ANY(?)').replace(/\?/g, () => `$${++n}`)
    return query(step.store, text, step.params)
  }
  return {
    async run<T>(plan: Plan<T>): Promise<T> {
      try {
        let next = plan.next()
        while (next.done !== true) next = plan.next(await exec(next.value))
        return next.value
      } catch (err) {
        await Promise.all(
          Object.values(clients).map((c) => c.query('ROLLBACK').catch(() => undefined)),
        )
        throw err
      }
    },
    async close() {
      await Promise.all(Object.values(clients).map((c) => c.end()))
    },
  }
}
