import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import { systemClock } from '../../src/clock.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import type { AppContext } from '../../src/context.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { runJob, startScheduler, type Job } from '../../src/jobs/scheduler.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'

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

  it('has the outbox worker put back the notices it claimed and had not sent', async () => {
    const ctx = realTime(env().ctx)
    for (let i = 0; i < 4; i++) {
      const input = patronInput({
        notify: { notices: true, newsletter: false, policyChanges: false },
      })
      const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
      await enqueueNotice(
        ctx.db,
        p.id,
        'hold_ready',
        { pickupCode: `S${i}`, branch: 'main', expiresOn: '2026-01-22' },
        env().clock.now().toISOString(),
      )
    }
    const sending = latch()
    const stopping = latch()
    const job: Job = {
      name: 'notices-send-test',
      pattern: EVERY_SECOND,
      run: async (c, signal) => {
        let first = true
        const run = await deliverNotices(c, {
          signal,
          pauses: {
            // The first notice is about to go when the process is told to stop.
            beforeSend: async () => {
              if (!first) return
              first = false
              sending.open()
              await stopping.promise
            },
          },
        })
        return { ...run }
      },
    }
    const scheduler = startScheduler(ctx, [job])
    await sending.promise
    const claimed = await ctx.db
      .selectFrom('notice_outbox')
      .select(['status', 'claimed_by'])
      .where('status', '=', 'sending')
      .execute()
    expect(claimed).toHaveLength(4)
    const stopped = scheduler.stop()
    stopping.open()
    expect(await stopped).toEqual(['notices-send-test'])
    const rows = await ctx.db
      .selectFrom('notice_outbox')
      .select(['status', 'claimed_by', 'lease_until'])
      .execute()
    // The one under way was finished; the other three wait, unclaimed, for the next run anywhere.
    expect(rows.filter((r) => r.status === 'maildrop')).toHaveLength(1)
    expect(rows.filter((r) => r.status === 'queued')).toEqual(
      Array(3).fill({ status: 'queued', claimed_by: null, lease_until: null }),
    )
    const released = await leaseRow(ctx, job.name)
    expect(Date.parse(released?.locked_until ?? '')).toBeLessThanOrEqual(Date.now())
  }, 30_000)

  it('stops at once when no job is running', async () => {
    const scheduler = startScheduler(realTime(env().ctx), [
      { name: 'yearly-job', pattern: '0 0 1 1 *', run: () => Promise.resolve({}) },
    ])
    expect(await scheduler.stop()).toEqual([])
  })
})
