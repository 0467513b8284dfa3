import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { DEMO_MARKER_FILE, markDemoDataDir } from '../../src/demo/demo-marker.js'
import { releaseLease, tryLease } from '../../src/jobs/job-lock.js'
import { JOBS } from '../../src/jobs/scheduler.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

/** The CLI on the harness's own stores (and master key), from a directory with no config file. */
function carrel(env: TestEnv, args: string[], extra: Record<string, string> = {}) {
  return runCli(args, {
    cwd: tempDir(),
    env: {
      CARREL_DATA_DIR: env.dataDir,
      CARREL_MASTER_KEY: env.masterKey.toString('base64'),
      ...(env.databaseUrl !== undefined && { CARREL_DATABASE_URL: env.databaseUrl }),
      ...(env.keystoreUrl !== undefined && { CARREL_KEYSTORE_URL: env.keystoreUrl }),
      ...extra,
    },
  })
}

async function jobRunAudits(env: TestEnv) {
  const rows = await env.ctx.db
    .selectFrom('audit_log')
    .select(['actor_type', 'actor_id', 'patron_id', 'detail'])
    .where('action', '=', 'job.run')
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }))
}

describeEngines('carrel jobs list and run', (env) => {
  afterAll(removeTempDirs)
  // The CLI runs on the real clock, so the harness's stores are set up in real time too.
  beforeAll(() => env().clock.set(new Date()))

  it('lists every job, runs one under its lease with its counts audited, and names the jobs for an unknown one', async () => {
    const list = await carrel(env(), ['jobs', 'list'])
    expect(list.stderr).toBe('')
    expect(list.code).toBe(0)
    const tz = env().config.library.timezone
    for (const job of JOBS) {
      const pattern = job.pattern.replaceAll('*', '\\*')
      expect(list.stdout).toMatch(
        new RegExp(`^${job.name}\\s+${pattern} \\(${tz}\\)\\s+never\\s+idle$`, 'm'),
      )
    }

    const run = await carrel(env(), ['jobs', 'run', 'hold-shelf-expiry'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('Ran hold-shelf-expiry: expired 0.\n')
    expect(await jobRunAudits(env())).toEqual([
      {
        actor_type: 'system',
        actor_id: 'carrel',
        patron_id: null,
        detail: { job: 'hold-shelf-expiry', via: 'cli', 'count.expired': 0 },
      },
    ])

    const json = await carrel(env(), ['jobs', 'list', '--json'])
    expect(json.code).toBe(0)
    const states = JSON.parse(json.stdout) as { name: string; lastFinishedAt: string | null }[]
    expect(states.map((s) => s.name)).toEqual(JOBS.map((j) => j.name))
    const shelf = states.find((s) => s.name === 'hold-shelf-expiry')
    expect(Date.parse(shelf?.lastFinishedAt ?? '')).toBeGreaterThan(Date.now() - 5 * 60_000)
    expect(states.find((s) => s.name === 'overdue-fines')?.lastFinishedAt).toBeNull()

    const unknown = await carrel(env(), ['jobs', 'run', 'tea-break'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('JOB_UNKNOWN')
    expect(unknown.stderr).toContain('"tea-break"')
    for (const job of JOBS) expect(unknown.stderr).toContain(job.name)
    expect(unknown.stderr).not.toMatch(STACK_LINE)
    expect(await jobRunAudits(env())).toHaveLength(1)
  }, 120_000)

  it('refuses with JOB_BUSY while another process holds the lease, for jobs run and retention run', async () => {
    const { ctx } = env()
    expect(await tryLease(ctx, 'overdue-fines', 'elsewhere:4242', 60)).toBe(true)
    expect(await tryLease(ctx, 'retention-sweep', 'elsewhere:4242', 60)).toBe(true)
    try {
      const busy = await carrel(env(), ['jobs', 'run', 'overdue-fines'])
      expect(busy.code).toBe(1)
      expect(busy.stdout).toBe('')
      expect(busy.stderr).toMatch(/overdue-fines.*already running.*\(JOB_BUSY\)/)
      expect(busy.stderr).not.toMatch(STACK_LINE)

      const sweep = await carrel(env(), ['retention', 'run'])
      expect(sweep.code).toBe(1)
      expect(sweep.stderr).toMatch(/retention-sweep.*\(JOB_BUSY\)/)
      expect(sweep.stdout).not.toContain('Nothing was due')

      const list = await carrel(env(), ['jobs', 'list'])
      expect(list.stdout).toMatch(/^overdue-fines\s.*running \(leased until \S+\)$/m)
      expect(list.stdout).toMatch(/^retention-sweep\s.*running \(leased until \S+\)$/m)
      expect(list.stdout).toMatch(/^hold-shelf-expiry\s.*idle$/m)
    } finally {
      await releaseLease(ctx, 'overdue-fines', 'elsewhere:4242')
      await releaseLease(ctx, 'retention-sweep', 'elsewhere:4242')
    }
    // Refused runs did nothing, so nothing new is in the audit log.
    expect(await jobRunAudits(env())).toHaveLength(1)
    const sweep = await carrel(env(), ['retention', 'run'])
    expect(sweep.code).toBe(0)
    expect(sweep.stdout).toContain('Nothing was due.')
  }, 120_000)

  it('runs a job on the sandbox clock only in a demo library: a loan 40 days on is overdue and fined', async () => {
    const e = env()
    const lib = await setUpLibrary(e.ctx, { loanPeriod: 7, finePerDayCents: 40, maxFineCents: 300 })
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(e.ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const owed = async () => (await listFees(e.ctx, lib.desk, p.id)).owedCents

    // Not a demo: the offset is refused and nothing runs.
    expect(existsSync(join(e.dataDir, DEMO_MARKER_FILE))).toBe(false)
    const refused = await carrel(e, ['jobs', 'run', 'overdue-fines'], {
      CARREL_CLOCK_OFFSET: '40d',
    })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('CLOCK_OFFSET_NOT_DEMO')
    expect(refused.stderr).toContain(DEMO_MARKER_FILE)
    expect(refused.stderr).not.toMatch(STACK_LINE)
    expect(refused.stdout).toBe('')

    // On the real clock the loan is not due yet.
    const today = await carrel(e, ['jobs', 'run', 'overdue-fines'])
    expect(today.code).toBe(0)
    expect(today.stdout).toBe('Ran overdue-fines: loans 0.\n')
    expect(await owed()).toBe(0)

    markDemoDataDir(e.dataDir, new Date())
    const ahead = await carrel(e, ['jobs', 'run', 'overdue-fines'], { CARREL_CLOCK_OFFSET: '40d' })
    expect(ahead.code).toBe(0)
    expect(ahead.stderr).toContain('Sandbox clock: 40 days ahead — dates are not real')
    expect(ahead.stdout).toBe('Ran overdue-fines: loans 1.\n')
    expect(await owed()).toBe(300)
    expect((await listFees(e.ctx, lib.desk, p.id)).fees).toEqual([
      expect.objectContaining({ status: 'accruing', kind: 'overdue', amountCents: 300 }),
    ])
    expect((await jobRunAudits(e)).at(-1)?.detail).toEqual({
      job: 'overdue-fines',
      via: 'cli',
      'count.loans': 1,
    })

    // The lease kept real time, so a process without the offset is not locked out for 40 days.
    const lease = await e.ctx.db
      .selectFrom('job_locks')
      .selectAll()
      .where('name', '=', 'overdue-fines')
      .executeTakeFirstOrThrow()
    expect(Date.parse(lease.locked_until)).toBeLessThan(Date.now() + 60_000)
    expect(Date.parse(lease.last_finished_at ?? '')).toBeLessThan(Date.now() + 60_000)
    const again = await carrel(e, ['jobs', 'run', 'overdue-fines'])
    expect(again.code).toBe(0)
  }, 120_000)
})
