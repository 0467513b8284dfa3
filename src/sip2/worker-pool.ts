import { fork, type ChildProcess } from 'node:child_process'
import { createServer, type Socket } from 'node:net'
import type { AppContext } from '../context.js'
import type { MetricsJson } from '../metrics/metrics.js'
import { AddressLimit } from './admission.js'
import { listenSip2, type Sip2Server, type Sip2ServerOptions } from './server.js'
import { workerEntry } from './worker-entry.js'
import { isFromWorker, type FromWorker, type ToWorker } from './worker-protocol.js'

export interface WorkerPoolOptions extends Sip2ServerOptions {
  workers: number
  /** Each worker derives its keys from it, as the serving process did. */
  masterKey: Buffer
}

export interface Sip2WorkerPool extends Sip2Server {
  /** Process ids of the workers now ready to take connections, by slot (undefined while restarting). */
  workerPids(): (number | undefined)[]
  /** Open connections per worker slot. */
  connectionCounts(): number[]
}

/** A worker that stayed up this long is treated as healthy again: its next restart is quick. */
const HEALTHY_MS = 60_000
const FIRST_RESTART_MS = 250
const MAX_RESTART_MS = 30_000
const START_TIMEOUT_MS = 60_000
/** How long a scrape of /metrics waits for a worker's numbers before going on without them. */
const METRICS_TIMEOUT_MS = 2_000

interface Slot {
  index: number
  child: ChildProcess | undefined
  ready: boolean
  /** Handed-over connections still open: id → the address key they count against. */
  open: Map<number, string>
  startedAt: number
  restarts: number
  timer: NodeJS.Timeout | undefined
}

/**
 * SIP2 on several cores: this process keeps the listening socket and the admission rules (the
 * global and per-address limits, checked on accept before any byte is read: the server is
 * created with pauseOnConnect) and hands each admitted socket to the worker with the fewest open
 * connections. Workers report each connection's end, so the counts stay right; a worker that
 * dies loses its connections (the terminals reconnect) and is started again after a backoff.
 */
export async function startSip2WorkerPool(
  ctx: AppContext,
  options: WorkerPoolOptions,
): Promise<Sip2WorkerPool> {
  const config = ctx.config.sip2
  const log = ctx.logger.child({ component: 'sip2' })
  const addresses = new AddressLimit(config.maxConnectionsPerAddress, log)
  const entry = workerEntry()
  const start: ToWorker = {
    type: 'start',
    index: 0,
    config: ctx.config,
    masterKey: options.masterKey.toString('base64'),
    deadlines: {
      ...(options.idleTimeoutMs !== undefined && { idleTimeoutMs: options.idleTimeoutMs }),
      ...(options.loginTimeoutMs !== undefined && { loginTimeoutMs: options.loginTimeoutMs }),
    },
  }
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({
    index,
    child: undefined,
    ready: false,
    open: new Map(),
    startedAt: 0,
    restarts: 0,
    timer: undefined,
  }))
  let closing = false
  let nextId = 0

  const forget = (slot: Slot, id: number) => {
    const key = slot.open.get(id)
    if (key === undefined) return
    slot.open.delete(id)
    addresses.release(key)
  }

  /** Forks a worker into the slot; resolves when it is ready, rejects if it fails first. */
  const spawn = (slot: Slot): Promise<void> => {
    const child = fork(entry.file, [], { execArgv: entry.execArgv, serialization: 'json' })
    slot.child = child
    slot.ready = false
    slot.startedAt = Date.now()
    return new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => {
        reject(new Error(`SIP2 worker ${slot.index} did not start in time`))
        child.kill('SIGKILL')
      }, START_TIMEOUT_MS)
      child.on('message', (message: unknown) => {
        if (!isFromWorker(message)) return
        onMessage(slot, message)
        if (message.type === 'ready') {
          clearTimeout(timeout)
          resolve()
        } else if (message.type === 'failed') reject(new Error(message.message))
      })
      child.on('error', (err) => log.error({ err, worker: slot.index }, 'SIP2 worker error'))
      child.once('exit', (code, signal) => {
        clearTimeout(timeout)
        reject(
          new Error(`SIP2 worker ${slot.index} exited (${signal ?? code}) before it was ready`),
        )
        onExit(slot, child, code, signal)
      })
      child.send({ ...start, index: slot.index } satisfies ToWorker)
    })
  }

  const metricsAnswers = new Map<number, (metrics: MetricsJson) => void>()
  let nextRequest = 0

  const onMessage = (slot: Slot, message: FromWorker) => {
    if (message.type === 'ready') slot.ready = true
    else if (message.type === 'closed') forget(slot, message.id)
    else if (message.type === 'metrics') metricsAnswers.get(message.request)?.(message.metrics)
  }

  /** One worker's numbers, or none if it does not answer in time (a scrape never hangs on it). */
  const workerMetrics = (slot: Slot): Promise<MetricsJson> =>
    new Promise((resolve) => {
      const child = slot.child
      if (!slot.ready || child?.connected !== true) return resolve([])
      const request = ++nextRequest
      const done = (metrics: MetricsJson) => {
        clearTimeout(timer)
        metricsAnswers.delete(request)
        resolve(metrics)
      }
      const timer = setTimeout(() => done([]), METRICS_TIMEOUT_MS)
      metricsAnswers.set(request, done)
      child.send({ type: 'metrics', request } satisfies ToWorker, (err) => {
        if (err !== null) done([])
      })
    })

  const onExit = (
    slot: Slot,
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ) => {
    if (slot.child !== child) return
    slot.child = undefined
    slot.ready = false
    // Its connections died with it.
    for (const id of [...slot.open.keys()]) forget(slot, id)
    if (closing) return
    if (Date.now() - slot.startedAt >= HEALTHY_MS) slot.restarts = 0
    const delay = Math.min(MAX_RESTART_MS, FIRST_RESTART_MS * 2 ** slot.restarts)
    slot.restarts += 1
    log.error(
      { worker: slot.index, code, signal, restartInMs: delay },
      'SIP2 worker exited; starting another',
    )
    slot.timer = setTimeout(() => {
      slot.timer = undefined
      if (!closing)
        spawn(slot).catch((err: unknown) =>
          log.error({ err, worker: slot.index }, 'SIP2 worker did not start'),
        )
    }, delay)
  }

  const openCount = () => slots.reduce((n, s) => n + s.open.size, 0)

  const server = createServer({ pauseOnConnect: true }, (raw: Socket) => {
    // Node's own maxConnections does not see sockets handed to a child, so the limit is kept here.
    if (closing || openCount() >= config.maxConnections) {
      if (!closing)
        log.warn({ limit: config.maxConnections }, 'SIP2 connection refused: too many connections')
      raw.destroy()
      return
    }
    const key = addresses.admit(raw.remoteAddress)
    if (key === undefined) {
      raw.destroy()
      return
    }
    const slot = slots
      .filter((s) => s.ready && s.child?.connected === true)
      .reduce<Slot | undefined>(
        (best, s) => (best && best.open.size <= s.open.size ? best : s),
        undefined,
      )
    if (slot?.child === undefined) {
      addresses.release(key)
      log.warn('SIP2 connection refused: no worker is ready')
      raw.destroy()
      return
    }
    const id = ++nextId
    slot.open.set(id, key)
    slot.child.send({ type: 'sip2-socket', id } satisfies ToWorker, raw, (err) => {
      if (err === null) return
      log.warn({ err, worker: slot.index }, 'SIP2 connection lost on its way to a worker')
      forget(slot, id)
      raw.destroy()
    })
  })
  server.on('connection', (raw: Socket) => raw.on('error', () => undefined))

  // A worker has the shutdown grace to finish its answers and exit before it is killed.
  const graceMs = ctx.config.shutdownGraceSeconds * 1000
  const stopWorkers = async () => {
    closing = true
    await Promise.all(slots.map((slot) => stopWorker(slot, graceMs)))
  }
  try {
    await Promise.all(slots.map((slot) => spawn(slot)))
  } catch (err) {
    await stopWorkers()
    throw err
  }
  let port: number
  try {
    port = await listenSip2(server, ctx, options.port, log, { workers: slots.length })
  } catch (err) {
    await stopWorkers()
    throw err
  }

  // GET /metrics in this process sums the workers' SIP2 numbers with its own.
  const removeSource = ctx.metrics.addSource(() => Promise.all(slots.map(workerMetrics)))

  let closed: Promise<void> | undefined
  return {
    port,
    workerPids: () => slots.map((s) => (s.ready ? s.child?.pid : undefined)),
    connectionCounts: () => slots.map((s) => s.open.size),
    close: () =>
      (closed ??= (async () => {
        removeSource()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        await stopWorkers()
        await stopped
      })()),
  }
}

/** Asks the slot's worker to finish and exit; kills it if it has not within the grace period. */
async function stopWorker(slot: Slot, graceMs: number): Promise<void> {
  clearTimeout(slot.timer)
  const child = slot.child
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  if (child.connected) child.send({ type: 'close' } satisfies ToWorker)
  else child.kill('SIGKILL')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}
