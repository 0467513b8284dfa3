import { hostname } from 'node:os'
import { Cron } from 'croner'
import type { AppContext } from '../context.js'
import { accrueOverdueFines } from '../circulation/fees.service.js'
import { expireHolds } from '../circulation/holds.service.js'
import { releaseLease, tryLease } from './job-lock.js'
import { SYSTEM_ACTOR } from '../actor.js'
import { runRetention } from '../privacy/retention/retention.service.js'

export interface Job {
  name: string
  /** Cron pattern in the library's time zone. */
  pattern: string
  run(ctx: AppContext): Promise<Record<string, number>>
}

/** Every scheduled job: thin wrappers over service functions. */
export const JOBS: Job[] = [
  { name: 'overdue-fines', pattern: '5 1 * * *', run: accrueOverdueFines },
  { name: 'hold-shelf-expiry', pattern: '15 1 * * *', run: expireHolds },
  { name: 'retention-sweep', pattern: '30 2 * * *', run: retentionSweep },
]

/** Runs one job if no other process holds it; returns its counts, or undefined when skipped. */
export async function runJob(
  ctx: AppContext,
  job: Job,
  holder = `${hostname()}:${process.pid}`,
): Promise<Record<string, number> | undefined> {
  if (!(await tryLease(ctx, job.name, holder, 60))) return undefined
  try {
    const result = await job.run(ctx)
    ctx.logger.info({ job: job.name, ...result }, 'job finished')
    return result
  } finally {
    await releaseLease(ctx, job.name, holder)
  }
}

/** Starts the timers; the returned function stops them. */
export function startScheduler(ctx: AppContext, jobs: readonly Job[] = JOBS): () => void {
  const timers = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: ctx.config.library.timezone, protect: true }, async () => {
        try {
          await runJob(ctx, job)
        } catch (err) {
          ctx.logger.error({ job: job.name, err }, 'job failed')
        }
      }),
  )
  return () => {
    for (const t of timers) t.stop()
  }
}

async function retentionSweep(ctx: AppContext): Promise<Record<string, number>> {
  const results = await runRetention(ctx, SYSTEM_ACTOR)
  return Object.fromEntries(
    results.filter((r) => r.disposed > 0).map((r) => [r.series, r.disposed]),
  )
}
