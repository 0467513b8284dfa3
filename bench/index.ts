// `npm run bench`: each workload through Carrel beside its raw limit, per engine.
//   BENCH_ENGINES=sqlite,postgres  BENCH_PATRONS=100000  BENCH_ROUNDS=7  BENCH_ROUND_MS=400
//   BENCH_ITEMS=30000  BENCH_LANES=1000  BENCH_LISTEN_PAIRS=100          (circulation)
//   BENCH_SWEEP_ROWS=200000  BENCH_SWEEP_ROUNDS=1  (retention: rows per series; 3 series × 3
//   contenders each reseed and sweep that many rows, so the time grows with it)
//   BENCH_TRACE=1  (list the statements one checkout + check-in issues through Carrel)
//   BENCH_ONLY=<part of a workload name, any case>  (for profiling one workload; "sip2" for SIP2,
//   "instances" for one and two carrel serve processes on one PostgreSQL database)
//   BENCH_INSTANCE_PATRONS=20000  BENCH_INSTANCE_ITEMS=20000  BENCH_INSTANCE_CLIENTS=8
//   BENCH_INSTANCE_ROUNDS=5  BENCH_INSTANCE_ROUND_MS=3000  (instances)
//   BENCH_SEARCH_RECORDS=20000  (catalog search: titles seeded; "catalog search" for BENCH_ONLY)
//   BENCH_NOTICES=2000  BENCH_NOTICE_ROUNDS=5  (notices over SMTP; "notices" for BENCH_ONLY)
//   BENCH_KIOSKS=500  BENCH_HEARTBEAT_MS=1000  BENCH_HEARTBEAT_CONCURRENCY=8  (public computers:
//   sign-ins and heartbeats on SSE; "public computers" for BENCH_ONLY)
//   BENCH_BEACON_MS=1000  BENCH_BEACON_CONCURRENCY=8  BENCH_FLUSH_EVENTS=5000  (website statistics:
//   beacons over HTTP and batched ingestion; "website statistics" for BENCH_ONLY)
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import type { Actor } from '../src/actor.js'
import { SYSTEM_ACTOR } from '../src/actor.js'
import { createStaff } from '../src/staff/staff.service.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { postgresEngine, sqliteEngine, type BenchEngine } from './engines.js'
import { measure, resultTable, type CaseResult, type Timing } from './harness.js'
import {
  CIRCULATION_GROUPS,
  circTable,
  groupName,
  runCirculationBench,
  secureDeleteTable,
} from './circulation.bench.js'
import { patronCases } from './patrons.bench.js'
import {
  compactionLine,
  runRetentionBench,
  SWEEP_SERIES,
  sweepName,
  sweepTable,
} from './retention.bench.js'
import { seedCirculation } from './seed-circulation.js'
import { checkSeed, seedPatrons, type Seeded } from './seed-patrons.js'
import { INSTANCES_NAME, runInstancesBench } from './instances.bench.js'
import { runSip2Bench, SIP2_NAME } from './sip2.bench.js'
import { runSearchBench, SEARCH_NAME } from './search.bench.js'
import { NOTICES_NAME, runNoticesBench } from './notices.bench.js'
import { COMPUTERS_NAME, runComputersBench } from './computers.bench.js'
import { runStatisticsBench, STATISTICS_NAME } from './statistics.bench.js'

const env = process.env
const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
const patrons = Number(env.BENCH_PATRONS ?? 100_000)
const only = env.BENCH_ONLY
const timing: Timing = {
  rounds: Number(env.BENCH_ROUNDS ?? 7),
  roundMs: Number(env.BENCH_ROUND_MS ?? 400),
  warmupMs: 300,
}
const items = Number(env.BENCH_ITEMS ?? 30_000)
const lanes = Math.min(Number(env.BENCH_LANES ?? 1000), Math.floor(patrons / 4))
const listenPairs = Number(env.BENCH_LISTEN_PAIRS ?? 100)
const sweepRows = Number(env.BENCH_SWEEP_ROWS ?? 200_000)
const sweepRounds = Number(env.BENCH_SWEEP_ROUNDS ?? 1)
const wants = (name: string) =>
  only === undefined || name.toLowerCase().includes(only.toLowerCase())
const circGroups = CIRCULATION_GROUPS.filter((g) => wants(groupName(g)))
const sweepSeries = SWEEP_SERIES.filter((s) => wants(sweepName(s)))

const LEGEND = `
  Carrel    the service call: registerPatron(ctx, SYSTEM_ACTOR, input) / findPatrons(ctx, desk, query),
            desk = a circulation staff member. Registrations carry every optional field and NO PIN
            (Argon2id would dominate and is not what is measured here).
  raw       the same statements, prepared, straight through the driver (better-sqlite3 synchronously;
            pg: one client per store, named statements), WITH the crypto the job needs:
            register: fresh data key wrapped (AES-256-GCM), 8 fields sealed, blind-index HMACs,
              audit entries hashed; key-store INSERT, then BEGIN; patrons INSERT; patron_lookup INSERT
              per digest; [PostgreSQL: one chain's advisory lock, seq from a sequence]; the chain's head
              SELECT + audit_log INSERT + chain head upsert; COMMIT.
              "+ card" adds the barcode-free SELECT, the cards INSERT and a second audit entry.
            lookup: query HMAC (name searches); ids by card barcode or blind index (up to 200, as
              findPatrons reads SEARCH_LIMIT*4 and returns them all); patron rows; wrapped keys from
              the key store; unwrap + decrypt the 2 fields the result shows; sort by name; active
              cards; one audit entry per hit (hashed) in its own transaction.
  SQL-only  the raw statements alone: precomputed ciphertexts and digests, no decryption, sorting
            or hashing: the floor the database sets.
  Rates: operations per second, median of ${timing.rounds} rounds of ${timing.roundMs} ms (after a ${timing.warmupMs} ms warm-up);
  each round runs the three back to back, in alternating order. Ratios (Carrel÷raw, Carrel÷SQL)
  are the median of the per-round ratios, which pairs runs that saw the same machine load.
  spread = the widest (max-min)/median of any contender's rounds: the noise on this shared machine.

Circulation (a library around the seeded patrons: ${items.toLocaleString('en-US')} copies, two years of loans, holds, fines)
  Carrel    checkout(ctx, desk, {patronBarcode, itemBarcode, branch}) then checkin(ctx, desk, …) on the
            same copy, returned on time, so the check-in deletes the loan (P3); ${lanes.toLocaleString('en-US')} borrower/copy
            lanes in turn. HTTP inject: POST /api/v1/circulation/checkouts and /checkins through
            buildHttpApp(ctx).inject with a bearer token; HTTP listen: the same on 127.0.0.1 with
            fetch (one keep-alive client, ${listenPairs} pairs a round, sequential).
  raw       the statements the service issues, in its order, prepared, straight through the driver
            (scope check, card holder, BEGIN, rules, calendar, item [FOR UPDATE], title, blocks
            queries, loan insert, item update (times_lent + 1), day's count cell upsert, audit chain
            head + insert [+ one chain's advisory lock]; check-in: loan close, accruing fine, audit, settled test (loan,
            fees, reading history, legal hold), loan delete, count cell upsert, hold routing, item
            update), with the rule choice, due date, library date, fine and audit hashing the job
            needs; values bound as parameters where Carrel binds them, so both get the same plans.
            HTTP rows: behind a bare Fastify route (JSON-schema body, bearer token verified and
            staff row read).
  SQL-only  the same statements with a precomputed due date and day, no rule choice, fine or hashing.
  Rates: checkouts and check-ins per second, each from the time spent in that half of the pairs.
  secure_delete  SQLite: the service pairs again, with the pragma on (as Carrel runs) and off on
            Carrel's connection, rounds alternating; on÷off is the median of the per-round ratios.

Retention (BENCH_SWEEP_ROWS = ${sweepRows.toLocaleString('en-US')} rows per series, all due, seeded by the server in one statement each)
  loan-link  the P3 backstop: returned loans still naming patrons who keep no history and owe
            nothing (returned 1–3 years ago, as after a bulk import), joined to patrons, deleted
  notices   notices queued 31 days to 2 years ago, half sent, deleted (the biggest table left)
  loan-statistics  daily circulation_counts cells older than five years (branch × item type ×
            category × event, day after day; hold- and fee-statistics sweep the same way)
  Carrel    runRetention(ctx, system) with an authority for the one series (batches of
            config.retention.batchSize), compactAfterSweep switched off and timed on its own below.
  batched   runRetention's statements straight through the driver: per batch BEGIN, due ids in key
            order after the last id done (LIMIT batch), DELETE … WHERE id IN (…), disposal record,
            COMMIT.
  1 stmt    one DELETE for all due rows (after one aggregate for the dates covered).
  compactAfterSweep  what runRetention runs after the sweeps (SQLite: both WALs truncated;
            PostgreSQL: VACUUM FULL of the circulation tables and pg_statistic in both stores, as
            listed after the table), timed once after each contender's three sweeps.
  Rates: rows per second, median of ${sweepRounds} round(s); each round reseeds the backlog for every
  contender. CPU: this process plus (PostgreSQL) the server processes on the database, per 1M rows.`

async function benchEngine(bench: BenchEngine, seeded: Seeded): Promise<void> {
  const { ctx, raw } = bench
  const staff = await createStaff(ctx, SYSTEM_ACTOR, {
    username: 'bench-desk',
    displayName: 'Bench desk',
    password: 'correct horse battery staple',
    role: 'circulation',
  })
  const desk: Actor = { type: 'staff', id: staff.id, role: 'circulation' }
  // A failed seed check voids the patron workloads only: the others do not search patrons.
  const seedProblem = await checkSeed(ctx, desk, seeded).then(
    () => undefined,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  )
  if (seedProblem === undefined)
    progress(`${bench.engine}: the service finds, decrypts and audits the seeded patrons`)
  else console.log(`\nWARNING ${bench.engine}: patron workloads skipped. ${seedProblem}`)
  const results: CaseResult[] = []
  for (const c of patronCases({ ctx, raw, desk, seeded })) {
    if (seedProblem !== undefined || !wants(c.name)) continue
    progress(`${bench.engine}: ${c.name}`)
    results.push(await measure(c, timing))
  }
  if (results.length > 0) {
    console.log(`\n${bench.version} — ${patrons.toLocaleString('en-US')} patrons; ${load()}`)
    console.log(resultTable(results))
  }
  for (const r of results) {
    if (r.check !== undefined && r.check.mismatches > 0)
      console.log(
        `  WARNING ${r.name}: raw and Carrel disagreed on ${r.check.mismatches} of 100 sample queries`,
      )
  }
  if (circGroups.length === 0 && sweepSeries.length === 0) return

  progress(`${bench.engine}: seeding the library (${items.toLocaleString('en-US')} copies)…`)
  const library = await seedCirculation(bench, items, lanes)
  const n = (x: number) => x.toLocaleString('en-US')
  console.log(
    `\n${bench.version} — circulation: ${n(library.items)} copies of ${n(library.records)} titles, ` +
      `${n(library.open)} out, ${n(library.owing)} owing, ${n(library.reading)} in reading histories, ` +
      `${n(library.holds)} holds; two years of past loans (${n(library.history)}), closed holds and ` +
      `settled fees as ${n(library.cells.circulation)} + ${n(library.cells.holds)} + ` +
      `${n(library.cells.fees)} count cells (seeded in ${library.seconds.toFixed(1)} s)`,
  )
  if (circGroups.length > 0) {
    const report = await runCirculationBench(bench, library, {
      timing,
      listenPairs,
      groups: circGroups,
      progress,
    })
    console.log(`${load()}`)
    console.log(circTable(report.rows))
    if (report.secureDelete.length > 0) console.log(secureDeleteTable(report.secureDelete))
    console.log(
      `  statements per checkout + check-in: Carrel ${report.statements.carrel.length}, raw ${report.statements.raw.length}`,
    )
    if (env.BENCH_TRACE === '1')
      for (const who of ['carrel', 'raw'] as const) {
        console.log(`  ${who}:`)
        for (const s of report.statements[who]) console.log(`    ${s.slice(0, 160)}`)
      }
  }
  if (sweepSeries.length > 0) {
    const started = performance.now()
    const { rows, compaction } = await runRetentionBench(bench, {
      rows: sweepRows,
      rounds: sweepRounds,
      series: sweepSeries,
      progress,
    })
    console.log(
      `\n${bench.version} — retention sweeps over ${n(sweepRows)} rows per series, batches of ` +
        `${n(bench.ctx.config.retention.batchSize)}, ${sweepRounds} round(s) ` +
        `(${((performance.now() - started) / 1000).toFixed(0)} s with seeding); ${load()}`,
    )
    console.log(sweepTable(rows))
    console.log(compactionLine(compaction))
    for (const r of rows) for (const w of r.warnings) console.log(`  WARNING ${r.name}: ${w}`)
  }
}

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`

const started = performance.now()
console.log(
  `Carrel bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${load()}`,
)
console.log(LEGEND)
const unknown = engines.filter((e) => e !== 'sqlite' && e !== 'postgres')
if (unknown.length > 0) throw new Error(`BENCH_ENGINES: unknown engine(s) ${unknown.join(', ')}`)

// Both engines are seeded with the same patrons, sealed once under one master key.
const masterKey = randomBytes(32)
const opened: BenchEngine[] = []
let cluster: Awaited<ReturnType<typeof startPgCluster>> | undefined
// A BENCH_ONLY naming only workloads that set up their own engines skips the patron seeding.
const selfContained = [
  SIP2_NAME,
  SEARCH_NAME,
  NOTICES_NAME,
  COMPUTERS_NAME,
  STATISTICS_NAME,
  INSTANCES_NAME,
]
const seededWanted =
  only === undefined ||
  circGroups.length > 0 ||
  sweepSeries.length > 0 ||
  !selfContained.some(wants)
try {
  if (seededWanted && engines.includes('sqlite')) opened.push(await sqliteEngine(masterKey))
  if (seededWanted && engines.includes('postgres')) {
    const binDir = findPgBinDir()
    if (binDir === undefined)
      console.log('\nPostgreSQL: skipped (no server binaries; set CARREL_TEST_PG_BIN)')
    else {
      cluster = await startPgCluster(binDir)
      opened.push(await postgresEngine(masterKey, cluster.server))
    }
  }
  if (opened.length > 0) {
    const names = opened.map((b) => b.engine).join(' + ')
    progress(`seeding ${patrons.toLocaleString('en-US')} patrons into ${names}…`)
    const seeded = await seedPatrons(opened, SYSTEM_ACTOR, patrons)
    console.log(
      `\nSeeded ${patrons.toLocaleString('en-US')} patrons into ${names} in ${seeded.seconds.toFixed(1)} s`,
    )
    for (const bench of opened) await benchEngine(bench, seeded)
  }
} finally {
  for (const bench of opened) await bench.close()
  await cluster?.stop()
}
// SIP2 opens engines (and a cluster) of its own, once the ones above are closed.
if (wants(SIP2_NAME)) await runSip2Bench()
// Catalog search seeds a catalog of its own, on engines of its own.
if (wants(SEARCH_NAME)) await runSearchBench()
// Notices go to an SMTP server the workload starts itself, on engines of its own.
if (wants(NOTICES_NAME)) await runNoticesBench()
// Public computers: registers its own computers and kiosks, on engines of its own.
if (wants(COMPUTERS_NAME)) await runComputersBench()
// Website statistics: beacons over HTTP and batched ingestion, on engines of its own.
if (wants(STATISTICS_NAME)) await runStatisticsBench()
// Real carrel serve processes on a cluster of its own (PostgreSQL only).
if (engines.includes('postgres') && wants(INSTANCES_NAME)) await runInstancesBench()
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`)
