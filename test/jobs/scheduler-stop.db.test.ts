import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { runJob, startScheduler, type Job } from '../../src/jobs/scheduler.js'
import { describeEngines } from '../harness/engines.js'

/** Every second (croner's six-field pattern), so a run starts within moments. */
const EVERY_SECOND = '* * * * * *'

function realTime(ctx: AppContext): AppContext {
  return { ...ctx, clock: systemClock }
}

async function leaseRow(ctx: AppContext, name: string) {
  return ctx.db.selectFrom('job_locks').selectAll().where('name', '=', name).executeTakeFirst()
}

function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

/**
 * Stopping the scheduler (as `carrel serve` does on SIGTERM) asks a running job to stop, waits
 * for it, and leaves its lease released, so another process takes the job at once rather than
 * after the lease lapses.
 */
describeEngines('stopping the scheduler', (env) => {
  it('signals a running job, waits for it and releases its lease', async () => {
    const ctx = realTime(env().ctx)
    const started = latch()
    let stoppedBySignal = false
    let finished = false
    const job: Job = {
      name: 'interruptible-job',
      pattern: EVERY_SECOND,
      run: async (_ctx, signal) => {
        started.open()
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))
        stoppedBySignal = true
        // A job tidying up after the signal (as the mail workers put back what they claimed).
        await sleep(200)
        finished = true
        return { stopped: 1 }
      },
    }
    const scheduler = startScheduler(ctx, [job])
    await started.promise
    const held = await leaseRow(ctx, job.name)
    expect(held?.holder).toBe(`${hostname()}:${process.pid}`)
    expect(Date.parse(held?.locked_until ?? '')).toBeGreaterThan(Date.now())

    expect(await scheduler.stop()).toEqual(['interruptible-job'])
    expect(stoppedBySignal).toBe(true)
    expect(finished).toBe(true)
    const released = await leaseRow(ctx, job.name)
    expect(Date.parse(released?.locked_until ?? '')).toBeLessThanOrEqual(Date.now())
    expect(released?.last_finished_at).not.toBeNull()
    // Another process takes the job at once.
    const other: Job = { ...job, run: () => Promise.resolve({ ran: 1 }) }
    expect(await runJob(ctx, other, 'host-b:2')).toEqual({ ran: 1 })
  }, 30_000)

  it('waits for a job that does not watch the signal to finish, and starts no run after', async () => {
    const ctx = realTime(env().ctx)
    const started = latch()
    let runs = 0
    let finished = false
    const job: Job = {
      name: 'steady-job',
      pattern: EVERY_SECOND,
      run: async () => {
        runs++
        started.open()
        await sleep(400)
        finished = true
        return { ran: 1 }
      },
    }
    const scheduler = startScheduler(ctx, [job])
    await started.promise
    await scheduler.stop()
    expect(finished).toBe(true)
    const released = await leaseRow(ctx, job.name)
    expect(Date.parse(released?.locked_until ?? '')).toBeLessThanOrEqual(Date.now())
    const after = runs
    await sleep(1500)
    expect(runs).toBe(after)
  }, 30_000)

  it('stops at once when no job is running', async () => {
    const scheduler = startScheduler(realTime(env().ctx), [
      { name: 'yearly-job', pattern: '0 0 1 1 *', run: () => Promise.resolve({}) },
    ])
    expect(await scheduler.stop()).toEqual([])
  })
})
