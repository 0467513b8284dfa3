// Checkout + check-in throughput over the JSON API with one and with two real `carrel serve`
// processes on one PostgreSQL database, beside the raw limit, with what the database's backends
// were doing meanwhile (pg_stat_activity sampled every ~20 ms) and where the CPU went.
//   BENCH_INSTANCE_PATRONS=20000  BENCH_INSTANCE_ITEMS=20000  BENCH_INSTANCE_CLIENTS=8
//   BENCH_INSTANCE_ROUNDS=5  BENCH_INSTANCE_ROUND_MS=3000
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { SYSTEM_ACTOR, type Actor } from '../src/actor.js'
import { createStaff } from '../src/staff/staff.service.js'
import { findPgBinDir, startPgCluster, type PgServer } from '../test/harness/postgres-cluster.js'
import { rawCheckin, rawCheckout, type Env } from './circulation.bench.js'
import { postgresEngine, type BenchEngine } from './engines.js'
import { median, rate, table } from './harness.js'
import { pgRaw, type RawStores } from './raw.js'
import { seedCirculation, type Lane } from './seed-circulation.js'
import { seedPatrons } from './seed-patrons.js'

const env = process.env
const PATRONS = Number(env.BENCH_INSTANCE_PATRONS ?? 20_000)
const ITEMS = Number(env.BENCH_INSTANCE_ITEMS ?? 20_000)
const CLIENTS = Number(env.BENCH_INSTANCE_CLIENTS ?? 8)
const ROUNDS = Number(env.BENCH_INSTANCE_ROUNDS ?? 5)
const ROUND_MS = Number(env.BENCH_INSTANCE_ROUND_MS ?? 3000)
const WARMUP_MS = 1000
const SAMPLE_MS = 20
const LANES = Math.min(800, Math.floor(PATRONS / 4))
const PASSWORD = 'correct horse battery staple'
const USERNAME = 'bench-instances'
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs')
const ENTRY = join(ROOT, 'src/cli/index.ts')

export const INSTANCES_NAME = 'instances: checkout + check-in, 1 and 2 carrel serve processes'

const CONFIGS = ['raw', '1 process', '2 processes'] as const
type Config = (typeof CONFIGS)[number]

/** One client's next checkout + check-in pair. */
type Pair = () => Promise<void>

// ---------------------------------------------------------------------------------------------
// The carrel serve processes.

interface Instance {
  child: ChildProcess
  pid: number
  base: string
  token: string
}

const children = new Set<ChildProcess>()
// Whatever happens to this process, no carrel serve outlives it.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

async function startInstance(
  server: PgServer,
  masterKey: Buffer,
  dir: string,
  n: number,
): Promise<Instance> {
  const url = (db: string) =>
    `postgres://${server.user}@localhost/${db}?host=${encodeURIComponent(server.host)}&port=${server.port}`
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('CARREL_')),
  )
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, 'serve'], {
    cwd: dir,
    env: {
      ...base,
      CARREL_DATA_DIR: join(dir, `data-${n}`),
      CARREL_DATABASE_URL: url('carrel_bench'),
      CARREL_KEYSTORE_URL: url('carrel_bench_keys'),
      CARREL_MASTER_KEY: masterKey.toString('base64'),
      CARREL_HTTP_HOST: '127.0.0.1',
      CARREL_HTTP_PORT: '0',
      CARREL_SIP2_ENABLED: 'false',
      // Request logs off: the database path is what is measured, not pino writing to a pipe.
      CARREL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000)
  })
  const listening = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(
      () => reject(new Error(`carrel serve #${n} did not start in 90 s: ${stderr}`)),
      90_000,
    )
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      stdout += s
      const m = /listening on (\S+)/.exec(stdout)
      if (m?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`carrel serve #${n} exited (${code}) before listening: ${stderr}`))
    })
  })
  const res = await fetch(`${listening}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login on #${n}: HTTP ${res.status} ${await res.text()}`)
  const { token } = (await res.json()) as { token: string }
  if (child.pid === undefined) throw new Error(`carrel serve #${n}: no pid`)
  return { child, pid: child.pid, base: listening, token }
}

async function stopInstance(i: Instance): Promise<void> {
  if (i.child.exitCode !== null || i.child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => i.child.once('exit', () => resolve()))
  i.child.kill('SIGTERM')
  const timer = setTimeout(() => i.child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

function httpPair(instance: Instance, lanes: readonly Lane[]): Pair {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${instance.token}` }
  let i = 0
  return async () => {
    const lane = lanes[i++ % lanes.length] as Lane
    const out = await fetch(`${instance.base}/api/v1/circulation/checkouts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        patronBarcode: lane.patronBarcode,
        itemBarcode: lane.itemBarcode,
        branch: 'main',
      }),
    })
    const outBody = await out.text()
    const back = await fetch(`${instance.base}/api/v1/circulation/checkins`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ itemBarcode: lane.itemBarcode, branch: 'main' }),
    })
    const backBody = await back.text()
    if (out.status !== 201 || back.status !== 200)
      throw new Error(
        `checkout ${out.status} ${outBody.slice(0, 200)} / check-in ${back.status} ${backBody.slice(0, 200)}`,
      )
  }
}

function rawPair(raw: RawStores, lanes: readonly Lane[], e: Env): Pair {
  let i = 0
  return async () => {
    const lane = lanes[i++ % lanes.length] as Lane
    await raw.run(
      rawCheckout(
        { patronBarcode: lane.patronBarcode, itemBarcode: lane.itemBarcode, branch: 'main' },
        e,
      ),
    )
    const r = await raw.run(rawCheckin({ itemBarcode: lane.itemBarcode, branch: 'main' }, e))
    if (!r.forgotten) throw new Error(`raw check-in of ${lane.itemBarcode} kept the loan`)
  }
}

// ---------------------------------------------------------------------------------------------
// What the backends do: pg_stat_activity every ~20 ms.

const WAITS = ['advisory', 'other lock', 'LWLock', 'IO', 'client', 'other wait', 'CPU'] as const
type Wait = (typeof WAITS)[number]

interface Activity {
  samples: number
  active: number
  idleInTx: number
  waits: Record<Wait, number>
  /** Samples in which some backend held the audit chain's advisory lock, and what it did. */
  lockHeld: number
  holderIdleInTx: number
  events: Map<string, number>
}

const emptyActivity = (): Activity => ({
  samples: 0,
  active: 0,
  idleInTx: 0,
  waits: Object.fromEntries(WAITS.map((w) => [w, 0])) as Record<Wait, number>,
  lockHeld: 0,
  holderIdleInTx: 0,
  events: new Map(),
})

function classify(type: string | null, event: string | null): Wait {
  if (type === null) return 'CPU'
  if (type === 'Lock') return event === 'advisory' ? 'advisory' : 'other lock'
  if (type === 'LWLock') return 'LWLock'
  if (type === 'IO') return 'IO'
  if (type === 'Client') return 'client'
  return 'other wait'
}

const ACTIVITY_SQL = `
  SELECT a.state, a.wait_event_type, a.wait_event,
         EXISTS (SELECT 1 FROM pg_locks l
                 WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS holds_advisory
  FROM pg_stat_activity a
  WHERE a.datname = ANY($1) AND a.pid <> pg_backend_pid()
    AND a.state IN ('active', 'idle in transaction')`

interface ActivityRow {
  state: string
  wait_event_type: string | null
  wait_event: string | null
  holds_advisory: boolean
}

/** Samples until the returned function is called; adds into `into`. */
function sampleActivity(client: pg.Client, into: Activity): () => Promise<void> {
  let running = true
  const loop = (async () => {
    while (running) {
      const t0 = performance.now()
      const { rows } = await client.query<ActivityRow>(ACTIVITY_SQL, [
        ['carrel_bench', 'carrel_bench_keys'],
      ])
      into.samples += 1
      let held = false
      let holderIdle = false
      for (const r of rows) {
        if (r.holds_advisory) {
          held = true
          holderIdle ||= r.state === 'idle in transaction'
        }
        if (r.state === 'idle in transaction') {
          into.idleInTx += 1
          continue
        }
        into.active += 1
        into.waits[classify(r.wait_event_type, r.wait_event)] += 1
        const name = r.wait_event_type === null ? 'CPU' : `${r.wait_event_type}:${r.wait_event}`
        into.events.set(name, (into.events.get(name) ?? 0) + 1)
      }
      if (held) into.lockHeld += 1
      if (holderIdle) into.holderIdleInTx += 1
      const left = SAMPLE_MS - (performance.now() - t0)
      if (left > 0) await new Promise((r) => setTimeout(r, left))
    }
  })()
  return async () => {
    running = false
    await loop
  }
}

// ---------------------------------------------------------------------------------------------
// CPU: /proc/<pid>/stat of the carrel processes and of every PostgreSQL process.

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** [ppid, utime + stime in ticks], or undefined for a process that is gone. */
function procStat(pid: number): [number, number] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return [Number(f[1]), Number(f[11]) + Number(f[12])]
  } catch {
    return undefined
  }
}

/** CPU ticks per process: the postmaster and its children. */
function postgresTicks(postmaster: number): Map<number, number> {
  const out = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const pid = Number(name)
    const s = procStat(pid)
    if (s !== undefined && (pid === postmaster || s[0] === postmaster)) out.set(pid, s[1])
  }
  return out
}

/** Busy ticks of the whole machine (all cores), from /proc/stat. */
function machineTicks(): number {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number)
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0)
  return total - (f[3] ?? 0) - (f[4] ?? 0)
}

interface Cpu {
  wallMs: number
  carrel: number
  postgres: number
  driver: number
  machine: number
}

const emptyCpu = (): Cpu => ({ wallMs: 0, carrel: 0, postgres: 0, driver: 0, machine: 0 })

/** Starts a CPU measurement; the returned function adds the deltas (in seconds) into `into`. */
function measureCpu(carrelPids: readonly number[], postmaster: number, into: Cpu): () => void {
  const t0 = performance.now()
  const carrel0 = carrelPids.map((p) => procStat(p)?.[1] ?? 0)
  const pg0 = postgresTicks(postmaster)
  const driver0 = process.cpuUsage()
  const machine0 = machineTicks()
  return () => {
    const driver = process.cpuUsage(driver0)
    into.wallMs += performance.now() - t0
    into.carrel +=
      carrelPids.reduce((sum, p, i) => sum + (procStat(p)?.[1] ?? 0) - (carrel0[i] ?? 0), 0) /
      CLK_TCK
    let pgTicks = 0
    for (const [pid, ticks] of postgresTicks(postmaster)) pgTicks += ticks - (pg0.get(pid) ?? 0)
    into.postgres += pgTicks / CLK_TCK
    into.driver += (driver.user + driver.system) / 1e6
    into.machine += (machineTicks() - machine0) / CLK_TCK
  }
}

// ---------------------------------------------------------------------------------------------

/** Pairs per second with every client looping at once for `ms`. */
async function pairsPerSecond(pairs: readonly Pair[], ms: number): Promise<number> {
  let n = 0
  const start = performance.now()
  await Promise.all(
    pairs.map(async (pair) => {
      while (performance.now() - start < ms) {
        await pair()
        n += 1
      }
    }),
  )
  return n / ((performance.now() - start) / 1000)
}

/** Lanes dealt out to the clients, so no two clients ever touch the same copy or borrower. */
const deal = (lanes: readonly Lane[], k: number): Lane[] =>
  lanes.filter((_, i) => i % CLIENTS === k)

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`
const pct = (part: number, whole: number) =>
  whole === 0 ? '—' : `${Math.round((100 * part) / whole)}%`
const cores = (seconds: number, wallMs: number) => (seconds / (wallMs / 1000)).toFixed(2)

async function runOn(bench: BenchEngine, server: PgServer, masterKey: Buffer): Promise<void> {
  const { ctx } = bench
  progress(`instances: seeding ${PATRONS.toLocaleString('en-US')} patrons…`)
  await seedPatrons([bench], SYSTEM_ACTOR, PATRONS)
  progress(`instances: seeding the library (${ITEMS.toLocaleString('en-US')} copies)…`)
  const library = await seedCirculation(bench, ITEMS, LANES)
  const staff = await createStaff(ctx, SYSTEM_ACTOR, {
    username: USERNAME,
    displayName: 'Bench desk (instances)',
    password: PASSWORD,
    role: 'circulation',
  })
  const desk: Actor = { type: 'staff', id: staff.id, role: 'circulation' }
  const rawEnv: Env = {
    engine: 'postgres',
    tz: ctx.config.library.timezone,
    actor: desk,
    js: true,
    dueAt: '',
    today: '',
  }
  const lanesOf = Array.from({ length: CLIENTS }, (_, k) => deal(library.lanes, k))

  const dir = mkdtempSync(join(tmpdir(), 'carrel-bench-instances-'))
  const instances: Instance[] = []
  const raws: RawStores[] = []
  const urls = {
    records: `postgres://${server.user}@localhost/carrel_bench?host=${encodeURIComponent(server.host)}&port=${server.port}`,
    keys: `postgres://${server.user}@localhost/carrel_bench_keys?host=${encodeURIComponent(server.host)}&port=${server.port}`,
  }
  const sampler = new pg.Client({ connectionString: urls.records })
  try {
    progress('instances: starting two carrel serve processes…')
    instances.push(
      ...(await Promise.all([1, 2].map((n) => startInstance(server, masterKey, dir, n)))),
    )
    for (let k = 0; k < CLIENTS; k++) raws.push(await pgRaw(urls))
    await sampler.connect()
    const me = (await sampler.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
    const postmaster = procStat(me?.pid ?? 0)?.[0] ?? 0
    const [a, b] = instances as [Instance, Instance]
    const pairs: Record<Config, Pair[]> = {
      raw: lanesOf.map((l, k) => rawPair(raws[k] as RawStores, l, rawEnv)),
      '1 process': lanesOf.map((l) => httpPair(a, l)),
      '2 processes': lanesOf.map((l, k) => httpPair(k % 2 === 0 ? a : b, l)),
    }
    for (const c of CONFIGS) await pairsPerSecond(pairs[c], WARMUP_MS)

    const samples: Record<Config, number[]> = { raw: [], '1 process': [], '2 processes': [] }
    const activity = Object.fromEntries(CONFIGS.map((c) => [c, emptyActivity()])) as Record<
      Config,
      Activity
    >
    const cpu = Object.fromEntries(CONFIGS.map((c) => [c, emptyCpu()])) as Record<Config, Cpu>
    for (let r = 0; r < ROUNDS; r++) {
      progress(`instances: round ${r + 1} of ${ROUNDS}`)
      const order = r % 2 === 0 ? CONFIGS : [...CONFIGS].reverse()
      for (const c of order) {
        const stopSampling = sampleActivity(sampler, activity[c])
        const stopCpu = measureCpu(
          instances.map((i) => i.pid),
          postmaster,
          cpu[c],
        )
        samples[c].push(await pairsPerSecond(pairs[c], ROUND_MS))
        stopCpu()
        await stopSampling()
      }
    }

    const version = (
      await sampler.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0]?.v
    const rawMedian = median(samples.raw)
    console.log(
      `\n${INSTANCES_NAME}
  PostgreSQL ${version ?? '?'} (unix socket, fsync=off, synchronous_commit=off); ${load()}
  ${library.items.toLocaleString('en-US')} copies, ${PATRONS.toLocaleString('en-US')} patrons, ${library.lanes.length} borrower/copy lanes dealt to ${CLIENTS} clients
  carrel     real "carrel serve" processes (node --import tsx, log level warn, SIP2 off), each with its
             own pool (10 connections); clients: fetch with keep-alive from this process, each
             looping POST /api/v1/circulation/checkouts then /checkins on its own lanes; with 2
             processes the clients alternate between them
  raw        the same statements in the same order (circulation.bench.ts rawCheckout/rawCheckin,
             audit advisory lock included), one connection per client, straight through pg
  Rates: checkouts per second (each followed by its check-in), median of ${ROUNDS} rounds of ${ROUND_MS} ms,
  configurations interleaved (alternating order); ÷raw is the median ratio to the raw rate.
  CPU: cores busy during the rounds (seconds of CPU per second): the carrel processes, every
  PostgreSQL process, this process (load driver + raw client), and the whole machine.`,
    )
    console.log(
      table(
        [
          'configuration',
          'checkouts/s',
          '÷raw',
          'spread',
          'carrel',
          'postgres',
          'driver',
          'machine',
        ],
        CONFIGS.map((c) => {
          const s = samples[c]
          const m = median(s)
          const u = cpu[c]
          return [
            c,
            rate(m),
            median(s.map((v, i) => v / (samples.raw[i] ?? NaN))).toFixed(2),
            `${Math.round(((Math.max(...s) - Math.min(...s)) / m) * 100)}%`,
            c === 'raw' ? '—' : cores(u.carrel, u.wallMs),
            cores(u.postgres, u.wallMs),
            cores(u.driver, u.wallMs),
            cores(u.machine, u.wallMs),
          ]
        }),
      ),
    )
    console.log(
      `\n  Backends on the two databases, sampled every ~${SAMPLE_MS} ms: average active and idle-in-
  transaction backends per sample, then what the active ones were doing (share of active
  backend-samples: waiting on the audit advisory lock, on another lock, on an LWLock, on IO,
  on the client mid-message, on anything else, or running); then the share of samples in which
  the audit lock was held, and in which its holder sat idle in transaction (waiting on Node).`,
    )
    console.log(
      table(
        ['configuration', 'samples', 'active', 'idle in tx', ...WAITS, 'lock held', 'holder idle'],
        CONFIGS.map((c) => {
          const x = activity[c]
          return [
            c,
            String(x.samples),
            (x.active / x.samples).toFixed(2),
            (x.idleInTx / x.samples).toFixed(2),
            ...WAITS.map((w) => pct(x.waits[w], x.active)),
            pct(x.lockHeld, x.samples),
            pct(x.holderIdleInTx, x.samples),
          ]
        }),
      ),
    )
    for (const c of CONFIGS) {
      const x = activity[c]
      const top = [...x.events.entries()]
        .sort((p, q) => q[1] - p[1])
        .slice(0, 5)
        .map(([name, n]) => `${name} ${pct(n, x.active)}`)
      console.log(`  ${c}: ${top.join(', ')}`)
    }
    console.log(
      `  raw rate ${rate(rawMedian)}/s; 1 → 2 processes: ×${(median(samples['2 processes']) / median(samples['1 process'])).toFixed(2)}`,
    )
  } finally {
    await Promise.all(instances.map(stopInstance))
    for (const c of children) c.kill('SIGKILL')
    for (const r of raws) await r.close().catch(() => undefined)
    await sampler.end().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** PostgreSQL only: its own cluster and databases, like the SIP2 workload. */
export async function runInstancesBench(): Promise<void> {
  const binDir = findPgBinDir()
  if (binDir === undefined) {
    console.log(`\n${INSTANCES_NAME}: skipped (no PostgreSQL server binaries)`)
    return
  }
  const masterKey = randomBytes(32)
  const cluster = await startPgCluster(binDir)
  let bench: BenchEngine | undefined
  try {
    bench = await postgresEngine(masterKey, cluster.server)
    await runOn(bench, cluster.server, masterKey)
  } finally {
    await bench?.close()
    await cluster.stop()
  }
}
