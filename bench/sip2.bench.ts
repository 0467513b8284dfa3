// SIP2 checkout + check-in round trips over TCP, beside the HTTP API doing the same pair.
//   BENCH_ENGINES=sqlite,postgres  BENCH_ROUNDS=7  BENCH_ROUND_MS=400
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import { SYSTEM_ACTOR } from '../src/actor.js'
import type { AppContext } from '../src/context.js'
import { buildHttpApp } from '../src/http/app.js'
import { createSipAccount } from '../src/selfcheck/sip-account.service.js'
import { startSip2Server } from '../src/sip2/server.js'
import { createStaff } from '../src/staff/staff.service.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { libraryHelpers } from '../test/harness/library.js'
import { SipClient } from '../test/sip2/sip-client.js'
import { postgresEngine, sqliteEngine, type BenchEngine } from './engines.js'
import { median, rate, table } from './harness.js'

const env = process.env
const ROUNDS = Number(env.BENCH_ROUNDS ?? 7)
const ROUND_MS = Number(env.BENCH_ROUND_MS ?? 400)
const WARMUP_MS = 300
const CONNECTIONS = [1, 8] as const
/** Items each connection cycles through, so no two connections touch the same copy. */
const ITEMS_PER_CONNECTION = 16
const PASSWORD = 'bench machine password'
const NOW18 = ' '.repeat(18)

/** One connection's loop: lends an item and takes it back, again and again. */
type Worker = () => Promise<void>

interface Lane {
  patron: string
  items: string[]
}

async function lanes(ctx: AppContext, n: number): Promise<Lane[]> {
  const lib = libraryHelpers(ctx)
  const out: Lane[] = []
  for (let i = 0; i < n; i++) {
    const patron = (await lib.patron()).barcode
    const items: string[] = []
    for (let j = 0; j < ITEMS_PER_CONNECTION; j++) items.push((await lib.title()).items[0]!.barcode)
    out.push({ patron, items })
  }
  return out
}

async function sipWorkers(port: number, login: string, lanesFor: Lane[]): Promise<Worker[]> {
  return Promise.all(
    lanesFor.map(async (lane) => {
      const c = await SipClient.connect(port)
      const ok = await c.send(`9300CN${login}|CO${PASSWORD}|CPmain|`, '0')
      if (!ok.startsWith('941')) throw new Error(`SIP2 login failed: ${ok}`)
      let i = 0
      let seq = 1
      return async () => {
        const item = lane.items[i++ % lane.items.length]!
        const date = '20260115    100000'
        const out = await c.send(
          `11YN${date}${NOW18}AOBENCH|AA${lane.patron}|AB${item}|AC|`,
          String(seq++ % 10),
        )
        const back = await c.send(
          `09N${date}${date}APmain|AOBENCH|AB${item}|AC|`,
          String(seq++ % 10),
        )
        if (!out.startsWith('121') || !back.startsWith('101'))
          throw new Error(`SIP2 round trip failed: ${out} / ${back}`)
      }
    }),
  )
}

function httpWorkers(base: string, token: string, lanesFor: Lane[]): Worker[] {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  return lanesFor.map((lane) => {
    let i = 0
    return async () => {
      const item = lane.items[i++ % lane.items.length]!
      const out = await fetch(`${base}/api/v1/circulation/checkouts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ patronBarcode: lane.patron, itemBarcode: item, branch: 'main' }),
      })
      await out.arrayBuffer()
      const back = await fetch(`${base}/api/v1/circulation/checkins`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ itemBarcode: item, branch: 'main' }),
      })
      await back.arrayBuffer()
      if (out.status !== 201 || back.status !== 200)
        throw new Error(`HTTP round trip failed: ${out.status} / ${back.status}`)
    }
  })
}

/** Pairs per second with every worker looping at once for `ms`. */
async function pairsPerSecond(workers: Worker[], ms: number): Promise<number> {
  let pairs = 0
  const start = performance.now()
  await Promise.all(
    workers.map(async (work) => {
      while (performance.now() - start < ms) {
        await work()
        pairs += 1
      }
    }),
  )
  return pairs / ((performance.now() - start) / 1000)
}

interface Row {
  connections: number
  sip: number
  http: number
  ratio: number
  spread: number
}

async function benchEngine(bench: BenchEngine): Promise<Row[]> {
  const { ctx } = bench
  const login = `bench-${randomBytes(3).toString('hex')}`
  await createSipAccount(ctx, SYSTEM_ACTOR, {
    login,
    password: PASSWORD,
    institutionId: 'BENCH',
    location: 'main',
  })
  await createStaff(ctx, SYSTEM_ACTOR, {
    username: login,
    displayName: 'Bench desk',
    password: PASSWORD,
    role: 'circulation',
  })
  const sip = await startSip2Server(ctx, { port: 0 })
  const app = await buildHttpApp(ctx)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  try {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: login, password: PASSWORD }),
    })
    const { token } = (await res.json()) as { token: string }
    const rows: Row[] = []
    for (const n of CONNECTIONS) {
      progress(`${bench.engine}: ${n} connection(s)`)
      const contenders = {
        sip: await sipWorkers(sip.port, login, await lanes(ctx, n)),
        http: httpWorkers(base, token, await lanes(ctx, n)),
      }
      for (const w of Object.values(contenders)) await pairsPerSecond(w, WARMUP_MS)
      const samples = { sip: [] as number[], http: [] as number[] }
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 === 0 ? (['sip', 'http'] as const) : (['http', 'sip'] as const)
        for (const name of order)
          samples[name].push(await pairsPerSecond(contenders[name], ROUND_MS))
      }
      const spread = Math.max(
        ...(['sip', 'http'] as const).map(
          (k) => (Math.max(...samples[k]) - Math.min(...samples[k])) / median(samples[k]),
        ),
      )
      rows.push({
        connections: n,
        sip: median(samples.sip),
        http: median(samples.http),
        ratio: median(samples.sip.map((v, i) => v / (samples.http[i] ?? NaN))),
        spread,
      })
    }
    return rows
  } finally {
    await app.close()
    await sip.close()
  }
}

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`

/** Prints its own table: median pairs/s for 1 and 8 connections, SIP2 beside HTTP, per engine. */
export async function runSip2Bench(): Promise<void> {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  console.log(`
SIP2 checkout + check-in round trips over TCP, beside the HTTP API doing the same pair
  SIP2  one logged-in connection per client: 11 (checkout) then 09 (check-in), error detection on
  HTTP  POST /api/v1/circulation/checkouts then /checkins on a real listen (keep-alive), one
        circulation staff token; N clients loop at once, each on its own patron and copies
  Rates: pairs per second, median of ${ROUNDS} rounds of ${ROUND_MS} ms after a ${WARMUP_MS} ms warm-up; the
  ratio is the median of per-round ratios (SIP2 and HTTP run back to back, alternating order).`)
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
        const rows = await benchEngine(bench)
        console.log(`\n${bench.version}; ${load()}`)
        console.log(
          table(
            ['connections', 'SIP2 pairs/s', 'HTTP pairs/s', 'SIP2÷HTTP', 'spread'],
            rows.map((r) => [
              String(r.connections),
              rate(r.sip),
              rate(r.http),
              r.ratio.toFixed(2),
              `${Math.round(r.spread * 100)}%`,
            ]),
          ),
        )
      } finally {
        await bench.close()
      }
    }
  } finally {
    await cluster?.stop()
  }
}
