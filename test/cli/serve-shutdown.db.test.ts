// `carrel serve` as a real process under load, stopped with SIGTERM: every checkout and check-in
// it acknowledged is in the database, nothing it did not acknowledge is, and it exits 0 within
// the grace period.
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { connect } from 'node:net'
import { afterAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { sealed, SipClient } from '../sip2/sip-client.js'
import { freePort, removeTempDirs, startCli, tempDir } from './run-cli.js'

const GRACE_SECONDS = 10
const HTTP_LOOPS = 4
const SIP_LOOPS = 2
const SIP_PASSWORD = 'kiosk password 1'
const NOW = '20260115    040000'
const BLANK_DATE = ' '.repeat(18)
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** One item lent and returned over and over by one client, and what the server acknowledged. */
interface Lane {
  itemId: string
  itemBarcode: string
  patronBarcode: string
  checkouts: number
  checkins: number
}

/** What a request sent at `at` (ms since the test's clock started) got back. */
interface Answer {
  at: number
  outcome: 'ok' | 'refused' | 'connection error' | 'unexpected'
  detail: string
}

function refusedConnection(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

describeEngines('carrel serve stopped with SIGTERM under load', (env) => {
  afterAll(removeTempDirs)

  it('commits every checkout and check-in it acknowledged, refuses what comes after, exits 0 in time', async () => {
    const { ctx, config } = env()
    const lib = await setUpLibrary(ctx)
    const username = 'shutdown-desk'
    await staffActor(ctx, 'librarian', username)
    const account = await createSipAccount(ctx, SYSTEM_ACTOR, {
      login: 'kiosk-shutdown',
      password: SIP_PASSWORD,
      institutionId: 'CARREL',
      location: 'main',
    })
    const lane = async (): Promise<Lane> => {
      const { items } = await lib.title()
      const item = items[0]
      const patron = await lib.patron()
      if (item === undefined) throw new Error('no item')
      return {
        itemId: item.id,
        itemBarcode: item.barcode,
        patronBarcode: patron.barcode,
        checkouts: 0,
        checkins: 0,
      }
    }
    const httpLanes = await Promise.all(Array.from({ length: HTTP_LOOPS }, lane))
    const sipLanes = await Promise.all(Array.from({ length: SIP_LOOPS }, lane))

    const [httpPort, sipPort] = [await freePort(), await freePort()]
    const base = `http://127.0.0.1:${httpPort}`
    const child: ChildProcessWithoutNullStreams = startCli(['serve'], {
      cwd: tempDir(),
      env: {
        CARREL_DATA_DIR: env().dataDir,
        ...(env().databaseUrl !== undefined && { CARREL_DATABASE_URL: env().databaseUrl ?? '' }),
        ...(env().keystoreUrl !== undefined && { CARREL_KEYSTORE_URL: env().keystoreUrl ?? '' }),
        ...(config.statistics.url !== undefined && {
          CARREL_STATISTICS_URL: config.statistics.url,
        }),
        CARREL_MASTER_KEY: env().masterKey.toString('base64'),
        CARREL_HTTP_HOST: '127.0.0.1',
        CARREL_HTTP_PORT: String(httpPort),
        CARREL_SIP2_HOST: '127.0.0.1',
        CARREL_SIP2_PORT: String(sipPort),
        CARREL_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
        CARREL_LOG_LEVEL: 'info',
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    let exited = false
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        exited = true
        resolve(code)
      }),
    )
    const t0 = performance.now()
    const now = () => performance.now() - t0
    let shutdownSeenAt: number | undefined
    child.stderr.on('data', () => {
      if (shutdownSeenAt === undefined && stderr.includes('Received SIGTERM'))
        shutdownSeenAt = now()
    })

    try {
      for (let i = 0; !stdout.includes('Stop it with Ctrl-C'); i++) {
        if (exited || i > 600) throw new Error(`not started:\n${stdout}\n${stderr}`)
        await sleep(100)
      }
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: STAFF_PASSWORD }),
      })
      expect(login.status).toBe(200)
      const { token } = (await login.json()) as { token: string }

      const answers: Answer[] = []
      const httpLoop = async (l: Lane) => {
        while (!exited) {
          const checkingOut = l.checkouts === l.checkins
          const at = now()
          try {
            const res = await fetch(
              `${base}/api/v1/circulation/${checkingOut ? 'checkouts' : 'checkins'}`,
              {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body: JSON.stringify(
                  checkingOut
                    ? { patronBarcode: l.patronBarcode, itemBarcode: l.itemBarcode, branch: 'main' }
                    : { itemBarcode: l.itemBarcode, branch: 'main' },
                ),
              },
            )
            const body = await res.text()
            if (res.status === (checkingOut ? 201 : 200)) {
              if (checkingOut) l.checkouts++
              else l.checkins++
              answers.push({ at, outcome: 'ok', detail: String(res.status) })
            } else {
              answers.push({
                at,
                outcome: res.status === 503 ? 'refused' : 'unexpected',
                detail: `${res.status} ${body.slice(0, 200)}`,
              })
              await sleep(20)
            }
          } catch (err) {
            answers.push({ at, outcome: 'connection error', detail: String(err) })
            await sleep(20)
          }
        }
      }
      const sipLoop = async (l: Lane, c: SipClient) => {
        for (let seq = 0; !exited; seq = (seq + 1) % 10) {
          const checkingOut = l.checkouts === l.checkins
          const at = now()
          const message = checkingOut
            ? `11YN${NOW}${BLANK_DATE}AOCARREL|AA${l.patronBarcode}|AB${l.itemBarcode}|AC|`
            : `09N${NOW}${NOW}APmain|AOCARREL|AB${l.itemBarcode}|AC|`
          const answer = await Promise.race([
            c.send(message, String(seq)),
            c.closed.then(() => undefined),
          ]).catch(() => undefined)
          if (answer === undefined) {
            answers.push({ at, outcome: 'connection error', detail: 'SIP2 connection closed' })
            return
          }
          if (answer.startsWith(checkingOut ? '121' : '101')) {
            if (checkingOut) l.checkouts++
            else l.checkins++
            answers.push({ at, outcome: 'ok', detail: answer.slice(0, 3) })
          } else answers.push({ at, outcome: 'unexpected', detail: answer })
        }
      }
      const sipClients = await Promise.all(
        sipLanes.map(async () => {
          const c = await SipClient.connect(sipPort)
          const answer = await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '0')
          expect(answer).toBe(sealed('941', '0'))
          return c
        }),
      )
      const loops = [
        ...httpLanes.map(httpLoop),
        ...sipLanes.map((l, i) => sipLoop(l, sipClients[i] as SipClient)),
      ]

      // Mid-load: once every lane has been through a few checkouts and check-ins.
      const lanes = [...httpLanes, ...sipLanes]
      for (let i = 0; lanes.some((l) => l.checkins < 3); i++) {
        if (exited || i > 600) throw new Error(`no load:\n${JSON.stringify(answers.slice(-5))}`)
        await sleep(50)
      }
      const signalledAt = now()
      child.kill('SIGTERM')
      const code = await exit
      const stoppedIn = now() - signalledAt
      await Promise.all(loops)
      for (const c of sipClients) c.close()

      expect(code, `${stdout}\n${stderr}`).toBe(0)
      expect(stoppedIn).toBeLessThan(GRACE_SECONDS * 1000)
      // Each step of the shutdown is logged.
      for (const step of [
        'shutting down',
        'HTTP server closed',
        'SIP2 server closed',
        'scheduler stopped',
        'stores closed',
      ])
        expect(stdout).toContain(step)

      // No answer was anything but a success, 503 while closing, or a closed connection.
      expect(answers.filter((a) => a.outcome === 'unexpected')).toEqual([])
      // After the signal was handled, nothing new succeeded: refused or cut off.
      expect(shutdownSeenAt).toBeDefined()
      const late = answers.filter((a) => a.at > (shutdownSeenAt ?? 0) + 300)
      expect(late.filter((a) => a.outcome === 'ok')).toEqual([])
      expect(
        answers.filter((a) => a.at > signalledAt && a.outcome !== 'ok').length,
      ).toBeGreaterThan(0)
      expect(await refusedConnection(httpPort)).toBe(true)
      expect(await refusedConnection(sipPort)).toBe(true)

      // Every acknowledged checkout and check-in is committed, and nothing else is: the
      // requests under way at the signal finished and their answers reached the clients. A
      // returned loan is deleted (P3), so the copy's lend count and its open loan tell.
      for (const l of lanes) {
        const item = await ctx.db
          .selectFrom('items')
          .select('times_lent')
          .where('id', '=', l.itemId)
          .executeTakeFirstOrThrow()
        const open = await ctx.db
          .selectFrom('loans')
          .select('id')
          .where('item_id', '=', l.itemId)
          .where('returned_at', 'is', null)
          .execute()
        expect({ item: l.itemBarcode, lent: Number(item.times_lent), onLoan: open.length }).toEqual(
          { item: l.itemBarcode, lent: l.checkouts, onLoan: l.checkouts - l.checkins },
        )
      }
      const counted = await ctx.db
        .selectFrom('circulation_counts')
        .select(['event', 'count'])
        .where('event', 'in', ['checkout', 'checkin'])
        .execute()
      const total = (event: string) =>
        counted.filter((c) => c.event === event).reduce((n, c) => n + Number(c.count), 0)
      const sum = (f: (l: Lane) => number) => lanes.reduce((n, l) => n + f(l), 0)
      expect({ checkouts: total('checkout'), checkins: total('checkin') }).toEqual({
        checkouts: sum((l) => l.checkouts),
        checkins: sum((l) => l.checkins),
      })
      // No job lease is left held by the stopped process.
      const held = await ctx.db
        .selectFrom('job_locks')
        .select(['name', 'locked_until'])
        .where('locked_until', '>', new Date().toISOString())
        .execute()
      expect(held).toEqual([])
    } finally {
      child.kill('SIGKILL')
    }
  }, 90_000)
})
