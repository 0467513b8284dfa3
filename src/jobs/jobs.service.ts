import { hostname } from 'node:os'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { AppError, conflict, notFound } from '../errors.js'
import { newId } from '../ids.js'
import { recordAudit, type AuditDetail } from '../privacy/audit.js'
import type { RetentionRuleId } from '../privacy/retention-rules.js'
import { runRetention, type SeriesRun } from '../privacy/retention/retention.service.js'
import { requirePermission } from '../staff/roles.js'
import { isLeased, leaseStates } from './job-lock.js'
import { JOBS, runJob, type Job } from './scheduler.js'

/** Where a manual run was asked for; recorded in the audit entry. */
export type RunVia = 'cli' | 'api'

export interface JobState {
  name: string
  /** Cron pattern, read in `timezone`. */
  schedule: string
  timezone: string
  /** When a run last finished (scheduled or manual), or null if it never ran here. */
  lastFinishedAt: string | null
  /** Whether a process holds the job's lease right now (a run is under way). */
  leased: boolean
  /** Until when the lease is held, while it is. */
  leasedUntil: string | null
}

export interface JobRun {
  job: string
  counts: Record<string, number>
}

/** Every scheduled job with its schedule and lease; a job added to JOBS appears here by itself. */
export async function listJobs(
  ctx: AppContext,
  actor: Actor,
  jobs: readonly Job[] = JOBS,
): Promise<JobState[]> {
  requirePermission(actor, 'jobs.run')
  const states = new Map((await leaseStates(ctx)).map((s) => [s.name, s]))
  return jobs.map((job) => {
    const state = states.get(job.name)
    const leased = isLeased(ctx, state)
    return {
      name: job.name,
      schedule: job.pattern,
      timezone: ctx.config.library.timezone,
      lastFinishedAt: state?.lastFinishedAt ?? null,
      leased,
      leasedUntil: leased ? (state?.lockedUntil ?? null) : null,
    }
  })
}

export function findJob(name: string, jobs: readonly Job[] = JOBS): Job {
  const job = jobs.find((j) => j.name === name)
  if (job === undefined) {
    throw notFound(
      'JOB_UNKNOWN',
      `There is no job named "${name.slice(0, 64)}"; the jobs are: ${jobs.map((j) => j.name).join(', ')}.`,
    )
  }
  return job
}

/**
 * Runs a job now under its lease, exactly as the scheduler would, and returns its counts.
 * Refuses with JOB_BUSY while another run (scheduled or manual, in any process) holds the lease.
 */
export async function runUnderLease(
  ctx: AppContext,
  job: Job,
  via: RunVia,
): Promise<Record<string, number>> {
  // A holder of its own: the scheduler in this very process must not count as the same holder.
  const holder = `${hostname()}:${process.pid}:${via}:${newId()}`
  const counts = await runJob(ctx, job, holder)
  if (counts !== undefined) return counts
  const state = (await leaseStates(ctx)).find((s) => s.name === job.name)
  const until = state === undefined ? '' : ` (its lease runs until ${state.lockedUntil})`
  throw conflict(
    'JOB_BUSY',
    `The job "${job.name}" is already running in another process${until}; try again when it has finished.`,
  )
}

/** A manual run by staff or an operator: checked, run under the lease, and audited. */
export async function runJobNow(
  ctx: AppContext,
  actor: Actor,
  name: string,
  via: RunVia,
  jobs: readonly Job[] = JOBS,
): Promise<JobRun> {
  requirePermission(actor, 'jobs.run')
  const job = findJob(name, jobs)
  let counts: Record<string, number>
  try {
    counts = await runUnderLease(ctx, job, via)
  } catch (err) {
    // A refused run did nothing; a failed one may have done part of its work, so it is recorded.
    if (!(err instanceof AppError && err.code === 'JOB_BUSY'))
      await auditRun(ctx, actor, { job: job.name, via, failed: true })
    throw err
  }
  await auditRun(ctx, actor, { job: job.name, via, ...countDetail(counts) })
  return { job: job.name, counts }
}

/** The scheduled retention sweep's name: a sweep started by hand takes the same lease. */
export const RETENTION_JOB = 'retention-sweep'

/**
 * A retention sweep asked for by hand (CLI or API), under the retention-sweep job's lease, so
 * that it never overlaps the nightly sweep or another manual one (JOB_BUSY).
 */
export async function runRetentionUnderLease(
  ctx: AppContext,
  actor: Actor,
  via: RunVia,
  onProgress?: (series: RetentionRuleId, done: number) => void,
): Promise<SeriesRun[]> {
  requirePermission(actor, 'retention.run')
  let results: SeriesRun[] = []
  const job = findJob(RETENTION_JOB)
  await runUnderLease(
    ctx,
    {
      ...job,
      run: async (c) => {
        results = await runRetention(c, actor, onProgress)
        return Object.fromEntries(
          results.filter((r) => r.disposed > 0).map((r) => [r.series, r.disposed]),
        )
      },
    },
    via,
  )
  return results
}

/** Counts only, under a prefix so no count can overwrite the job's name. */
function countDetail(counts: Record<string, number>): AuditDetail {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [`count.${k}`, v]))
}

async function auditRun(ctx: AppContext, actor: Actor, detail: AuditDetail): Promise<void> {
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [{ action: 'job.run', detail }])
}
