// Public computers: sign-ins (card + PIN → session → log off) beside the raw Argon2id verify and
// statements, and kiosk heartbeats with 500 kiosks on server-sent events beside bare Fastify.
//   BENCH_ENGINES=sqlite,postgres  BENCH_ROUNDS=7  BENCH_ROUND_MS=400
//   BENCH_KIOSKS=500  BENCH_HEARTBEAT_MS=1000  BENCH_HEARTBEAT_CONCURRENCY=8
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg } from 'node:os'
import { SYSTEM_ACTOR, type Actor } from '../src/actor.js'
import type { AppContext } from '../src/context.js'
import {
  issueDeviceToken,
  saveComputer,
  saveGroup,
  saveRule,
  type ComputerDevice,
} from '../src/computers/computer-registry.service.js'
import { logOff, sendMessage, startSession } from '../src/computers/sessions.service.js'
import { buildHttpApp } from '../src/http/app.js'
import { registerPatron } from '../src/patrons/patron.service.js'
import { createStaff } from '../src/staff/staff.service.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { patronInput } from '../test/harness/factories.js'
import { rawSignInAndOff, type RawLane } from './computers-raw.js'
import { bareServer, fanOut, heartbeats, openStreams } from './computers-sse.js'
import { postgresEngine, sqliteEngine, type BenchEngine } from './engines.js'
import { measure, median, rate, resultTable, table, type Timing } from './harness.js'

export const COMPUTERS_NAME = 'public computers'

const env = process.env
const timing: Timing = {
  rounds: Number(env.BENCH_ROUNDS ?? 7),
  roundMs: Number(env.BENCH_ROUND_MS ?? 400),
  warmupMs: 300,
}
const KIOSKS = Number(env.BENCH_KIOSKS ?? 500)
const HEARTBEAT_MS = Number(env.BENCH_HEARTBEAT_MS ?? 1000)
const CONCURRENCY = Number(env.BENCH_HEARTBEAT_CONCURRENCY ?? 8)
/** Patrons signing in in turn, each on a computer of their own. */
const LANES = 32
const PIN = '582913'

interface World {
  admin: Actor
  groupId: string
  devices: ComputerDevice[]
  tokens: string[]
  lanes: RawLane[]
}

async function seed(ctx: AppContext): Promise<World> {
  const staff = await createStaff(ctx, SYSTEM_ACTOR, {
    username: 'bench-admin',
    displayName: 'Bench admin',
    password: 'correct horse battery staple',
    role: 'admin',
  })
  const admin: Actor = { type: 'staff', id: staff.id, role: 'admin' }
  const groupId = await saveGroup(ctx, admin, { branch: 'main', code: 'adult', name: 'Adult' })
  await saveRule(ctx, admin, {
    groupCode: 'adult',
    category: '*',
    allowed: true,
    dailyMinutes: 1440,
    sessionMinutes: 60,
    extensionMinutes: 0,
  })
  const devices: ComputerDevice[] = []
  const tokens: string[] = []
  for (let i = 0; i < Math.max(KIOSKS, LANES * 2); i++) {
    const name = `PC-${String(i + 1).padStart(3, '0')}`
    const id = await saveComputer(ctx, admin, { groupId, name })
    tokens.push((await issueDeviceToken(ctx, admin, id)).token)
    devices.push({ id, name, branch: 'main', groupId, groupCode: 'adult', inService: true })
  }
  const lanes: RawLane[] = []
  for (let i = 0; i < LANES * 2; i++) {
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: PIN } })
    lanes.push({
      barcode: view.cards[0]?.barcode ?? '',
      pin: PIN,
      computerId: devices[i]?.id ?? '',
      branch: 'main',
      groupCode: 'adult',
    })
  }
  return { admin, groupId, devices, tokens: tokens.slice(0, KIOSKS), lanes }
}

/** Carrel and raw on lanes of their own (patrons and computers), so neither finds the other's session. */
function signInCase(bench: BenchEngine, world: World) {
  const { ctx, raw } = bench
  let c = 0
  let r = 0
  let s = 0
  const carrelLanes = world.lanes.slice(0, LANES)
  const rawLanes = world.lanes.slice(LANES)
  return {
    name: 'computer sign-in + log off (card + PIN)',
    contenders: {
      carrel: async () => {
        const i = c++ % LANES
        const lane = carrelLanes[i]!
        const device = world.devices[i]!
        await startSession(ctx, device, { kind: 'card', barcode: lane.barcode, pin: lane.pin })
        await logOff(ctx, device)
      },
      raw: () => rawSignInAndOff(ctx, raw, rawLanes[r++ % LANES]!, true),
      sql: () => rawSignInAndOff(ctx, raw, rawLanes[s++ % LANES]!, false),
    },
  }
}

interface HeartbeatRow {
  carrel: number
  bare: number
  ratio: number
  fanOutCarrel: number
  fanOutBare: number
}

async function heartbeatBench(ctx: AppContext, world: World): Promise<HeartbeatRow> {
  const app = await buildHttpApp(ctx)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as AddressInfo).port
  const bare = await bareServer(world.tokens)
  progress(`opening ${KIOSKS} event streams to Carrel and ${KIOSKS} to bare Fastify`)
  const carrelStreams = await openStreams(port, '/api/devices/events', world.tokens)
  const bareStreams = await openStreams(bare.port, '/events', world.tokens)
  try {
    const samples = { carrel: [] as number[], bare: [] as number[] }
    const carrelRound = () =>
      heartbeats(port, '/api/devices/status', world.tokens, HEARTBEAT_MS, CONCURRENCY)
    const bareRound = () =>
      heartbeats(bare.port, '/status', world.tokens, HEARTBEAT_MS, CONCURRENCY)
    await carrelRound()
    await bareRound()
    for (let round = 0; round < timing.rounds; round++) {
      progress(`heartbeats: round ${round + 1} of ${timing.rounds}`)
      if (round % 2 === 0) {
        samples.carrel.push(await carrelRound())
        samples.bare.push(await bareRound())
      } else {
        samples.bare.push(await bareRound())
        samples.carrel.push(await carrelRound())
      }
    }
    // A message to the whole group: each of Carrel's streams re-reads its computer's status.
    const carrelFan: number[] = []
    const bareFan: number[] = []
    for (let round = 0; round < 3; round++) {
      carrelFan.push(
        await fanOut(carrelStreams, () =>
          sendMessage(ctx, world.admin, { groupId: world.groupId }, `Notice ${round}`),
        ),
      )
      bareFan.push(await fanOut(bareStreams, () => bare.broadcast()))
    }
    return {
      carrel: median(samples.carrel),
      bare: median(samples.bare),
      ratio: median(samples.carrel.map((v, i) => v / (samples.bare[i] ?? NaN))),
      fanOutCarrel: median(carrelFan),
      fanOutBare: median(bareFan),
    }
  } finally {
    carrelStreams.close()
    bareStreams.close()
    await bare.close()
    await app.close()
  }
}

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`

async function benchEngine(bench: BenchEngine): Promise<void> {
  progress(
    `${bench.engine}: registering ${Math.max(KIOSKS, LANES * 2)} computers and ${LANES * 2} patrons`,
  )
  const world = await seed(bench.ctx)
  progress(`${bench.engine}: sign-ins`)
  const signIns = await measure(signInCase(bench, world), timing)
  progress(`${bench.engine}: heartbeats`)
  const beats = await heartbeatBench(bench.ctx, world)
  console.log(`\n${bench.version}; ${load()}`)
  console.log(resultTable([signIns]))
  console.log(
    table(
      ['workload', 'Carrel/s', 'bare/s', 'Carrel÷bare', 'fan-out Carrel', 'fan-out bare'],
      [
        [
          `heartbeats, ${KIOSKS} kiosks on SSE`,
          rate(beats.carrel),
          rate(beats.bare),
          beats.ratio.toFixed(2),
          `${beats.fanOutCarrel.toFixed(0)} ms`,
          `${beats.fanOutBare.toFixed(0)} ms`,
        ],
      ],
    ),
  )
}

/** Prints its own tables per engine. */
export async function runComputersBench(): Promise<void> {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  console.log(`
Public computers (${LANES} patrons signing in in turn, each on a computer of their own; ${KIOSKS} kiosks)
  sign-in   Carrel: startSession(ctx, computer, { card, PIN }) then logOff(ctx, computer): address
            and card lockout budget, Argon2id (config.security, production cost), holder and first
            name decrypted, rules, opening hours, the session written in one transaction; the
            log-off adds its minutes to the day's allowance (HMAC under the day key) and the counts.
            raw: the same statements in the same order, prepared, straight through the driver, with
            the same Argon2id verify and crypto. SQL-only: the statements alone.
  heartbeats  ${KIOSKS} kiosks hold GET /api/devices/events (server-sent events) open on a listening
            Carrel while ${CONCURRENCY} of them at a time POST /api/devices/status (device token → computer,
            status, messages) over keep-alive connections for ${HEARTBEAT_MS} ms a round; bare: Fastify alone,
            the same ${KIOSKS} streams and a status route that looks the token's SHA-256 up in memory.
            fan-out: a staff message to the whole group until every stream has a new event
            (Carrel re-reads each computer's status), beside writing one event to every bare stream.
  Rates: per second, median of ${timing.rounds} rounds; ratios are medians of per-round ratios.`)
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
        await benchEngine(bench)
      } finally {
        await bench.close()
      }
    }
  } finally {
    await cluster?.stop()
  }
}
