// SIP2 round trips over TCP for the message mixes of issue 16 (99; 63; 11 + 09), with and without
// the PIN, on 1 and 8 connections: SIP2 in one process and in worker processes, beside the same
// work over the HTTP API and beside the raw statements.
//   BENCH_ENGINES=sqlite,postgres  BENCH_SIP_ROUNDS=5  BENCH_SIP_ROUND_MS=250
//   BENCH_SIP_WORKERS=<CPUs>  (worker processes of the second SIP2 contender)
import { randomBytes } from 'node:crypto'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { SYSTEM_ACTOR, type Actor } from '../src/actor.js'
import { buildHttpApp } from '../src/http/app.js'
import { registerPatron } from '../src/patrons/patron.service.js'
import { createSipAccount } from '../src/selfcheck/sip-account.service.js'
import { startSip2Service } from '../src/sip2/service.js'
import { createStaff } from '../src/staff/staff.service.js'
import { patronInput } from '../test/harness/factories.js'
import { libraryHelpers } from '../test/harness/library.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { SipClient } from '../test/sip2/sip-client.js'
import { postgresEngine, sqliteEngine, type BenchEngine } from './engines.js'
import { median, rate, table } from './harness.js'
import type { RawStores } from './raw.js'
import {
  httpUnit,
  MIXES,
  PIN,
  rawUnit,
  sipUnit,
  type Lane,
  type Mix,
  type Unit,
} from './sip2-mixes.js'

export const SIP2_NAME = 'sip2 round trips'

const env = process.env
const ROUNDS = Number(env.BENCH_SIP_ROUNDS ?? 5)
const ROUND_MS = Number(env.BENCH_SIP_ROUND_MS ?? 250)
const WARMUP_MS = 150
const WORKERS = Number(env.BENCH_SIP_WORKERS ?? availableParallelism())
const CONNECTIONS = [1, 8] as const
const ITEMS_PER_LANE = 4
const PASSWORD = 'bench machine password'
const CONTENDERS = ['single', 'workers', 'http', 'raw'] as const
type Contender = (typeof CONTENDERS)[number]

/** Round trips per second with every client looping at once for `ms`. */
async function roundTripsPerSecond(units: readonly Unit[], ms: number): Promise<number> {
  let done = 0
  const start = performance.now()
  await Promise.all(
    units.map(async (unit) => {
      while (performance.now() - start < ms) {
        // Not `done += await unit()`: that reads `done` before the await and loses other clients' counts.
        const answered = await unit()
        done += answered
      }
    }),
  )
  return done / ((performance.now() - start) / 1000)
}

interface Row {
  mix: Mix
  connections: number
  median: Record<Contender, number>
  spread: number
}

/** Connections logged in one after another: logins that overlap from one address are refused by the address throttle. */
async function sipClients(port: number, login: string, n: number): Promise<SipClient[]> {
  const out: SipClient[] = []
  for (let i = 0; i < n; i++) {
    const c = await SipClient.connect(port)
    const ok = await c.send(`9300CN${login}|CO${PASSWORD}|CPmain|`, '0')
    if (!ok.startsWith('941')) throw new Error(`SIP2 login failed: ${ok}`)
    out.push(c)
  }
  return out
}

async function benchEngine(bench: BenchEngine, masterKey: Buffer): Promise<Row[]> {
  const { ctx } = bench
  const login = `bench-${randomBytes(3).toString('hex')}`
  const account = await createSipAccount(ctx, SYSTEM_ACTOR, {
    login,
    password: PASSWORD,
    institutionId: 'BENCH',
    location: 'main',
  })
  const sipActor: Actor = { type: 'sip', id: account.id }
  await createStaff(ctx, SYSTEM_ACTOR, {
    username: login,
    displayName: 'Bench desk',
    password: PASSWORD,
    role: 'circulation',
  })
  const lib = libraryHelpers(ctx)
  const lanes: Lane[] = []
  for (let i = 0; i < Math.max(...CONNECTIONS); i++) {
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: PIN } })
    const items: string[] = []
    for (let j = 0; j < ITEMS_PER_LANE; j++) items.push((await lib.title()).items[0]?.barcode ?? '')
    lanes.push({ patron: p.cards[0]?.barcode ?? '', patronId: p.id, items, next: 0 })
  }
  const single = await startSip2Service(ctx, { port: 0, masterKey, workers: 1 })
  const pool = await startSip2Service(ctx, { port: 0, masterKey, workers: WORKERS })
  const app = await buildHttpApp(ctx)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  const raws: RawStores[] = []
  const clients: SipClient[] = []
  try {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: login, password: PASSWORD }),
    })
    const { token } = (await res.json()) as { token: string }
    const n = Math.max(...CONNECTIONS)
    const sip = {
      single: await sipClients(single.port, login, n),
      workers: await sipClients(pool.port, login, n),
    }
    clients.push(...sip.single, ...sip.workers)
    for (let i = 0; i < n; i++) raws.push(await bench.openRaw())
    const rows: Row[] = []
    for (const mix of MIXES) {
      for (const connections of CONNECTIONS) {
        progress(
          `${bench.engine}: ${mix.name}${mix.pin ? ' with PIN' : ''}, ${connections} connection(s)`,
        )
        const used = lanes.slice(0, connections)
        const units: Record<Contender, Unit[]> = {
          single: used.map((lane, i) => sipUnit(sip.single[i]!, lane, mix)),
          workers: used.map((lane, i) => sipUnit(sip.workers[i]!, lane, mix)),
          http: used.map((lane) => httpUnit(base, token, lane, mix)),
          raw: used.map((lane, i) => rawUnit(ctx, raws[i]!, sipActor, lane, mix)),
        }
        for (const c of CONTENDERS) await roundTripsPerSecond(units[c], WARMUP_MS)
        const samples: Record<Contender, number[]> = { single: [], workers: [], http: [], raw: [] }
        for (let r = 0; r < ROUNDS; r++) {
          const order = r % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse()
          for (const c of order) samples[c].push(await roundTripsPerSecond(units[c], ROUND_MS))
        }
        const med = (c: Contender) => median(samples[c])
        rows.push({
          mix,
          connections,
          median: {
            single: med('single'),
            workers: med('workers'),
            http: med('http'),
            raw: med('raw'),
          },
          spread: Math.max(
            ...CONTENDERS.map((c) => (Math.max(...samples[c]) - Math.min(...samples[c])) / med(c)),
          ),
        })
      }
    }
    return rows
  } finally {
    for (const c of clients) c.close()
    for (const r of raws) await r.close()
    await app.close()
    await pool.close()
    await single.close()
  }
}

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`

function rowsTable(rows: readonly Row[]): string {
  return table(
    [
      'mix',
      'PIN',
      'conns',
      'SIP2 1 proc',
      `SIP2 ${WORKERS} workers`,
      'HTTP',
      'raw',
      'workers÷1',
      'spread',
    ],
    rows.map((r) => [
      r.mix.name,
      r.mix.kind === '99' ? '—' : r.mix.pin ? 'AD' : 'none',
      String(r.connections),
      rate(r.median.single),
      rate(r.median.workers),
      rate(r.median.http),
      rate(r.median.raw),
      (r.median.workers / r.median.single).toFixed(2),
      `${Math.round(r.spread * 100)}%`,
    ]),
  )
}

/** Prints its own table per engine: median round trips per second for every mix and contender. */
export async function runSip2Bench(): Promise<void> {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  console.log(`
SIP2 round trips over TCP (messages answered per second), beside HTTP and the raw statements
  mixes     99 status · 63 patron information (no item list asked) · 11 checkout then 09 check-in
            of the same copy (2 round trips); 63 and 11 with the PIN in AD (Argon2id unless
            remembered) or without; each client has its own patron (a card with a PIN) and copies
  SIP2 1 proc    sip2.workers = 1: the server in this process, as the tests run it
  SIP2 N workers sip2.workers = ${WORKERS}: this process accepts and hands each connection to a worker
                 process with its own context on the same stores
            one logged-in connection per client (logged in one after another), error detection on
  HTTP      the same work through the existing API on a real listen (fetch, keep-alive), one
            circulation staff token: 99 = GET /healthz; 63 = [POST /cards/verify] + GET
            /patrons?barcode= then the patron, loans, holds and fees at once; 11 + 09 =
            [POST /cards/verify] + POST /circulation/checkouts, POST /circulation/checkins;
            counted in SIP2 round trips (a checkout + check-in = 2)
  raw       the statements straight through the driver, one handle per client (SQLite's driver is
            synchronous, so its clients take turns in this process): 99 = the SIP account row;
            63 = the reads the answer needs (no audit writes); 11 + 09 = the raw checkout and
            check-in plans of the circulation workload; with a PIN, its hash read and Argon2id
  Rates: median of ${ROUNDS} rounds of ${ROUND_MS} ms after a ${WARMUP_MS} ms warm-up, contenders back to back in
  alternating order; spread = the widest (max−min)/median of any contender's rounds.`)
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
        const started = performance.now()
        const rows = await benchEngine(bench, masterKey)
        const seconds = ((performance.now() - started) / 1000).toFixed(0)
        console.log(`\n${bench.version}; ${load()}; ${seconds} s`)
        console.log(rowsTable(rows))
      } finally {
        await bench.close()
      }
    }
  } finally {
    await cluster?.stop()
  }
}
