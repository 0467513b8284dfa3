// The retention sweeps over a large backlog. Returned means forgotten: check-in, settlement and
// the hold and fee services delete their rows as each purpose ends, and statistics live in
// anonymous count cells, so a sweep no longer works through millions of anonymised loans. What
// is still large is measured here, each series on a backlog of N rows, all due:
//   loan-link        the P3 backstop: N returned loans still naming patrons who keep no history
//                    and owe nothing (returned 1–3 years ago, as after a bulk import from another
//                    system, or a check-in that failed to forget), joined to patrons, deleted.
//   notices          N notices queued 31 days to 2 years ago, half of them sent (a library whose
//                    sweep had not run): the outbox is the biggest table a sweep still empties.
//   loan-statistics  N daily circulation_counts cells past the five years (every branch × item
//                    type × category × event, day after day), the shape hold- and fee-statistics
//                    share (a plain date test on a small table, no join).
// Each through runRetention with an authority for that series alone, beside the same statements
// batch by batch straight through the driver, and beside one statement. runRetention ends with
// compactAfterSweep (SQLite: WALs truncated; PostgreSQL: VACUUM FULL of the circulation tables,
// pg_statistic and the key store's data keys); here that is switched off in the sweeps and timed
// on its own (its {ms}), once after each contender's three sweeps.
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
import { compactAfterSweep } from '../src/privacy/retention/compaction.js'
import { runRetention } from '../src/privacy/retention/retention.service.js'
import { cutoffFor } from '../src/privacy/retention/schedule.js'
import type { BenchEngine } from './engines.js'
import { median, rate, table } from './harness.js'

export const SWEEP_SERIES = ['loan-link', 'notices', 'loan-statistics'] as const
export type SweepSeries = (typeof SWEEP_SERIES)[number]
export const sweepName = (s: SweepSeries) => `retention sweep · ${s}`

export interface SweepOptions {
  rows: number
  rounds: number
  series: readonly SweepSeries[]
  progress: (message: string) => void
}

type Contender = 'carrel' | 'batched' | 'single'
const CONTENDERS: readonly Contender[] = ['carrel', 'batched', 'single']
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
// The backlogs: generated by the server, one statement per series, ids random (UUIDv4-shaped).

/** Cells per day: 3 branches × 4 item types × 3 patron categories × 4 events. */
const GRID = 144

async function prepareBacklog(d: Driver): Promise<void> {
  const temp = d.engine === 'sqlite' ? 'temp.' : ''
  for (const t of ['bench_sweep_patrons', 'bench_sweep_items', 'bench_sweep_grid'])
    await d.run(`DROP TABLE IF EXISTS ${temp}${t}`)
  const n = (order: string) =>
    d.engine === 'sqlite' ? '' : `row_number() OVER (ORDER BY ${order}) - 1 AS n, `
  await d.run(`CREATE TEMP TABLE bench_sweep_patrons AS SELECT ${n('id')}id, category FROM patrons
               WHERE keep_history = 0 AND status = 'active' ORDER BY id`)
  await d.run(`CREATE TEMP TABLE bench_sweep_items AS
               SELECT ${n('id')}id, record_id, item_type, branch FROM items ORDER BY id`)
  const values = (xs: string[]) =>
    `(${xs.map((x, i) => `SELECT '${x}'${i === 0 ? ' AS v' : ''}`).join(' UNION ALL ')})`
  await d.run(`CREATE TEMP TABLE bench_sweep_grid AS
    SELECT ${n('b.v, t.v, c.v, e.v')}b.v AS branch, t.v AS item_type, c.v AS category, e.v AS event
    FROM ${values(['main', 'east', 'west'])} b
    CROSS JOIN ${values(['book', 'dvd', 'magazine', 'reference'])} t
    CROSS JOIN ${values(['adult', 'child', 'senior'])} c
    CROSS JOIN ${values(['checkout', 'renewal', 'checkin', 'lost'])} e
    ORDER BY b.v, t.v, c.v, e.v`)
  if (d.engine === 'postgres')
    for (const t of ['bench_sweep_patrons', 'bench_sweep_items', 'bench_sweep_grid'])
      await d.run(`ANALYZE ${t}`)
}

const LOAN_COLUMNS =
  'id, item_id, record_id, item_type, branch, patron_category, patron_id, checked_out_at, due_at, returned_at, renewals'

/** Per engine: the row numbers 0..N-1 as `g(i)`, a random id, an ISO time from epoch ms, a join key. */
interface Gen {
  series(rows: number): string
  uuid: string
  at(ms: string): string
  /** The row of a temp table numbered from 0 (`key` taken modulo its size). */
  nth(alias: string, key: string, size: number): string
  dayBefore(day: string, days: string): string
}

const GEN: Record<Engine, Gen> = {
  sqlite: {
    series: (rows) =>
      `(WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows} - 1)
        SELECT i FROM n) g`,
    uuid: `(SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' ||
              substr('89ab', 1 + abs(random()) % 4, 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)
            FROM (SELECT lower(hex(randomblob(16))) AS h WHERE g.i IS NOT NULL))`,
    at: (ms) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`,
    nth: (alias, key, size) => `${alias}.rowid = (${key}) % ${size} + 1`,
    dayBefore: (day, days) => `date('${day}', '-' || (${days}) || ' days')`,
  },
  postgres: {
    series: (rows) => `generate_series(0::bigint, ${rows}::bigint - 1) AS g(i)`,
    uuid: 'gen_random_uuid()::text',
    at: (ms) =>
      `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    nth: (alias, key, size) => `${alias}.n = (${key}) % ${size}`,
    dayBefore: (day, days) => `to_char(date '${day}' - (${days})::int, 'YYYY-MM-DD')`,
  },
}

async function insertBacklog(d: Driver, series: SweepSeries, rows: number): Promise<number> {
  const g = GEN[d.engine]
  const size = async (t: string) => Number((await d.all(`SELECT count(*) AS n FROM ${t}`))[0]?.n)
  const now = Date.now()
  if (series === 'loan-link') {
    const [p, it] = [await size('bench_sweep_patrons'), await size('bench_sweep_items')]
    // Lent over two years, returned 1 to 20 days after, the last a year ago.
    const co = `${now - 3 * YEAR} + g.i * ${Math.max(1, Math.floor((2 * YEAR) / rows))}`
    return d.run(
      `INSERT INTO loans (${LOAN_COLUMNS})
       SELECT ${g.uuid}, it.id, it.record_id, it.item_type, it.branch, p.category, p.id,
              ${g.at(co)}, ${g.at(`${co} + ${21 * DAY}`)},
              ${g.at(`${co} + (1 + g.i % 20) * ${DAY} + ${3 * 3_600_000}`)}, 0
       FROM ${g.series(rows)}
       JOIN bench_sweep_patrons p ON ${g.nth('p', 'g.i', p)}
       JOIN bench_sweep_items it ON ${g.nth('it', 'g.i * 7919', it)}`,
    )
  }
  if (series === 'notices') {
    const p = await size('bench_sweep_patrons')
    const at = `${now - 2 * YEAR - 31 * DAY} + g.i * ${Math.max(1, Math.floor((2 * YEAR) / rows))}`
    return d.run(
      `INSERT INTO notice_outbox (id, patron_id, kind, payload, created_at, sent_at)
       SELECT ${g.uuid}, p.id,
              CASE g.i % 3 WHEN 0 THEN 'hold_ready' WHEN 1 THEN 'overdue' ELSE 'due_soon' END,
              '{"pickupCode":"ACD-EFG","branch":"main","expiresOn":"2024-01-01"}',
              ${g.at(at)}, CASE WHEN g.i % 2 = 0 THEN ${g.at(`${at} + 3600000`)} END
       FROM ${g.series(rows)}
       JOIN bench_sweep_patrons p ON ${g.nth('p', 'g.i * 7919', p)}`,
    )
  }
  // Every cell of every day, going back from the day before the five years began.
  const first = cutoffFor('loan-statistics', new Date(now))?.toISOString().slice(0, 10) ?? ''
  return d.run(
    `INSERT INTO circulation_counts (id, day, branch, item_type, patron_category, event, count)
     SELECT ${g.uuid}, ${g.dayBefore(first, `1 + g.i / ${GRID}`)}, c.branch, c.item_type,
            c.category, c.event, 1 + g.i % 17
     FROM ${g.series(rows)}
     JOIN bench_sweep_grid c ON ${g.nth('c', 'g.i', GRID)}`,
  )
}

// ---------------------------------------------------------------------------------------------
// The sweeps, as runRetention's statements (sweeps.ts, retention.service.ts) and as one statement.

const LINKED = `FROM loans INNER JOIN patrons ON patrons.id = loans.patron_id
  WHERE loans.returned_at IS NOT NULL AND loans.returned_at < ?
    AND NOT EXISTS (SELECT fees.id FROM fees WHERE fees.loan_id = loans.id)
    AND patrons.keep_history = ? AND patrons.status = ?`

interface SweepSql {
  table: string
  /** Due rows in key order, `id` and `at`: `?` cutoff [, the linkedLoans flags] [, `?` last id], `?` limit. */
  batch(after: boolean): string
  /** Parameters the due test binds after the cutoff (Kysely binds literals as parameters). */
  flags: unknown[]
  /** count, lo, hi of the due rows. */
  span: string
  all: string
  /** The cutoff as the sweep compares it (whole days for the counts). */
  cutoff(now: Date): string
}

const cut = (series: SweepSeries, now: Date, length?: number) =>
  (cutoffFor(series, now)?.toISOString() ?? '').slice(0, length)

const SWEEPS: Record<SweepSeries, SweepSql> = {
  // linkedLoans + forgetBatch
  'loan-link': {
    table: 'loans',
    batch: (after) =>
      `SELECT loans.id, loans.returned_at AS at ${LINKED}${after ? ' AND loans.id > ?' : ''}
       ORDER BY loans.id LIMIT ?`,
    flags: [0, 'active'],
    span: `SELECT count(*) AS n, min(loans.returned_at) AS lo, max(loans.returned_at) AS hi ${LINKED}`,
    all: `DELETE FROM loans WHERE returned_at IS NOT NULL AND returned_at < ?
      AND NOT EXISTS (SELECT fees.id FROM fees WHERE fees.loan_id = loans.id)
      AND patron_id IN (SELECT id FROM patrons WHERE keep_history = ? AND status = ?)`,
    cutoff: (now) => cut('loan-link', now),
  },
  // DELETE_SWEEPS.notices
  notices: {
    table: 'notice_outbox',
    batch: (after) =>
      `SELECT id AS id, created_at AS at FROM notice_outbox WHERE created_at < ?${
        after ? ' AND id > ?' : ''
      } ORDER BY id LIMIT ?`,
    flags: [],
    span: 'SELECT count(*) AS n, min(created_at) AS lo, max(created_at) AS hi FROM notice_outbox WHERE created_at < ?',
    all: 'DELETE FROM notice_outbox WHERE created_at < ?',
    cutoff: (now) => cut('notices', now),
  },
  // DELETE_SWEEPS['loan-statistics'] (cutoffLength 10)
  'loan-statistics': {
    table: 'circulation_counts',
    batch: (after) =>
      `SELECT id AS id, day AS at FROM circulation_counts WHERE day < ?${
        after ? ' AND id > ?' : ''
      } ORDER BY id LIMIT ?`,
    flags: [],
    span: 'SELECT count(*) AS n, min(day) AS lo, max(day) AS hi FROM circulation_counts WHERE day < ?',
    all: 'DELETE FROM circulation_counts WHERE day < ?',
    cutoff: (now) => cut('loan-statistics', now, 10),
  },
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
        'delete',
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

/**
 * runRetention's loop, statement for statement: per batch BEGIN, due keys in key order (after
 * the first batch, only those after the last key done), DELETE … WHERE id IN (…), the disposal
 * record, COMMIT. The one difference: the id list is one array parameter on PostgreSQL
 * (`= ANY($1)`), where Kysely sends one placeholder per id.
 */
async function rawBatched(d: Driver, series: SweepSeries, limit: number): Promise<number> {
  await d.all('SELECT series, patron_id FROM legal_holds WHERE lifted_at IS NULL')
  const s = SWEEPS[series]
  const due = s.cutoff(new Date())
  const id = newId()
  let done = 0
  let last: string | undefined
  for (;;) {
    await d.run('BEGIN')
    const rows = await d.all(s.batch(last !== undefined), [
      due,
      ...s.flags,
      ...(last === undefined ? [] : [last]),
      limit,
    ])
    if (rows.length > 0) {
      await d.run(`DELETE FROM ${s.table} WHERE ${d.list('id')}`, [rows.map((r) => r.id)])
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
  const due = s.cutoff(new Date())
  await d.run('BEGIN')
  const [span] = await d.all(s.span, [due, ...s.flags])
  const n = await d.run(s.all, [due, ...s.flags])
  if (n > 0) await noteDisposal(d, series, newId(), n, String(span?.lo), String(span?.hi))
  await d.run('COMMIT')
  return n
}

/** runRetention with an authority for this series only, and without its compaction (timed apart). */
async function carrelSweep(ctx: AppContext, series: SweepSeries): Promise<number> {
  const config = {
    ...ctx.config,
    retention: {
      ...ctx.config.retention,
      authorities: { [series]: AUTHORITY },
      compactAfterSweep: false,
    },
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

export interface Compaction {
  /** compactAfterSweep's own time (its {ms}), once after each contender's sweeps, per round. */
  ms: number[]
  done: string[]
  skipped: string[]
}

export interface RetentionReport {
  rows: SweepRow[]
  compaction: Compaction
}

/** PostgreSQL: what autovacuum would get round to, done now so that it does not run mid-sweep. */
async function vacuum(d: Driver): Promise<void> {
  if (d.engine === 'postgres')
    await d.run('VACUUM ANALYZE loans, notice_outbox, circulation_counts')
}

export async function runRetentionBench(b: BenchEngine, o: SweepOptions): Promise<RetentionReport> {
  const d = b.engine === 'sqlite' ? sqliteDriver(b.ctx) : await pgDriver(b.ctx)
  const limit = b.ctx.config.retention.batchSize
  const sweep = (c: Contender, series: SweepSeries): Promise<number> =>
    c === 'carrel'
      ? carrelSweep(b.ctx, series)
      : c === 'single'
        ? rawSingle(d, series)
        : rawBatched(d, series, limit)
  const samples = new Map<string, Sample[]>()
  const warnings = new Map<SweepSeries, string[]>(SWEEP_SERIES.map((s) => [s, []]))
  const compaction: Compaction = { ms: [], done: [], skipped: [] }
  try {
    await prepareBacklog(d)
    let analysed = false
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse()
      for (const c of order) {
        o.progress(
          `${b.engine}: round ${round + 1}/${o.rounds}, ${c}: seeding ${o.rows.toLocaleString('en-US')} rows per series`,
        )
        for (const series of SWEEP_SERIES) {
          const inserted = await insertBacklog(d, series, o.rows)
          if (inserted !== o.rows) throw new Error(`${series} backlog: ${inserted} of ${o.rows}`)
        }
        if (b.engine === 'sqlite' && !analysed)
          for (const t of ['loans', 'notice_outbox', 'circulation_counts'])
            await d.run(`ANALYZE ${t}`)
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
            warnings
              .get(series)
              ?.push(
                `${c} disposed of ${n.toLocaleString('en-US')} rows, expected ${o.rows.toLocaleString('en-US')}`,
              )
          if (timed) {
            const key = `${series}/${c}`
            samples.set(key, [...(samples.get(key) ?? []), { seconds, cpu, rows: n }])
          }
        }
        // What runRetention does last, timed by itself (its result carries its own ms).
        const r = await compactAfterSweep(b.ctx)
        compaction.ms.push(r.ms)
        compaction.done = r.done
        compaction.skipped = r.skipped.map((x) => `${x.name} (${x.reason})`)
      }
    }
  } finally {
    await d.close()
  }
  const rows = o.series.map((series): SweepRow => {
    const of = (c: Contender) => samples.get(`${series}/${c}`) ?? []
    const rates = (c: Contender) => of(c).map((s) => s.rows / s.seconds)
    const med = Object.fromEntries(CONTENDERS.map((c) => [c, median(rates(c))]))
    const cpu = Object.fromEntries(
      CONTENDERS.map((c) => [c, median(of(c).map((s) => (s.cpu / s.rows) * 1e6))]),
    )
    const carrel = rates('carrel')
    const ratio = Object.fromEntries(
      CONTENDERS.map((c) => [c, median(carrel.map((v, i) => v / (rates(c)[i] ?? NaN)))]),
    )
    const spread = Math.max(
      ...CONTENDERS.map((c) => (Math.max(...rates(c)) - Math.min(...rates(c))) / median(rates(c))),
    )
    return {
      name: sweepName(series),
      median: med,
      cpu,
      ratio,
      spread,
      warnings: [...new Set(warnings.get(series))],
    }
  })
  return { rows, compaction }
}

export function sweepTable(rows: readonly SweepRow[]): string {
  const cs = CONTENDERS
  const label: Record<Contender, string> = {
    carrel: 'Carrel',
    batched: 'batched',
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

export function compactionLine(c: Compaction): string {
  const ms = [...c.ms].sort((x, y) => x - y)
  return (
    `  compactAfterSweep (not in the rates above): median ${median(ms).toFixed(0)} ms ` +
    `(${ms.join(', ')} ms) over ${c.done.join(', ') || 'nothing'}` +
    (c.skipped.length > 0 ? `; skipped ${c.skipped.join(', ')}` : '')
  )
}
