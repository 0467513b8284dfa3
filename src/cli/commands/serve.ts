import type { AddressInfo } from 'node:net'
import { Option, type Command } from 'commander'
import type { FastifyInstance } from 'fastify'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig, type Config } from '../../config/config.js'
import { readMasterKey } from '../../config/secrets.js'
import { sandboxClockNotice } from '../../clock.js'
import {
  configuredClockOffset,
  createContext,
  withConfiguredClock,
  type AppContext,
} from '../../context.js'
import { DEMO_MARKER_FILE, isDemoDataDir } from '../../demo/demo-marker.js'
import { DEMO_STAFF, demoPatronCard } from '../../demo/seed-demo.js'
import { LOG_LEVELS } from '../../logger.js'
import { listStaff } from '../../staff/staff.service.js'
import { startScheduler, type Scheduler } from '../../jobs/scheduler.js'
import type { Sip2Server } from '../../sip2/server.js'
import { addDemoLibrary, demoMasterKey, type DemoAccounts } from '../demo-library.js'
import { CliFailure } from '../failure.js'
import { note, say } from '../output.js'
import { demoHelp, publicUrl } from '../serve-help.js'

interface ServeOptions {
  demo?: boolean
  clockOffset?: string
  logLevel?: string
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web server (migrating the databases first)')
    .option(
      '--demo',
      'create a master key and a demo library if there are none yet, and print demo sign-ins',
    )
    .option(
      '--clock-offset <offset>',
      'demo libraries only: run on a clock moved by 40d, -3d, 12h, 90m… (config clock.offset, CARREL_CLOCK_OFFSET)',
    )
    .addOption(
      new Option(
        '--log-level <level>',
        'how much to log (config logLevel, CARREL_LOG_LEVEL; default info); debug adds one line per request',
      ).choices(LOG_LEVELS),
    )
    .action(async (options: ServeOptions) => {
      await serve(options)
    })
}

async function serve(options: ServeOptions): Promise<void> {
  const demo = options.demo === true
  const config = loadConfig({
    overrides: {
      ...(options.clockOffset !== undefined && { clock: { offset: options.clockOffset } }),
      ...(options.logLevel !== undefined && { logLevel: options.logLevel }),
    },
  })
  // Refused before anything is written, unless --demo may be about to create the demo library.
  if (!demo) refuseOffsetOutsideDemo(config)
  const masterKey = demo ? demoMasterKey(config) : readMasterKey(config.dataDir)
  const opened = await createContext(config, { masterKey })
  let grace: NodeJS.Timeout | undefined
  try {
    // The demo is seeded on the real clock; the offset then moves the library's time from there.
    const demoAccounts = demo ? await prepareDemo(opened) : undefined
    const ctx = withConfiguredClock(opened)
    const sandbox = sandboxClockNotice(ctx.clock)
    // Loaded here so the other commands start without the web stack.
    const { buildHttpApp } = await import('../../http/app.js')
    const app = await buildHttpApp(ctx, { logger: true })
    const stopped = untilSignal()
    const scheduler = startScheduler(ctx)
    let sip2: Sip2Server | undefined
    try {
      await listen(app, config)
      if (config.sip2.enabled) sip2 = await listenSip2(ctx, config, masterKey)
      const url = publicUrl(config.http.host, (app.server.address() as AddressInfo).port)
      say('', `Carrel is listening on ${url}`)
      if (sandbox !== undefined) say(`${sandbox} (now ${ctx.clock.now().toISOString()}).`)
      if (demoAccounts !== undefined)
        say(...demoHelp(url, demoAccounts.staff, demoAccounts.patron, demoAccounts.kiosk))
      say('', 'Stop it with Ctrl-C.', '')
      const signal = await stopped.promise
      note(`Received ${signal}; closing connections.`)
      grace = startGrace(ctx, signal)
    } finally {
      stopped.dispose()
      await stopServing(ctx, app, sip2, scheduler)
    }
  } finally {
    await opened.close()
    if (grace !== undefined) {
      clearTimeout(grace)
      opened.logger.info({ component: 'shutdown' }, 'stores closed; Carrel has stopped')
    }
  }
}

/**
 * After a signal, the time the shutdown has (`shutdownGraceSeconds`): past it, whatever is still
 * running is abandoned and the process exits with 1, so a service manager sees it did not stop
 * cleanly. Transactions not yet committed roll back; job leases and claimed notices lapse.
 */
function startGrace(ctx: AppContext, signal: NodeJS.Signals): NodeJS.Timeout {
  const seconds = ctx.config.shutdownGraceSeconds
  const log = ctx.logger.child({ component: 'shutdown' })
  log.info(
    { signal, graceSeconds: seconds },
    'shutting down: no new HTTP or SIP2 connections; finishing requests, answers and jobs under way',
  )
  return setTimeout(() => {
    log.error(
      { graceSeconds: seconds },
      'shutdown did not finish within shutdownGraceSeconds; exiting with work unfinished',
    )
    note(`Carrel did not stop within ${seconds} s (shutdownGraceSeconds); exiting.`)
    process.exit(1)
  }, seconds * 1000)
}

/**
 * Stops taking work everywhere at once (HTTP, SIP2, the scheduler) and waits for what is under
 * way: HTTP requests are answered (new ones on open connections get 503 and idle keep-alive
 * connections are closed), each SIP2 connection gets the answer to the message being handled and
 * is then closed (in worker processes too), and a running job is asked to stop and releases its
 * lease. The stores are closed by the caller once all of this is done.
 */
async function stopServing(
  ctx: AppContext,
  app: FastifyInstance,
  sip2: Sip2Server | undefined,
  scheduler: Scheduler,
): Promise<void> {
  const log = ctx.logger.child({ component: 'shutdown' })
  const steps: Promise<void>[] = [
    app.close().then(() => log.info('HTTP server closed: requests under way were answered')),
    scheduler
      .stop()
      .then((jobs) =>
        log.info(
          { jobs },
          jobs.length === 0
            ? 'scheduler stopped; no job was running'
            : 'scheduler stopped; the running jobs finished or stopped and released their leases',
        ),
      ),
  ]
  if (sip2 !== undefined)
    steps.push(
      sip2.close().then(() => log.info('SIP2 server closed: answers under way were written')),
    )
  for (const result of await Promise.allSettled(steps))
    if (result.status === 'rejected')
      log.error({ err: result.reason as unknown }, 'a part of Carrel did not stop cleanly')
}

/** Without --demo, an offset on a library that is not a demo is refused before the stores open. */
function refuseOffsetOutsideDemo(config: Config): void {
  if (configuredClockOffset(config) !== 0 && !isDemoDataDir(config.dataDir))
    throw new CliFailure(
      `--clock-offset / clock.offset (CARREL_CLOCK_OFFSET) is only for a demo library, and ${config.dataDir} was not created by "carrel serve --demo" (no ${DEMO_MARKER_FILE}) (CLOCK_OFFSET_NOT_DEMO)`,
    )
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  const { host, port } = config.http
  try {
    await app.listen({ host, port })
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const why =
        code === 'EADDRINUSE'
          ? 'is already in use'
          : code === 'EACCES'
            ? 'may not be used by this user'
            : 'is not available here'
      throw new CliFailure(
        `${host}:${port} ${why}; choose another with http.host/http.port (CARREL_HTTP_HOST/CARREL_HTTP_PORT)`,
      )
    }
    throw err
  }
}

async function listenSip2(ctx: AppContext, config: Config, masterKey: Buffer): Promise<Sip2Server> {
  const { startSip2Service } = await import('../../sip2/service.js')
  try {
    // Migrations ran above, in this process only; workers open the migrated stores.
    const server = await startSip2Service(ctx, { masterKey })
    const notes = [
      ...(config.sip2.tlsCertFile === undefined ? [] : ['TLS']),
      ...(server.workers > 1 ? [`${server.workers} worker processes`] : []),
    ]
    say(
      `SIP2 is listening on ${config.sip2.host}:${server.port}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`,
    )
    return server
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new CliFailure(
        `SIP2 cannot listen on ${config.sip2.host}:${config.sip2.port} (${String(code)}); choose another with sip2.host/sip2.port (CARREL_SIP2_HOST/CARREL_SIP2_PORT)`,
      )
    throw err
  }
}

/** Seeds an empty library; either way, returns the demo accounts that exist. */
async function prepareDemo(ctx: AppContext): Promise<DemoAccounts> {
  const staff = await listStaff(ctx, SYSTEM_ACTOR)
  if (staff.length === 0) return addDemoLibrary(ctx)
  const usernames = new Set(staff.map((s) => s.username))
  const patron = await demoPatronCard(ctx)
  return {
    staff: DEMO_STAFF.filter((s) => usernames.has(s.username)),
    ...(patron !== undefined && { patron }),
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function untilSignal(): { promise: Promise<NodeJS.Signals>; dispose(): void } {
  let received = false
  let resolve: (signal: NodeJS.Signals) => void = () => undefined
  const promise = new Promise<NodeJS.Signals>((r) => (resolve = r))
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      note(`Received ${signal} again; exiting at once.`)
      process.exit(130)
    }
    received = true
    resolve(signal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    promise,
    dispose: () => {
      // Keep listening while closing, so a second Ctrl-C still forces the exit.
      if (!received) {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
    },
  }
}
