// Website statistics: beacon requests per second over HTTP beside bare Fastify with the same
// route shape, and batched ingestion (N views counted in memory, then one flush) beside the raw
// insert limit of the same rows, on SQLite and PostgreSQL.
//   BENCH_ENGINES=sqlite,postgres  BENCH_ROUNDS=7  BENCH_BEACON_MS=1000  BENCH_BEACON_CONCURRENCY=8
//   BENCH_FLUSH_EVENTS=5000
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { sql, type Kysely } from 'kysely'
import { pino } from 'pino'
import { WebsiteCounter } from '../src/analytics/ingest.js'
import type { StatisticsDb } from '../src/analytics/statistics.tables.js'
import type { Tally } from '../src/analytics/tally.js'
import { loadConfig } from '../src/config/config.js'
import { createContext, type AppContext } from '../src/context.js'
import { buildHttpApp } from '../src/http/app.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { median, rate, table } from './harness.js'

export const STATISTICS_NAME = 'website statistics'

const env = process.env
const ROUNDS = Number(env.BENCH_ROUNDS ?? 7)
const BEACON_MS = Number(env.BENCH_BEACON_MS ?? 1000)
const CONCURRENCY = Number(env.BENCH_BEACON_CONCURRENCY ?? 8)
const EVENTS = Number(env.BENCH_FLUSH_EVENTS ?? 5000)
const SITE = 'bench.example'
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'
const PAGES = Array.from({ length: 60 }, (_, i) => `/page/${i}`)
const progress = (message: string) => process.stderr.write(`  … ${message}\n`)

const body = (i: number) =>
  JSON.stringify({ u: `https://${SITE}${PAGES[i % PAGES.length]}`, r: 'https://search.example/' })

/** Beacons (text/plain POSTs) per second, `CONCURRENCY` at a time over keep-alive connections. */
async function beacons(port: number, path: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  let sent = 0
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA },
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode === 204 ? resolve() : reject(new Error(`beacon: ${res.statusCode}`)),
          )
        },
      )
      req.on('error', reject)
      req.end(body(i))
    })
  const start = performance.now()
  const worker = async () => {
    while (performance.now() - start < BEACON_MS) await post(sent++)
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  agent.destroy()
  return sent / ((performance.now() - start) / 1000)
}

/** The baseline: Fastify alone, a text/plain body parsed as JSON, checked, answered 204. */
async function bareServer() {
  const app = Fastify({ logger: false })
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 4096 }, (_r, b, done) =>
    done(null, b),
  )
  app.post('/event', async (req, reply) => {
    const event = JSON.parse(String(req.body)) as { u?: unknown }
    if (typeof event.u !== 'string') return reply.code(400).send()
    return reply.code(204).send()
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() }
}

/** N views as the counter sees them: 60 pages, one address per ten views (visits of ten pages). */
function countViews(counter: WebsiteCounter, n: number, offset: number): void {
  for (let i = 0; i < n; i++) {
    const visitor = Math.floor((offset + i) / 10)
    counter.record({
      url: `https://${SITE}${PAGES[(offset + i) % PAGES.length]}`,
      referrer: i % 10 === 0 ? 'https://search.example/' : undefined,
      address: `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`,
      headers: { userAgent: UA },
    })
  }
}

/**
 * The raw limit: the same rows in one transaction, the single views (nearly all of them) as
 * hand-written multi-row inserts of 500, the few daily rows one upsert each.
 */
async function rawWrite(db: Kysely<StatisticsDb>, tally: Tally): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < tally.views.length; i += 500) {
      const rows = tally.views
        .slice(i, i + 500)
        .map(
          (v) =>
            sql`(${v.id}, ${v.site}, ${v.day}, ${v.viewed_at}, ${v.address}, ${v.path}, ${v.referrer_host})`,
        )
      await sql`insert into page_views (id, site, day, viewed_at, address, path, referrer_host) values ${sql.join(rows)}`.execute(
        trx,
      )
    }
    for (const r of tally.totals.rows.values())
      await sql`insert into daily_totals (day, site, views, visits, visitors) values (${r.day}, ${r.site}, ${r.views}, ${r.visits}, ${r.visitors}) on conflict (day, site) do update set views = daily_totals.views + excluded.views, visits = daily_totals.visits + excluded.visits, visitors = daily_totals.visitors + excluded.visitors`.execute(
        trx,
      )
    for (const r of tally.pages.rows.values())
      await sql`insert into daily_pages (day, site, path, views, visits, entries, exits) values (${r.day}, ${r.site}, ${r.path}, ${r.views}, ${r.visits}, ${r.entries}, ${r.exits}) on conflict (day, site, path) do update set views = daily_pages.views + excluded.views, visits = daily_pages.visits + excluded.visits, entries = daily_pages.entries + excluded.entries, exits = daily_pages.exits + excluded.exits`.execute(
        trx,
      )
    for (const r of tally.referrers.rows.values())
      await sql`insert into daily_referrers (day, site, host, visits) values (${r.day}, ${r.site}, ${r.host}, ${r.visits}) on conflict (day, site, host) do update set visits = daily_referrers.visits + excluded.visits`.execute(
        trx,
      )
    for (const r of tally.transitions.rows.values())
      await sql`insert into daily_transitions (day, site, from_path, to_path, count) values (${r.day}, ${r.site}, ${r.from_path}, ${r.to_path}, ${r.count}) on conflict (day, site, from_path, to_path) do update set count = daily_transitions.count + excluded.count`.execute(
        trx,
      )
  })
}

async function benchEngine(ctx: AppContext, label: string): Promise<string[][]> {
  const rows: string[][] = []
  // Beacons over HTTP.
  const app = await buildHttpApp(ctx)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const bare = await bareServer()
  try {
    const carrelPort = (app.server.address() as AddressInfo).port
    const samples = { carrel: [] as number[], bare: [] as number[] }
    await beacons(carrelPort, '/statistics/event')
    await beacons(bare.port, '/event')
    for (let round = 0; round < ROUNDS; round++) {
      progress(`${label}: beacons, round ${round + 1} of ${ROUNDS}`)
      const first = round % 2 === 0
      if (first) samples.carrel.push(await beacons(carrelPort, '/statistics/event'))
      samples.bare.push(await beacons(bare.port, '/event'))
      if (!first) samples.carrel.push(await beacons(carrelPort, '/statistics/event'))
    }
    await ctx.website.flush()
    rows.push([
      `${label}: beacon POST /statistics/event (${CONCURRENCY} at a time)`,
      rate(median(samples.carrel)),
      rate(median(samples.bare)),
      median(samples.carrel.map((v, i) => v / (samples.bare[i] ?? NaN))).toFixed(2),
    ])
  } finally {
    await bare.close()
    await app.close()
  }
  // Batched ingestion: count N views, flush once; raw: the same rows, hand-written, one transaction.
  const counter = new WebsiteCounter({
    db: ctx.statistics.db,
    config: ctx.config,
    clock: ctx.clock,
    logger: ctx.logger,
  })
  const captured = new WebsiteCounter({
    db: ctx.statistics.db,
    config: ctx.config,
    clock: ctx.clock,
    logger: ctx.logger,
  })
  const samples = { carrel: [] as number[], raw: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    progress(`${label}: ingestion, round ${round + 1} of ${ROUNDS}`)
    const offset = round * EVENTS
    let start = performance.now()
    countViews(counter, EVENTS, offset)
    await counter.flush()
    samples.carrel.push(EVENTS / ((performance.now() - start) / 1000))
    // The raw contender gets the very rows the counter would write (built off the clock).
    countViews(captured, EVENTS, offset + ROUNDS * EVENTS)
    const tally = captured.takeCounted()
    start = performance.now()
    await rawWrite(ctx.statistics.db, tally)
    samples.raw.push(EVENTS / ((performance.now() - start) / 1000))
  }
  await counter.close()
  await captured.close()
  rows.push([
    `${label}: ${EVENTS.toLocaleString('en-US')} views counted + one flush`,
    rate(median(samples.carrel)),
    rate(median(samples.raw)),
    median(samples.carrel.map((v, i) => v / (samples.raw[i] ?? NaN))).toFixed(2),
  ])
  return rows
}

/** A context whose statistics store is SQLite in a temp dir, or the PostgreSQL database at `pg`. */
async function open(pg?: {
  records: string
  statistics: string
}): Promise<{ ctx: AppContext; done: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carrel-bench-stats-'))
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      logLevel: 'silent',
      statistics: { allowedSites: [SITE], ...(pg !== undefined && { url: pg.statistics }) },
      ...(pg !== undefined && { databaseUrl: pg.records }),
    },
  })
  const ctx = await createContext(config, {
    masterKey: randomBytes(32),
    logger: pino({ level: 'silent' }),
  })
  return { ctx, done: () => rmSync(dataDir, { recursive: true, force: true }) }
}

/** Prints its own table. */
export async function runStatisticsBench(): Promise<void> {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  console.log(`
Website statistics (${PAGES.length} pages of one allowed site)
  beacon    POST /statistics/event, a text/plain JSON body as navigator.sendBeacon sends it, ${CONCURRENCY} at a
            time on keep-alive connections for ${BEACON_MS} ms a round: Carrel (bot and GPC checks, address
            truncation, path and referrer reduction, visit HMAC, counted in memory) beside bare Fastify
            (the same parser and body limit, JSON checked, 204).
  ingestion ${EVENTS.toLocaleString('en-US')} views counted through WebsiteCounter.record (ten pages per visitor) and
            written by one flush (multi-row inserts and upserts, one transaction), beside the raw
            limit: the same rows in one transaction, the views as hand-written inserts of 500 rows.
  Rates: per second, median of ${ROUNDS} rounds; ratios are medians of per-round ratios.`)
  let cluster: Awaited<ReturnType<typeof startPgCluster>> | undefined
  const rows: string[][] = []
  try {
    for (const engine of engines) {
      let pg: { records: string; statistics: string } | undefined
      if (engine === 'postgres') {
        const binDir = findPgBinDir()
        if (binDir === undefined) {
          console.log('\nPostgreSQL: skipped (no server binaries; set CARREL_TEST_PG_BIN)')
          continue
        }
        cluster ??= await startPgCluster(binDir)
        const s = cluster.server
        const at = (db: string) =>
          `postgres://${s.user}@localhost/${db}?host=${encodeURIComponent(s.host)}&port=${s.port}`
        pg = { records: at('carrel_bench_records'), statistics: at('carrel_bench_stats') }
      } else if (engine !== 'sqlite') throw new Error(`BENCH_ENGINES: unknown engine ${engine}`)
      const { ctx, done } = await open(pg)
      try {
        rows.push(...(await benchEngine(ctx, engine)))
      } finally {
        await ctx.close()
        done()
      }
    }
  } finally {
    await cluster?.stop()
  }
  console.log(table(['workload', 'Carrel/s', 'bare or raw/s', 'ratio'], rows))
}
