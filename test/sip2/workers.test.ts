// SIP2 in worker processes: connections spread over the workers, every transaction persisted in
// the shared stores, limits kept by the serving process, a dead worker replaced, nothing left
// running after close. The workers run on the real clock (the test clock stays in this process).
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { startSip2WorkerPool, type Sip2WorkerPool } from '../../src/sip2/worker-pool.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { sealed, SipClient } from './sip-client.js'
import { BLANK_DATE, NOW, SIP_PASSWORD } from './sip-world.js'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const STATUS = '9900302.00'
const PER_ADDRESS = 4

/** Waits (up to 60 s: a worker starting from sources on a busy machine is slow) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1200 && !ready(); i++) await sleep(50)
  expect(ready()).toBe(true)
}

/** True when the process is gone (reaped: kill(pid, 0) fails with ESRCH). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch (err) {
    return (err as { code?: string }).code === 'ESRCH'
  }
}

describeEngines(
  'SIP2 worker processes',
  (env) => {
    let pool: Sip2WorkerPool
    let lib: Awaited<ReturnType<typeof setUpLibrary>>
    let login: string
    const clients: SipClient[] = []
    beforeAll(async () => {
      const { ctx } = env()
      lib = await setUpLibrary(ctx)
      login = `kiosk-${randomBytes(3).toString('hex')}`
      await createSipAccount(ctx, SYSTEM_ACTOR, {
        login,
        password: SIP_PASSWORD,
        institutionId: 'CARREL',
        location: 'main',
      })
      pool = await startSip2WorkerPool(ctx, { port: 0, workers: 2, masterKey: env().masterKey })
    }, 120_000)
    afterAll(async () => {
      for (const c of clients) c.close()
      await pool.close()
    })

    const connect = async (from: string) => {
      const c = await SipClient.connect(pool.port, from)
      clients.push(c)
      return c
    }
    /** Logged in one after another: the address throttle refuses logins that overlap. */
    const loggedIn = async (from: string, n: number) => {
      const out: SipClient[] = []
      for (let i = 0; i < n; i++) {
        const c = await connect(from)
        expect(await c.send(`9300CN${login}|CO${SIP_PASSWORD}|CPmain|`, '0')).toBe(
          sealed('941', '0'),
        )
        out.push(c)
      }
      return out
    }
    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      Number((await query.execute(env().ctx.db)).rows[0]?.n)

    it('spreads connections over the workers; concurrent checkouts and check-ins all persist', async () => {
      const before = pool.connectionCounts().reduce((a, b) => a + b, 0)
      const kiosks = await loggedIn('127.0.0.11', 4)
      expect(pool.connectionCounts().reduce((a, b) => a + b, 0)).toBe(before + 4)
      expect(pool.connectionCounts()).toEqual([2, 2])
      const lanes = await Promise.all(
        kiosks.map(async () => {
          const patron = await lib.patron()
          const { items } = await lib.title([{}, {}])
          return { patron: patron.barcode, items: items.map((i) => i.barcode) }
        }),
      )
      const ROUNDS = 5
      await Promise.all(
        kiosks.map(async (c, k) => {
          const lane = lanes[k]!
          for (let r = 0; r < ROUNDS; r++) {
            const item = lane.items[0]!
            const out = await c.send(
              `11YN${NOW}${BLANK_DATE}AOCARREL|AA${lane.patron}|AB${item}|AC|`,
              String((2 * r + 1) % 10),
            )
            expect(out.slice(0, 3)).toBe('121')
            const back = await c.send(
              `09N${NOW}${NOW}APmain|AOCARREL|AB${item}|AC|`,
              String((2 * r + 2) % 10),
            )
            expect(back.slice(0, 3)).toBe('101')
          }
          // One stays out, to find it on the patron afterwards.
          const kept = await c.send(
            `11YN${NOW}${BLANK_DATE}AOCARREL|AA${lane.patron}|AB${lane.items[1]}|AC|`,
            '1',
          )
          expect(kept.slice(0, 3)).toBe('121')
        }),
      )
      for (const lane of lanes) {
        expect(
          await count(sql`select times_lent as n from items where barcode = ${lane.items[0]}`),
        ).toBe(ROUNDS)
        expect(
          await count(sql`select count(*) as n from loans l join items i on i.id = l.item_id
            join cards c on c.patron_id = l.patron_id
            where i.barcode = ${lane.items[1]} and c.barcode = ${lane.patron}
              and l.returned_at is null`),
        ).toBe(1)
      }
      const lent = lanes.flatMap((l) => l.items)
      // Returned loans were forgotten (P3); the counts and the audit log kept each transaction.
      expect(
        await count(sql`select count(*) as n from loans l join items i on i.id = l.item_id
          where i.barcode in (${sql.join(lent)})`),
      ).toBe(4)
      expect(
        await count(
          sql`select coalesce(sum(count), 0) as n from circulation_counts where event = 'checkout'`,
        ),
      ).toBe(4 * (ROUNDS + 1))
      expect(
        await count(
          sql`select coalesce(sum(count), 0) as n from circulation_counts where event = 'checkin'`,
        ),
      ).toBe(4 * ROUNDS)
      expect(
        await count(sql`select count(*) as n from audit_log where action = 'circ.checkout'`),
      ).toBe(4 * (ROUNDS + 1))
      for (const c of kiosks) c.close()
      await until(() => pool.connectionCounts().every((n) => n === 0))
    })

    it('keeps the per-address limit across workers, and frees a place when a connection ends', async () => {
      const held = await Promise.all(
        Array.from({ length: PER_ADDRESS }, () => connect('127.0.0.12')),
      )
      for (const c of held) expect((await c.send(STATUS)).slice(0, 3)).toBe('98Y')
      expect(pool.connectionCounts().every((n) => n > 0)).toBe(true)
      const over = await connect('127.0.0.12')
      over.write(`${STATUS}\r`)
      await over.closed
      expect(await over.silence(0)).toEqual([])
      // Another address is not held back by this one.
      const other = await connect('127.0.0.13')
      expect((await other.send(STATUS)).slice(0, 3)).toBe('98Y')

      held[0]!.close()
      await until(() => pool.connectionCounts().reduce((a, b) => a + b, 0) === PER_ADDRESS)
      const again = await connect('127.0.0.12')
      expect((await again.send(STATUS)).slice(0, 3)).toBe('98Y')
      for (const c of [...held, other, again]) c.close()
      await until(() => pool.connectionCounts().every((n) => n === 0))
    })

    it('replaces a killed worker; its connections are lost and released, new ones are answered', async () => {
      const [a, b] = [await connect('127.0.0.14'), await connect('127.0.0.14')]
      expect((await a.send(STATUS)).slice(0, 3)).toBe('98Y')
      expect((await b.send(STATUS)).slice(0, 3)).toBe('98Y')
      const [victim, survivor] = pool.workerPids()
      expect(victim).toBeDefined()
      process.kill(victim!, 'SIGKILL')
      // One of the two was on the killed worker: it is closed; the other still answers.
      await Promise.race([a.closed, b.closed])
      await until(() => pool.connectionCounts()[0] === 0)
      await until(() => pool.workerPids()[0] !== undefined)
      expect(pool.workerPids()[0]).not.toBe(victim)
      expect(pool.workerPids()[1]).toBe(survivor)
      expect(gone(victim!)).toBe(true)
      const alive = await Promise.race([a.closed.then(() => b), b.closed.then(() => a)])
      expect((await alive.send(STATUS)).slice(0, 3)).toBe('98Y')

      // The lost connection no longer counts: three more fit beside the survivor (limit four).
      const fresh = await loggedIn('127.0.0.14', PER_ADDRESS - 1)
      expect(pool.connectionCounts()[0]).toBeGreaterThan(0)
      for (const c of fresh) expect((await c.send(STATUS)).slice(0, 3)).toBe('98Y')
      for (const c of [alive, ...fresh]) c.close()
    }, 120_000)

    it('close() ends every worker process', async () => {
      const pids = pool.workerPids()
      expect(pids.every((p) => p !== undefined)).toBe(true)
      const c = await connect('127.0.0.15')
      expect((await c.send(STATUS)).slice(0, 3)).toBe('98Y')
      await pool.close()
      for (const pid of pids) expect(gone(pid!)).toBe(true)
      await c.closed
      await expect(SipClient.connect(pool.port)).rejects.toThrow()
    })
  },
  { sip2: { maxConnectionsPerAddress: PER_ADDRESS } },
)
