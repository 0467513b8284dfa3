import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig } from '../../config/config.js'
import { AppError } from '../../errors.js'
import { listJobs, runJobNow, type JobState } from '../../jobs/jobs.service.js'
import { withContext } from '../context.js'
import { CliFailure, EXIT_FAILURE } from '../failure.js'
import { say } from '../output.js'

interface JsonOption {
  json?: boolean
}

export function registerJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .description(
      'the scheduled jobs (overdue fines, hold shelf, retention, sending notices): see them, run one now',
    )
  jobs
    .command('list')
    .description('each job with its schedule, when it last finished and whether it is running now')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: JsonOption) => {
      await withContext(loadConfig(), async (ctx) => {
        const states = await listJobs(ctx, SYSTEM_ACTOR)
        if (options.json === true) say(JSON.stringify(states, null, 2))
        else say(...jobTable(states))
      })
    })
  jobs
    .command('run')
    .description(
      'run one job now under its lease, as the scheduler would (refused while another process runs it); audited as job.run',
    )
    .argument('<name>', 'the job to run (see "carrel jobs list")')
    .option('--json', 'print the counts as JSON')
    .action(async (name: string, options: JsonOption) => {
      await withContext(loadConfig(), async (ctx) => {
        const run = await busyIsFailure(() => runJobNow(ctx, SYSTEM_ACTOR, name, 'cli'))
        if (options.json === true) say(JSON.stringify(run, null, 2))
        else say(`Ran ${run.job}: ${describeCounts(run.counts)}.`)
      })
    })
}

/**
 * A job another process is running is a failure to run (exit 1), not bad input (exit 2);
 * the stable code stays in the message.
 */
export async function busyIsFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AppError && err.code === 'JOB_BUSY')
      throw new CliFailure(`${err.message} (${err.code})`, EXIT_FAILURE)
    throw err
  }
}

function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts)
  if (entries.length === 0) return 'nothing to do'
  return entries.map(([k, v]) => `${k} ${v}`).join(', ')
}

function jobTable(states: readonly JobState[]): string[] {
  const rows = [
    ['job', 'schedule', 'last finished', 'now'],
    ...states.map((s) => [
      s.name,
      `${s.schedule} (${s.timezone})`,
      s.lastFinishedAt ?? 'never',
      s.leased ? `running (leased until ${s.leasedUntil ?? '?'})` : 'idle',
    ]),
  ]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows.map((r) =>
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  )
}
