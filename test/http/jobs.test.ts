import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { releaseLease, tryLease } from '../../src/jobs/job-lock.js'
import { JOBS } from '../../src/jobs/scheduler.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { call, expectProblem, signIn, useApp } from './http-harness.js'

interface JobState {
  name: string
  schedule: string
  timezone: string
  lastFinishedAt: string | null
  leased: boolean
  leasedUntil: string | null
}

describeEngines('http: scheduled jobs for administrators', (env) => {
  const app = useApp(env)

  it('lists every job in JOBS with its schedule, last run and lease, to admins only', async () => {
    const { ctx } = env()
    const admin = await signIn(app(), ctx, 'admin')
    const res = await call(app(), { method: 'GET', url: '/api/v1/jobs', token: admin.token })
    expect(res.status).toBe(200)
    const states = res.body as JobState[]
    expect(states.map((s) => s.name)).toEqual(JOBS.map((j) => j.name))
    expect(states.map((s) => s.name)).toEqual(
      expect.arrayContaining(['overdue-fines', 'hold-shelf-expiry', 'retention-sweep']) as unknown,
    )
    for (const s of states) {
      expect(s.schedule).toBe(JOBS.find((j) => j.name === s.name)?.pattern)
      expect(s.timezone).toBe(ctx.config.library.timezone)
    }

    for (const role of ['privacy_officer', 'librarian', 'circulation'] as const) {
      const other = await signIn(app(), ctx, role)
      expectProblem(
        await call(app(), { method: 'GET', url: '/api/v1/jobs', token: other.token }),
        403,
        'FORBIDDEN',
      )
      expectProblem(
        await call(app(), {
          method: 'POST',
          url: '/api/v1/jobs/overdue-fines/run',
          token: other.token,
        }),
        403,
        'FORBIDDEN',
      )
    }
    expectProblem(
      await call(app(), { method: 'POST', url: '/api/v1/jobs/overdue-fines/run' }),
      401,
      'UNAUTHENTICATED',
    )
  })

  it('runs a job now, returns its counts, records the finish time and audits the run', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 40, maxFineCents: 300 })
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(10 * DAY)
    const admin = await signIn(app(), ctx, 'admin')
    const refused = await signIn(app(), ctx, 'librarian')
    const forbidden = await call(app(), {
      method: 'POST',
      url: '/api/v1/jobs/overdue-fines/run',
      token: refused.token,
    })
    expectProblem(forbidden, 403, 'FORBIDDEN')
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(0)

    const res = await call(app(), {
      method: 'POST',
      url: '/api/v1/jobs/overdue-fines/run',
      token: admin.token,
    })
    expect(res.status).toBe(200)
    const run = res.body as { job: string; counts: Record<string, number> }
    expect(run.job).toBe('overdue-fines')
    expect(run.counts.loans).toBeGreaterThanOrEqual(1)
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBeGreaterThan(0)

    const listed = await call(app(), { method: 'GET', url: '/api/v1/jobs', token: admin.token })
    const fines = (listed.body as JobState[]).find((s) => s.name === 'overdue-fines')
    expect(fines).toMatchObject({ leased: false, leasedUntil: null })
    expect(fines?.lastFinishedAt).toEqual(expect.any(String))

    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'job.run')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_type: 'staff', actor_id: admin.staffId, patron_id: null })
    expect(JSON.parse(audit.detail)).toEqual({
      job: 'overdue-fines',
      via: 'api',
      'count.loans': run.counts.loans,
    })
    // The refused librarian ran nothing, so nothing was audited under their name.
    const theirs = await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'job.run')
      .where('actor_id', '=', refused.staffId)
      .execute()
    expect(theirs).toEqual([])
  })

  it('refuses a job another process holds with 409 JOB_BUSY, and an unknown one with 404 JOB_UNKNOWN', async () => {
    const { ctx } = env()
    const admin = await signIn(app(), ctx, 'admin')
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'job.run')
      .executeTakeFirstOrThrow()
    expect(await tryLease(ctx, 'retention-sweep', 'elsewhere:4242', 60)).toBe(true)
    try {
      const busy = await call(app(), {
        method: 'POST',
        url: '/api/v1/jobs/retention-sweep/run',
        token: admin.token,
      })
      expectProblem(busy, 409, 'JOB_BUSY')
      expect((busy.body as { detail: string }).detail).toContain('retention-sweep')
      // A retention run started by hand takes the same lease.
      expectProblem(
        await call(app(), { method: 'POST', url: '/api/v1/retention/runs', token: admin.token }),
        409,
        'JOB_BUSY',
      )
      const listed = await call(app(), { method: 'GET', url: '/api/v1/jobs', token: admin.token })
      expect((listed.body as JobState[]).find((s) => s.name === 'retention-sweep')).toMatchObject({
        leased: true,
        leasedUntil: expect.any(String) as unknown,
      })
    } finally {
      await releaseLease(ctx, 'retention-sweep', 'elsewhere:4242')
    }
    const unknown = await call(app(), {
      method: 'POST',
      url: '/api/v1/jobs/tea-break/run',
      token: admin.token,
    })
    expectProblem(unknown, 404, 'JOB_UNKNOWN')
    for (const job of JOBS) expect((unknown.body as { detail: string }).detail).toContain(job.name)
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'job.run')
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))

    // Once the lease is free the same run goes ahead.
    const ran = await call(app(), {
      method: 'POST',
      url: '/api/v1/jobs/retention-sweep/run',
      token: admin.token,
    })
    expect(ran.status).toBe(200)
    expect(
      (await call(app(), { method: 'POST', url: '/api/v1/retention/runs', token: admin.token }))
        .status,
    ).toBe(200)
  })
})
