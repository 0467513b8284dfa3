import { hostname } from 'node:os'
import { Cron } from 'croner'
import type { AppContext } from '../context.js'
import { accrueOverdueFines } from '../circulation/fees.service.js'
import { expireHolds } from '../circulation/holds.service.js'
import { releaseLease, renewLease, tryLease } from './job-lock.js'
import { SYSTEM_ACTOR } from '../actor.js'
import { runRetention } from '../privacy/retention/retention.service.js'
import { deliverNoticesJob } from '../comms/outbox-worker.js'
import { deliverNewsletterJob } from '../comms/newsletter-worker.js'
import { deliverInquiryRepliesJob } from '../comms/inquiry-reply-worker.js'
import { queueDailyNotices } from '../circulation/due-notices.service.js'
import { computerMinute, computerSweep } from '../computers/computer-jobs.js'
import { sweepComputerQueue } from '../computers/queue.service.js'
import { sweepGuestPasses } from '../computers/guest-passes.service.js'
import { deleteRawViews, rawCutoffDay } from '../analytics/sweep.js'
import type { JobOutcome } from '../metrics/metrics.js'

export interface Job {
  name: string
  /** Cron pattern in the library's time zone. */
  pattern: string
  /**
   * The job's work. `signal` is aborted when the run loses its lease to another process (it
   * lapsed and was taken); a long job may check it between batches and stop.
   */
  run(ctx: AppContext, signal: AbortSignal): Promise<Record<string, number>>
}

/** Every scheduled job: thin wrappers over service functions. */
export const JOBS: Job[] = [
  { name: 'overdue-fines', pattern: '5 1 * * *', run: (ctx) => accrueOverdueFines(ctx) },
  { name: 'hold-shelf-expiry', pattern: '15 1 * * *', run: (ctx) => expireHolds(ctx) },
  { name: 'retention-sweep', pattern: '30 2 * * *', run: retentionSweep },
  // Courtesy, overdue and card-expiring notices, queued once a day (a second run queues nothing);
  // in the morning, so they reach patrons at a decent hour.
  { name: 'notices-daily', pattern: '0 7 * * *', run: queueDailyNotices },
  // Every five minutes: a hold-ready notice should not wait long; an empty outbox costs one query.
  { name: 'notices-send', pattern: '*/5 * * * *', run: deliverNoticesJob },
  // Newsletter issues in batches, and the confirmation messages people are waiting for.
  { name: 'newsletter-send', pattern: '*/3 * * * *', run: deliverNewsletterJob },
  // Replies staff wrote to questions sent to the library (ask a librarian).
  { name: 'inquiry-replies-send', pattern: '*/5 * * * *', run: deliverInquiryRepliesJob },
  // Public computers: sessions whose time is up end (or are extended) and unanswered calls from
  // the queue lapse, every minute; the links between patrons and computers go within a day (P13).
  { name: 'computer-minute', pattern: '* * * * *', run: computerMinute },
  { name: 'computer-sweep', pattern: '*/10 * * * *', run: computerSweep },
  // The computer waiting list forgets the day soon after it ends, and guest passes soon after closing.
  {
    name: 'computer-queue-sweep',
    pattern: '*/15 * * * *',
    run: async (ctx) => ({
      places: await sweepComputerQueue(ctx),
      guestPasses: await sweepGuestPasses(ctx),
    }),
  },
  // Website statistics: single page views (with their truncated addresses) go after
  // statistics.rawDays; the daily counts stay. Not behind a disposal authority: the privacy
  // notice promises the period, as it does for the computers' 24 hours.
  {
    name: 'statistics-sweep',
    pattern: '45 2 * * *',
    run: async (ctx) => {
      const cutoff = rawCutoffDay(ctx.clock.now(), ctx.config.statistics.rawDays)
      return { pageViews: (await deleteRawViews(ctx.statistics.db, cutoff)).deleted }
    },
  },
]

/**
 * Runs one job if no other process holds it; returns its counts, or undefined when skipped.
 * The lease is short (`jobs.leaseSeconds`) and renewed every third of its length while the job
 * runs, so a process that dies mid-run blocks the job only until its lease lapses.
 */
export async function runJob(
  ctx: AppContext,
  job: Job,
  holder = `${hostname()}:${process.pid}`,
  leaseSeconds: number = ctx.config.jobs.leaseSeconds,
  /** Aborted when the process is shutting down: the job is asked to stop, as on a lost lease. */
  stopping?: AbortSignal,
): Promise<Record<string, number> | undefined> {
  const started = performance.now()
  const ran = (outcome: JobOutcome) =>
    ctx.metrics.jobRan(job.name, outcome, (performance.now() - started) / 1000)
  if (!(await tryLease(ctx, job.name, holder, leaseSeconds / 60))) {
    ran('busy')
    return undefined
  }
  const renewal = keepLease(ctx, job.name, holder, leaseSeconds)
  const signal =
    stopping === undefined ? renewal.signal : AbortSignal.any([renewal.signal, stopping])
  try {
    const result = await job.run(ctx, signal)
    ran('ok')
    // Some jobs run every minute: a run that found nothing to do is logged only at debug level.
    const level = Object.values(result).some((n) => n !== 0) ? 'info' : 'debug'
    ctx.logger[level]({ job: job.name, ...result }, 'job finished')
    return result
  } catch (err) {
    ran('failed')
    throw err
  } finally {
    // No renewal may land after the release, or it would hold the lease again.
    await renewal.stop()
    // Filtered by holder: a lease another process has taken is left alone.
    await releaseLease(ctx, job.name, holder)
  }
}

interface LeaseRenewal {
  /** Aborted when the lease was found taken by another holder. */
  signal: AbortSignal
  /** Stops renewing and waits for a renewal under way. */
  stop(): Promise<void>
}

/** Renews a held lease every third of its length until stopped (an unref'd timer). */
function keepLease(
  ctx: AppContext,
  name: string,
  holder: string,
  leaseSeconds: number,
): LeaseRenewal {
  const lost = new AbortController()
  let inFlight: Promise<void> | undefined
  const renew = async () => {
    try {
      if (await renewLease(ctx, name, holder, leaseSeconds / 60)) return
      clearInterval(timer)
      ctx.logger.error(
        { job: name, holder },
        'job lease lost: another process took it; signalling the job to stop',
      )
      lost.abort(new Error(`The lease of job "${name}" was taken by another process.`))
    } catch (err) {
      // The lease is still ours until it lapses; the next renewal tries again.
      ctx.logger.warn({ job: name, err }, 'job lease renewal failed')
    }
  }
  const timer = setInterval(
    () => {
      if (inFlight !== undefined) return
      inFlight = renew().finally(() => {
        inFlight = undefined
      })
    },
    (leaseSeconds * 1000) / 3,
  )
  timer.unref()
  return {
    signal: lost.signal,
    stop: async () => {
      clearInterval(timer)
      await inFlight
    },
  }
}

export interface Scheduler {
  /**
   * Stops the timers, asks the runs under way to stop (their signal is aborted: the mail workers
   * put back the notices they claimed and not yet sent) and waits for them, so that each one
   * releases its lease and another process may take the job at once instead of after the lease
   * lapses. Resolves with the names of the jobs that were running.
   */
  stop(): Promise<string[]>
}

/** Starts the timers. */
export function startScheduler(ctx: AppContext, jobs: readonly Job[] = JOBS): Scheduler {
  const stopping = new AbortController()
  const running = new Map<Promise<void>, string>()
  const timers = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: ctx.config.library.timezone, protect: true }, () => {
        if (stopping.signal.aborted) return
        const run = (async () => {
          try {
            await runJob(ctx, job, undefined, undefined, stopping.signal)
          } catch (err) {
            ctx.logger.error({ job: job.name, err }, 'job failed')
          }
        })()
        running.set(run, job.name)
        return run.finally(() => running.delete(run))
      }),
  )
  return {
    stop: async () => {
      for (const t of timers) t.stop()
      const names = [...running.values()]
      stopping.abort(new Error('Carrel is shutting down.'))
      await Promise.all(running.keys())
      return names
    },
  }
}

async function retentionSweep(ctx: AppContext): Promise<Record<string, number>> {
  const results = await runRetention(ctx, SYSTEM_ACTOR)
  return Object.fromEntries(
    results.filter((r) => r.disposed > 0).map((r) => [r.series, r.disposed]),
  )
}
