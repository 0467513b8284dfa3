// A SIP2 worker process, forked by src/sip2/worker-pool.ts: its own context on the same stores
// (no migrations, no jobs, no HTTP), serving the connections the serving process hands over.
import type { Socket } from 'node:net'
import { createContext, withConfiguredClock, type AppContext } from '../context.js'
import { createLogger, type Logger } from '../logger.js'
import {
  connectionSettings,
  OpenConnections,
  serveConnection,
  type ConnectionSettings,
} from './connection.js'
import type { FromWorker, ToWorker } from './worker-protocol.js'

interface Serving {
  ctx: AppContext
  close(): Promise<void>
  settings: ConnectionSettings
  log: Logger
}

const open = new OpenConnections()
let serving: Serving | undefined
let closing = false
let shutDown: Promise<void> | undefined

const send = (message: FromWorker) => {
  if (process.connected) process.send?.(message)
}

async function start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const { config } = message
  const logger = createLogger(config.logLevel).child({ sip2Worker: message.index })
  try {
    const opened = await createContext(config, {
      masterKey: Buffer.from(message.masterKey, 'base64'),
      logger,
      migrate: false,
    })
    const ctx = withConfiguredClock(opened)
    serving = {
      ctx,
      close: () => opened.close(),
      settings: connectionSettings(ctx, message.deadlines),
      log: logger.child({ component: 'sip2' }),
    }
  } catch (err) {
    logger.error({ err }, 'SIP2 worker could not start')
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
    process.exit(1)
  }
  if (closing) await shutdown()
  else send({ type: 'ready' })
}

function accept(id: number, socket: Socket | undefined): void {
  if (serving === undefined || closing || socket === undefined) {
    socket?.destroy()
    send({ type: 'closed', id })
    return
  }
  socket.once('close', () => send({ type: 'closed', id }))
  serveConnection(serving.ctx, socket, serving.settings, open, serving.log)
}

/** Ends every connection once its answer in progress is written, closes the stores, exits. */
function shutdown(): Promise<void> {
  closing = true
  shutDown ??= (async () => {
    try {
      serving?.log.info({ connections: open.size }, 'SIP2 worker closing its connections')
      await open.closeAll()
      await serving?.close()
      serving?.log.info('SIP2 worker stopped: answers under way were written, stores closed')
    } finally {
      process.exit(0)
    }
  })()
  return shutDown
}

/** This worker's counts and timings; the serving process sums them with its own and the others'. */
async function reportMetrics(request: number): Promise<void> {
  send({ type: 'metrics', request, metrics: (await serving?.ctx.metrics.snapshot()) ?? [] })
}

process.on('message', (message: ToWorker, handle: unknown) => {
  if (message.type === 'start') void start(message)
  else if (message.type === 'sip2-socket') accept(message.id, handle as Socket | undefined)
  else if (message.type === 'metrics') void reportMetrics(message.request)
  else void shutdown()
})
// The serving process gone (even killed) leaves no worker behind.
process.on('disconnect', () => void shutdown())
// Ctrl-C and a service manager's stop reach the whole process group; the serving process
// decides when its workers stop, so that answers in progress are not cut off.
process.on('SIGINT', () => undefined)
process.on('SIGTERM', () => undefined)
