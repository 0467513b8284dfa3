import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/privacy/audit.js'
import { startCli, tempDir, removeTempDirs } from '../cli/run-cli.js'
import { createTestEnv, type TestEnv } from '../harness/engines.js'
import { hiddenValue } from '../web/web-client.js'
import { patronInput, STAFF_PASSWORD, staffActor } from '../harness/factories.js'

/**
 * Two real `carrel serve` processes on one PostgreSQL database, the way a consortium scales out
 * behind a load balancer (PostgreSQL only: SQLite is one process's embedded file). What one
 * process decides, the other must honour: throttles, sessions, job leases and the audit chain.
 */
describe('two Carrel processes on one PostgreSQL database [postgres]', () => {
  let env: TestEnv
  const children: ChildProcess[] = []
  const bases: string[] = []
  const limit = 6

  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const s = createServer()
      s.once('error', reject)
      s.listen(0, '127.0.0.1', () => {
        const address = s.address()
        const port = typeof address === 'object' && address !== null ? address.port : 0
        s.close(() => resolve(port))
      })
    })

  const waitReady = async (base: string) => {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`${base} did not start`)
  }

  beforeAll(async () => {
    env = await createTestEnv('postgres')
    for (let i = 0; i < 2; i++) {
      const port = await freePort()
      const child = startCli(['serve'], {
        cwd: tempDir(),
        env: {
          CARREL_DATA_DIR: tempDir(),
          CARREL_DATABASE_URL: env.databaseUrl ?? '',
          CARREL_KEYSTORE_URL: env.keystoreUrl ?? '',
          CARREL_MASTER_KEY: env.masterKey.toString('base64'),
          CARREL_HTTP_HOST: '127.0.0.1',
          CARREL_HTTP_PORT: String(port),
          CARREL_SIP2_ENABLED: 'false',
          CARREL_ADDRESS_FAILURE_LIMIT: String(limit),
          CARREL_LOG_LEVEL: 'error',
        },
      })
      child.stdout?.setEncoding('utf8').on('data', (s: string) => process.stderr.write(s))
      child.stderr?.setEncoding('utf8').on('data', (s: string) => process.stderr.write(s))
      children.push(child)
      bases.push(`http://127.0.0.1:${port}`)
    }
    await Promise.all(bases.map(waitReady))
  }, 120_000)

  afterAll(async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve()
            c.once('exit', () => resolve())
            c.kill('SIGTERM')
          }),
      ),
    )
    await env.close()
    removeTempDirs()
  }, 60_000)

  const [a, b] = [() => bases[0] ?? '', () => bases[1] ?? '']

  const login = (base: string, username: string, password: string) =>
    fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })

  const cookiesOf = (res: Response): string =>
    res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .join('; ')

  it('ends a desk session everywhere when staff sign out on either process', async () => {
    const staff = await staffActor(env.ctx, 'librarian', 'two-desk')
    expect(staff.id).toBeDefined()
    const formPage = await fetch(`${a()}/staff/sign-in`)
    const form = await formPage.text()
    expect(formPage.status, form.slice(0, 500)).toBe(200)
    const signedIn = await fetch(`${a()}/staff/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _form: hiddenValue(form, '_form'),
        username: 'two-desk',
        password: STAFF_PASSWORD,
        branch: 'main',
      }).toString(),
    })
    expect(signedIn.status).toBe(303)
    const cookie = cookiesOf(signedIn)
    // The cookie opened on one process works on the other (keys come from the master key).
    const onB = await fetch(`${b()}/staff`, { headers: { cookie }, redirect: 'manual' })
    expect(onB.status).toBe(200)
    const page = await onB.text()
    const signedOut = await fetch(`${b()}/staff/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: hiddenValue(page, '_csrf') }).toString(),
    })
    expect(signedOut.status).toBe(303)
    // A copy of the cookie kept from before signing out is refused by the first process too.
    const replay = await fetch(`${a()}/staff`, { headers: { cookie }, redirect: 'manual' })
    expect(replay.status).toBe(303)
    expect(replay.headers.get('location')).toBe('/staff/sign-in')
  })

  it('keeps one audit chain, intact, while both processes write at once', async () => {
    await staffActor(env.ctx, 'librarian', 'two-writer')
    const tokens = await Promise.all(
      [a(), b()].map(async (base) => {
        const res = await login(base, 'two-writer', STAFF_PASSWORD)
        expect(res.status).toBe(200)
        return { base, token: ((await res.json()) as { token: string }).token }
      }),
    )
    const before = await env.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const writes = Array.from({ length: 24 }, (_, i) => {
      const { base, token } = tokens[i % 2] ?? { base: '', token: '' }
      return fetch(`${base}/api/v1/patrons`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(patronInput()),
      })
    })
    const answers = await Promise.all(writes)
    expect(answers.map((r) => r.status)).toEqual(Array<number>(24).fill(201))
    const after = await env.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n) - Number(before.n)).toBeGreaterThanOrEqual(24)
    const verified = await verifyAuditChain(env.ctx.db)
    expect(verified).toMatchObject({ ok: true })
  })

  it('runs a job in one process at a time: a lease held elsewhere refuses both', async () => {
    await staffActor(env.ctx, 'admin', 'two-admin')
    const token = async (base: string) =>
      ((await (await login(base, 'two-admin', STAFF_PASSWORD)).json()) as { token: string }).token
    const [ta, tb] = [await token(a()), await token(b())]
    const run = (base: string, t: string) =>
      fetch(`${base}/api/v1/jobs/hold-shelf-expiry/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}` },
      })
    // A third process (a scheduler elsewhere) holds the lease.
    const until = new Date(Date.now() + 60_000).toISOString()
    await env.ctx.db
      .insertInto('job_locks')
      .values({
        name: 'hold-shelf-expiry',
        locked_until: until,
        holder: 'elsewhere:1',
        last_finished_at: null,
      })
      .execute()
    for (const [base, t] of [
      [a(), ta],
      [b(), tb],
    ] as const) {
      const res = await run(base, t)
      expect(res.status).toBe(409)
      expect(((await res.json()) as { code: string }).code).toBe('JOB_BUSY')
    }
    // The holder died: once its lease runs out, either process may run the job.
    await env.ctx.db
      .updateTable('job_locks')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('name', '=', 'hold-shelf-expiry')
      .execute()
    expect((await run(b(), tb)).status).toBe(200)
    expect((await run(a(), ta)).status).toBe(200)
  })

  it('counts wrong passwords for an address across both processes', async () => {
    await staffActor(env.ctx, 'librarian', 'two-throttle')
    // Half the budget spent on each process: neither alone has seen the limit.
    for (let i = 0; i < limit; i++) {
      const res = await login(i % 2 === 0 ? a() : b(), `nobody-${i}`, 'wrong wrong wrong')
      expect(res.status).toBe(401)
    }
    for (const base of [a(), b()]) {
      const res = await login(base, 'two-throttle', STAFF_PASSWORD)
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })
})
