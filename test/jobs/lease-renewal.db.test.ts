import { setTimeout as sleep } from 'node:timers/promises'
import { pino } from 'pino'
import { expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { tryLease } from '../../src/jobs/job-lock.js'
import { runUnderLease } from '../../src/jobs/jobs.service.js'
import { runJob, type Job } from '../../src/jobs/scheduler.js'
import { describeEngines } from '../harness/engines.js'

/** Lease length in these tests, in seconds: short, so that lapsing takes moments. */
const LEASE = 1.2

/** The harness's stores on the real clock: renewal runs on real timers, so leases must too. */
function realTime(ctx: AppContext, extra: Partial<AppContext> = {}): AppContext {
  return { ...ctx, clock: systemClock, ...extra }
}

function job(name: string, run: Job['run']): Job {
  return { name, pattern: '* * * * *', run }
}

/** A promise with its resolver, for holding a job open until the test lets it finish. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

async function leaseRow(ctx: AppContext, name: string) {
  return ctx.db
    .selectFrom('job_locks')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
}

describeEngines('job leases', (env) => {
  it('keeps renewing the lease of a job that runs longer than the lease, so no second runner gets in', async () => {
    const ctx = realTime(env().ctx)
    const started = latch()
    const finish = latch()
    const first = runJob(
      ctx,
      job('slow-job', async () => {
        started.open()
        await finish.promise
        return { ran: 1 }
      }),
      'host-a:1',
      LEASE,
    )
    await started.promise
    let otherRuns = 0
    const other = job('slow-job', () => {
      otherRuns++
      return Promise.resolve({ ran: 2 })
    })
    const t0 = Date.now()
    let checks = 0
    // Three lease lengths: without renewal the lease would have lapsed twice over.
    while (Date.now() - t0 < 3 * LEASE * 1000) {
      expect(await runJob(ctx, other, 'host-b:2', LEASE)).toBeUndefined()
      await expect(runUnderLease(ctx, other, 'api')).rejects.toMatchObject({ code: 'JOB_BUSY' })
      checks++
      await sleep(100)
    }
    expect(checks).toBeGreaterThan(5)
    expect(otherRuns).toBe(0)
    finish.open()
    expect(await first).toEqual({ ran: 1 })
    // Released when it finished: the next runner goes ahead at once, and nothing renews it after.
    expect(await runJob(ctx, other, 'host-b:2', LEASE)).toEqual({ ran: 2 })
    const row = await leaseRow(ctx, 'slow-job')
    expect(row.holder).toBe('host-b:2')
    expect(Date.parse(row.locked_until)).toBeLessThanOrEqual(Date.now())
  }, 30_000)

  it('lets another holder take a lease whose holder stopped renewing, once its length has passed', async () => {
    const ctx = realTime(env().ctx)
    const orphan = job('orphan-job', () => Promise.resolve({ ran: 1 }))
    const t0 = Date.now()
    // A holder that took the lease and died: nothing renews it.
    expect(await tryLease(ctx, 'orphan-job', 'dead-host:1', LEASE / 60)).toBe(true)
    expect(await runJob(ctx, orphan, 'host-b:2', LEASE)).toBeUndefined()
    let result: Record<string, number> | undefined
    while ((result = await runJob(ctx, orphan, 'host-b:2', LEASE)) === undefined) {
      if (Date.now() - t0 > LEASE * 1000 + 10_000) throw new Error('the lease never lapsed')
      await sleep(50)
    }
    expect(result).toEqual({ ran: 1 })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(LEASE * 1000)
  }, 30_000)

  it('takes a lease of jobs.leaseSeconds, not an hour', async () => {
    for (const [ctx, seconds] of [
      [env().ctx, 120],
      [await env().reopen({ jobs: { leaseSeconds: 15 } }), 15],
    ] as const) {
      let until = ''
      await runJob(
        ctx,
        job('timed-job', async (c) => {
          until = (await leaseRow(c, 'timed-job')).locked_until
          return {}
        }),
        'host-a:1',
      )
      const left = Date.parse(until) - ctx.clock.now().getTime()
      expect(left).toBeGreaterThan((seconds - 1) * 1000)
      expect(left).toBeLessThanOrEqual(seconds * 1000)
    }
  })

  it('signals the job and logs an error when another holder took the lease, and leaves that holder its lease', async () => {
    const logged: string[] = []
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) })
    const ctx = realTime(env().ctx, { logger })
    const started = latch()
    const first = runJob(
      ctx,
      job('taken-job', async (_c, signal) => {
        started.open()
        const aborted = new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => resolve()),
        )
        await Promise.race([aborted, sleep(10_000)])
        return { aborted: signal.aborted ? 1 : 0 }
      }),
      'host-a:1',
      LEASE,
    )
    await started.promise
    // Another process took the lease (as if this one had stalled past its length).
    const theirs = new Date(Date.now() + 3_600_000).toISOString()
    await ctx.db
      .updateTable('job_locks')
      .set({ holder: 'host-c:3', locked_until: theirs })
      .where('name', '=', 'taken-job')
      .execute()
    expect(await first).toEqual({ aborted: 1 })
    expect(logged.join('')).toContain('job lease lost')
    const row = await leaseRow(ctx, 'taken-job')
    expect(row).toMatchObject({ holder: 'host-c:3', locked_until: theirs, last_finished_at: null })
  }, 30_000)

  it('logs a run that did something at info level, and one that found nothing only at debug', async () => {
    const logged: { level: number; job: string }[] = []
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) =>
          void logged.push(JSON.parse(line) as { level: number; job: string }),
      },
    )
    const ctx = realTime(env().ctx, { logger })
    expect(
      await runJob(
        ctx,
        job('idle-job', () => Promise.resolve({ ended: 0 })),
      ),
    ).toEqual({ ended: 0 })
    expect(
      await runJob(
        ctx,
        job('busy-job', () => Promise.resolve({ ended: 2 })),
      ),
    ).toEqual({ ended: 2 })
    expect(logged.map((l) => [l.job, l.level])).toEqual([['busy-job', 30]])
  })
})
