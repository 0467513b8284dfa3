// The retention sweeps over a large backlog: N returned loans that still name patrons who keep
// no history and owe nothing, returned six to eight years ago, so both series are due: 'loan-link'
// anonymises them, then 'loan-statistics' deletes them. Each through runRetention, beside the
// same statements batch by batch straight through the driver, and beside one statement.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import pg from 'pg'
import { SYSTEM_ACTOR } from '../src/actor.js'
import type { AppContext } from '../src/context.js'
import { SQLITE_FILES } from '../src/db/database.js'
import type { Engine } from '../src/db/dialect.js'
import { openSqlite } from '../src/db/sqlite.js'
import { newId } from '../src/ids.js'
import { runRetention } from '../src/privacy/retention/retention.service.js'
import type { BenchEngine } from './engines.js'
import { median, rate, table } from './harness.js'

export const SWEEP_SERIES = ['loan-link', 'loan-statistics'] as const
export type SweepSeries = (typeof SWEEP_SERIES)[number]
export const sweepName = (s: SweepSeries) => `retention sweep · ${s}`

export interface SweepOptions {
  rows: number
  rounds: number
  series: readonly SweepSeries[]
  /** Also time the fixed batches: keyset (id > last) and loans walked in id order. */
  fixed: boolean
  progress: (message: string) => void
}

type Contender = 'carrel' | 'batched' | 'fixed' | 'single'
type Row = Record<string, unknown>

const DAY = 86_400_000
const YEAR = 365 * DAY
const AUTHORITY = { application: 'B-1', item: '1' }

// ---------------------------------------------------------------------------------------------
// A driver handle of our own (not the bench's RawStores): changes counts, and the server's CPU.

interface Driver {
  engine: Engine
  all(text: string, params?: readonly unknown[]): Promise<Row[]>
  /** Rows changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>
  /** `(?*)` takes an array: a list of placeholders on SQLite, `= ANY($n)` on PostgreSQL. */
  list(column: string): string
  /** CPU seconds of this process and (PostgreSQL) of every server process on the database. */
  cpu(): Promise<number>
  close(): Promise<void>
}

const TICKS = 100 // USER_HZ on Linux

function processCpu(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

function backendCpu(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS
  } catch {
    return undefined
  }
}

function sqliteDriver(ctx: AppContext): Driver {
  const db: Database.Database = openSqlite(join(ctx.config.dataDir, SQLITE_FILES.records)).raw
  const cache = new Map<string, Database.Statement>()
  const expand = (text: string, params: readonly unknown[]): [Database.Statement, unknown[]] => {
    const flat: unknown[] = []
    let k = 0
    const sqlText = text.replace(/\?\*?/g, (mark) => {
      const v = params[k++]
      if (mark === '?') {
        flat.push(v)
        return '?'
      }
      const xs = v as unknown[]
      flat.push(...xs)
      return xs.map(() => '?').join(', ')
    })
    let stmt = cache.get(sqlText)
    if (stmt === undefined) cache.set(sqlText, (stmt = db.prepare(sqlText)))
    return [stmt, flat]
  }
  return {
    engine: 'sqlite',
    all: (text, params = []) => {
      const [stmt, flat] = expand(text, params)
      return Promise.resolve(stmt.all(flat) as Row[])
    },
    run: (text, params = []) => {
      const [stmt, flat] = expand(text, params)
      return Promise.resolve(stmt.run(flat).changes)
    },
    list: (column) => `${column} IN (?*)`,
    cpu: () => Promise.resolve(processCpu()),
    close: () => {
      db.close()
      return Promise.resolve()
    },
  }
}

async function pgDriver(ctx: AppContext): Promise<Driver> {
  const client = new pg.Client({ connectionString: ctx.config.databaseUrl })
  await client.connect()
  const names = new Map<string, string>()
  const query = (text: string, params: readonly unknown[]) => {
    let n = 0
    const sqlText = text.replace(/\?\*?/g, () => `$${++n}`)
    if (params.length === 0) return client.query(sqlText)
    let name = names.get(sqlText)
    if (name === undefined) names.set(sqlText, (name = `sweep${names.size}`))
    return client.query({ name, text: sqlText, values: [...params] })
  }
  const seen = new Map<number, number>()
  return {
    engine: 'postgres',
    all: async (text, params = []) => (await query(text, params)).rows as Row[],
    run: async (text, params = []) => (await query(text, params)).rowCount ?? 0,
    list: (column) => `${column} = ANY(?*)`,
    cpu: async () => {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
      )
      // A backend that has gone keeps the last CPU time seen for it.
      for (const { pid } of rows) {
        const t = backendCpu(pid)
        if (t !== undefined) seen.set(pid, t)
      }
      let total = processCpu()
      for (const t of seen.values()) total += t
      return total
    },
    close: () => client.end(),
  }
}

// ---------------------------------------------------------------------------------------------
// The backlog: generated by the server in one statement, ids UUIDv7-shaped and time-ordered.

interface Backlog {
  rows: number
  /** Checkout time of the first loan (ms); loans are spread over the two years after it. */
  start: number
  step: number
}

async function prepareBacklog(d: Driver, rows: number): Promise<Backlog> {
  const start = Date.now() - 8 * YEAR
  const step = Math.max(1, Math.floor((2 * YEAR) / rows))
  if (d.engine === 'sqlite') {
    await d.run('DROP TABLE IF EXISTS temp.bench_sweep_patrons')
    await d.run('DROP TABLE IF EXISTS temp.bench_sweep_items')
    await d.run(`CREATE TEMP TABLE bench_sweep_patrons AS SELECT id, category FROM patrons
                 WHERE keep_history = 0 AND status = 'active' ORDER BY id`)
    await d.run(`CREATE TEMP TABLE bench_sweep_items AS
                 SELECT id, record_id, item_type, branch FROM items ORDER BY id`)
  } else {
    await d.run('DROP TABLE IF EXISTS bench_sweep_patrons')
    await d.run('DROP TABLE IF EXISTS bench_sweep_items')
    await d.run(`CREATE TEMP TABLE bench_sweep_patrons AS
                 SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, category FROM patrons
                 WHERE keep_history = 0 AND status = 'active'`)
    await d.run(`CREATE TEMP TABLE bench_sweep_items AS
                 SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, record_id, item_type, branch
                 FROM items`)
    await d.run('ANALYZE bench_sweep_patrons')
    await d.run('ANALYZE bench_sweep_items')
  }
  return { rows, start, step }
}

const LOAN_COLUMNS =
  'id, item_id, record_id, item_type, branch, patron_category, patron_id, checked_out_at, due_at, returned_at, renewals'
const ID_FROM = (h: string, r: string) =>
  `substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-7' || substr(${r}, 1, 3) || '-8' ||
   substr(${r}, 4, 3) || '-' || substr(${r}, 7, 12)`

async function insertBacklog(d: Driver, b: Backlog): Promise<number> {
  const [patrons] = await d.all('SELECT count(*) AS n FROM bench_sweep_patrons')
  const [items] = await d.all('SELECT count(*) AS n FROM bench_sweep_items')
  const p = Number(patrons?.n ?? 0)
  const it = Number(items?.n ?? 0)
  if (d.engine === 'sqlite') {
    const at = (offset: string) =>
      `strftime('%Y-%m-%dT%H:%M:%fZ', g.ms / 1000.0${offset}, 'unixepoch')`
    return d.run(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
       INSERT INTO loans (${LOAN_COLUMNS})
       SELECT ${ID_FROM('g.h', 'g.r')}, it.id, it.record_id, it.item_type, it.branch, p.category,
              p.id, ${at('')}, ${at(' + 21 * 86400')},
              ${at(' + (1 + g.i % 20) * 86400 + 10800')}, 0
       FROM (SELECT i, ? + i * ? AS ms, printf('%012x', ? + i * ?) AS h, printf('%018x', i) AS r
             FROM n) g
       JOIN bench_sweep_patrons p ON p.rowid = g.i % ? + 1
       JOIN bench_sweep_items it ON it.rowid = (g.i * 7919) % ? + 1`,
      [b.rows, b.start, b.step, b.start, b.step, p, it],
    )
  }
  const at = (offset: string) =>
    `to_char((g.co${offset}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  return d.run(
    `INSERT INTO loans (${LOAN_COLUMNS})
     SELECT ${ID_FROM('g.h', 'g.r')}, it.id, it.record_id, it.item_type, it.branch, p.category,
            p.id, ${at('')}, ${at(" + interval '21 days'")},
            ${at(" + (1 + g.i % 20) * interval '1 day' + interval '3 hours'")}, 0
     FROM (SELECT i, to_timestamp((?::bigint + i * ?::bigint) / 1000.0) AS co,
                  lpad(to_hex(?::bigint + i * ?::bigint), 12, '0') AS h, lpad(to_hex(i), 18, '0') AS r
           FROM generate_series(0::bigint, ?::bigint - 1) AS i) g
     JOIN bench_sweep_patrons p ON p.n = g.i % ?::bigint
     JOIN bench_sweep_items it ON it.n = (g.i * 7919) % ?::bigint`,
    [b.start, b.step, b.start, b.step, b.rows, p, it],
  )
}

// ---------------------------------------------------------------------------------------------
// The sweeps, as runRetention's statements (sweeps.ts, retention.service.ts) and as one statement.

const LINKED = `FROM loans INNER JOIN patrons ON patrons.id = loans.patron_id
  WHERE loans.returned_at IS NOT NULL AND loans.returned_at < ?
    AND NOT EXISTS (SELECT fees.id FROM fees WHERE fees.loan_id = loans.id
                    AND fees.status IN ('open', 'accruing'))
    AND patrons.keep_history = 0 AND patrons.status = 'active'`
const ANONYMISE = `UPDATE loans SET patron_id = NULL, checked_out_at = substr(checked_out_at, 1, 10),
  due_at = substr(due_at, 1, 10), returned_at = substr(returned_at, 1, 10)`
const STATISTICS = `FROM loans WHERE returned_at < ? AND (patron_id IS NULL AND returned_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM fees WHERE fees.loan_id = loans.id))`

interface SweepSql {
  /**
   * Due rows, oldest first: `id` and `at`; `?` cutoff [, `?` last id], `?` limit. Fixed: each
   * batch starts after the last id done, and SQLite walks loans in id order instead of reaching
   * them through loans_patron and sorting every due row again on every batch.
   */
  batch(fixed: false | Engine): string
  apply(d: Driver): string
  /** count, lo, hi of the due rows. */
  span: string
  all: string
}

const SWEEPS: Record<SweepSeries, SweepSql> = {
  'loan-link': {
    batch: (fixed) =>
      fixed === false
        ? `SELECT loans.id, loans.returned_at AS at ${LINKED} ORDER BY loans.id LIMIT ?`
        : `SELECT loans.id, loans.returned_at AS at ${LINKED.replace(
            'INNER JOIN patrons ON patrons.id = loans.patron_id',
            'CROSS JOIN patrons',
          )} AND patrons.id = loans.patron_id AND loans.id > ? ORDER BY loans.id LIMIT ?`,
    apply: (d) => `${ANONYMISE} WHERE ${d.list('id')}`,
    span: `SELECT count(*) AS n, min(loans.returned_at) AS lo, max(loans.returned_at) AS hi ${LINKED}`,
    all: `${ANONYMISE} WHERE returned_at IS NOT NULL AND returned_at < ?
      AND patron_id IN (SELECT id FROM patrons WHERE keep_history = 0 AND status = 'active')
      AND NOT EXISTS (SELECT fees.id FROM fees WHERE fees.loan_id = loans.id
                      AND fees.status IN ('open', 'accruing'))`,
  },
  'loan-statistics': {
    batch: (fixed) =>
      fixed === false
        ? `SELECT id, returned_at AS at ${STATISTICS} ORDER BY id LIMIT ?`
        : `SELECT id, returned_at AS at ${
            fixed === 'sqlite'
              ? STATISTICS.replace('patron_id IS NULL', '+patron_id IS NULL')
              : STATISTICS
          } AND id > ? ORDER BY id LIMIT ?`,
    apply: (d) => `DELETE FROM loans WHERE ${d.list('id')}`,
    span: `SELECT count(*) AS n, min(returned_at) AS lo, max(returned_at) AS hi ${STATISTICS}`,
    all: `DELETE ${STATISTICS}`,
  },
}

const METHOD: Record<SweepSeries, string> = {
  'loan-link': 'anonymise',
  'loan-statistics': 'delete',
}

function cutoff(series: SweepSeries, now: Date): string {
  const days = series === 'loan-link' ? 0 : 5 * 365
  return new Date(now.getTime() - days * DAY).toISOString()
}

/** noteDisposal: read this run's record, then insert it or add to it. */
async function noteDisposal(
  d: Driver,
  series: SweepSeries,
  id: string,
  count: number,
  from: string,
  to: string,
): Promise<void> {
  const [existing] = await d.all('SELECT * FROM disposal_records WHERE id = ?', [id])
  if (existing === undefined) {
    await d.run(
      `INSERT INTO disposal_records (id, series, authority, method, count, covered_from, covered_to, ran_at, ran_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        series,
        `Application ${AUTHORITY.application}, item ${AUTHORITY.item}`,
        METHOD[series],
        count,
        from.slice(0, 10),
        to.slice(0, 10),
        new Date().toISOString(),
        'system:carrel',
      ],
    )
    return
  }
  const lo = existing.covered_from as string
  const hi = existing.covered_to as string
  await d.run(
    'UPDATE disposal_records SET count = ?, covered_from = ?, covered_to = ? WHERE id = ?',
    [
      Number(existing.count) + count,
      from.slice(0, 10) < lo ? from.slice(0, 10) : lo,
      to.slice(0, 10) > hi ? to.slice(0, 10) : hi,
      id,
    ],
  )
}

/** runRetention's loop, statement for statement (or `fixed`: see SweepSql.batch). */
async function rawBatched(
  d: Driver,
  series: SweepSeries,
  limit: number,
  fixed: boolean,
): Promise<number> {
  await d.all('SELECT series, patron_id FROM legal_holds WHERE lifted_at IS NULL')
  const s = SWEEPS[series]
  const due = cutoff(series, new Date())
  const id = newId()
  let done = 0
  let last = ''
  for (;;) {
    await d.run('BEGIN')
    const rows = await d.all(s.batch(fixed && d.engine), fixed ? [due, last, limit] : [due, limit])
    if (rows.length > 0) {
      await d.run(s.apply(d), [rows.map((r) => r.id)])
      const dates = rows.map((r) => String(r.at)).sort()
      await noteDisposal(d, series, id, rows.length, dates[0] ?? '', dates[dates.length - 1] ?? '')
      done += rows.length
      last = String(rows[rows.length - 1]?.id)
    }
    await d.run('COMMIT')
    if (rows.length < limit) return done
  }
}

/** One statement for the lot, with the disposal record (its dates from one aggregate first). */
async function rawSingle(d: Driver, series: SweepSeries): Promise<number> {
  await d.all('SELECT series, patron_id FROM legal_holds WHERE lifted_at IS NULL')
  const s = SWEEPS[series]
  const due = cutoff(series, new Date())
  await d.run('BEGIN')
  const [span] = await d.all(s.span, [due])
  const n = await d.run(s.all, [due])
  if (n > 0) await noteDisposal(d, series, newId(), n, String(span?.lo), String(span?.hi))
  await d.run('COMMIT')
  return n
}

async function carrelSweep(ctx: AppContext, series: SweepSeries): Promise<number> {
  const config = {
    ...ctx.config,
    retention: { ...ctx.config.retention, authorities: { [series]: AUTHORITY } },
  }
  const results = await runRetention({ ...ctx, config }, SYSTEM_ACTOR)
  return results.find((r) => r.series === series)?.disposed ?? 0
}

// ---------------------------------------------------------------------------------------------

interface Sample {
  seconds: number
  cpu: number
  rows: number
}

export interface SweepRow {
  name: string
  median: Partial<Record<Contender, number>>
  cpu: Partial<Record<Contender, number>>
  ratio: Partial<Record<Contender, number>>
  spread: number
  warnings: string[]
}

/** PostgreSQL: what autovacuum would get round to, done now so that it does not run mid-sweep. */
async function vacuum(d: Driver): Promise<void> {
  if (d.engine === 'postgres') await d.run('VACUUM ANALYZE loans')
}

export async function runRetentionBench(b: BenchEngine, o: SweepOptions): Promise<SweepRow[]> {
  const d = b.engine === 'sqlite' ? sqliteDriver(b.ctx) : await pgDriver(b.ctx)
  const limit = b.ctx.config.retention.batchSize
  const contenders: Contender[] = [
    'carrel',
    'batched',
    ...(o.fixed ? ['fixed' as const] : []),
    'single',
  ]
  const sweep = (c: Contender, series: SweepSeries): Promise<number> =>
    c === 'carrel'
      ? carrelSweep(b.ctx, series)
      : c === 'single'
        ? rawSingle(d, series)
        : rawBatched(d, series, limit, c === 'fixed')
  const samples = new Map<string, Sample[]>()
  const warnings: Record<SweepSeries, string[]> = { 'loan-link': [], 'loan-statistics': [] }
  try {
    const backlog = await prepareBacklog(d, o.rows)
    let analysed = false
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse()
      for (const c of order) {
        o.progress(
          `${b.engine}: round ${round + 1}/${o.rounds}, ${c}: seeding ${o.rows.toLocaleString('en-US')} loans`,
        )
        const inserted = await insertBacklog(d, backlog)
        if (inserted !== o.rows) throw new Error(`backlog: inserted ${inserted} of ${o.rows}`)
        if (b.engine === 'sqlite' && !analysed) await d.run('ANALYZE loans')
        analysed = true
        await vacuum(d)
        for (const series of SWEEP_SERIES) {
          const timed = o.series.includes(series)
          const c0 = await d.cpu()
          const t0 = performance.now()
          const n = timed ? await sweep(c, series) : await rawSingle(d, series)
          const seconds = (performance.now() - t0) / 1000
          const cpu = (await d.cpu()) - c0
          if (n !== o.rows)
            warnings[series].push(
              `${c} disposed of ${n.toLocaleString('en-US')} rows, expected ${o.rows.toLocaleString('en-US')}`,
            )
          if (timed) {
            const key = `${series}/${c}`
            samples.set(key, [...(samples.get(key) ?? []), { seconds, cpu, rows: n }])
          }
          if (series === 'loan-link') await vacuum(d)
        }
      }
    }
  } finally {
    await d.close()
  }
  return o.series.map((series): SweepRow => {
    const of = (c: Contender) => samples.get(`${series}/${c}`) ?? []
    const rates = (c: Contender) => of(c).map((s) => s.rows / s.seconds)
    const med = Object.fromEntries(contenders.map((c) => [c, median(rates(c))]))
    const cpu = Object.fromEntries(
      contenders.map((c) => [c, median(of(c).map((s) => (s.cpu / s.rows) * 1e6))]),
    )
    const carrel = rates('carrel')
    const ratio = Object.fromEntries(
      contenders.map((c) => [c, median(carrel.map((v, i) => v / (rates(c)[i] ?? NaN)))]),
    )
    const spread = Math.max(
      ...contenders.map((c) => (Math.max(...rates(c)) - Math.min(...rates(c))) / median(rates(c))),
    )
    return {
      name: sweepName(series),
      median: med,
      cpu,
      ratio,
      spread,
      warnings: [...new Set(warnings[series])],
    }
  })
}

export function sweepTable(rows: readonly SweepRow[], fixed: boolean): string {
  const cs: Contender[] = ['carrel', 'batched', ...(fixed ? ['fixed' as const] : []), 'single']
  const label: Record<Contender, string> = {
    carrel: 'Carrel',
    batched: 'batched',
    fixed: 'fixed',
    single: '1 stmt',
  }
  const headers = [
    'workload',
    'rows/s: Carrel',
    ...cs.slice(1).flatMap((c) => [label[c], `Carrel÷${label[c]}`]),
    'CPU s/1M rows: ' + cs.map((c) => label[c]).join(' / '),
    'spread',
  ]
  return table(
    headers,
    rows.map((r) => [
      r.name,
      rate(r.median.carrel ?? NaN),
      ...cs.slice(1).flatMap((c) => [rate(r.median[c] ?? NaN), (r.ratio[c] ?? NaN).toFixed(2)]),
      cs.map((c) => (r.cpu[c] ?? NaN).toFixed(1)).join(' / '),
      `${Math.round(r.spread * 100)}%`,
    ]),
  )
}
