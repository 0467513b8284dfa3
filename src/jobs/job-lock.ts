import { realClock } from '../clock.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'

/**
 * A lease in the database, so that of many Carrel processes only one runs a job at a time
 * (portable to SQLite, where it also guards against a second process on the same files).
 * Leases keep real time even on a demo's sandbox clock, so a process without the offset is not
 * locked out for the length of the offset. `minutes` may be a fraction (a 2-minute lease is the
 * default for jobs: `jobs.leaseSeconds`, renewed while the job runs — see `runJob`).
 */
export async function tryLease(
  ctx: AppContext,
  name: string,
  holder: string,
  minutes: number,
): Promise<boolean> {
  const now = realClock(ctx.clock).now()
  const until = new Date(now.getTime() + minutes * 60_000).toISOString()
  const res = await ctx.db
    .updateTable('job_locks')
    .set({ locked_until: until, holder })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('locked_until', '<=', now.toISOString()), eb('holder', '=', holder)]))
    .executeTakeFirst()
  if (res.numUpdatedRows > 0n) return true
  try {
    await ctx.db
      .insertInto('job_locks')
      .values({ name, locked_until: until, holder, last_finished_at: null })
      .execute()
    return true
  } catch (err) {
    if (isUniqueViolation(err)) return false
    throw err
  }
}

/**
 * Extends a lease this holder still holds to `minutes` from now. It succeeds only while the row
 * still names this holder: once another holder has taken the lease (after it lapsed), renewing
 * fails and the caller has lost it. A lease that lapsed without being taken is still this
 * holder's, since no other process can have run the job in between.
 */
export async function renewLease(
  ctx: AppContext,
  name: string,
  holder: string,
  minutes: number,
): Promise<boolean> {
  const now = realClock(ctx.clock).now()
  const until = new Date(now.getTime() + minutes * 60_000).toISOString()
  const res = await ctx.db
    .updateTable('job_locks')
    .set({ locked_until: until })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/** Ends this holder's lease; a lease another holder has since taken is left alone. */
export async function releaseLease(ctx: AppContext, name: string, holder: string): Promise<void> {
  const now = realClock(ctx.clock).now().toISOString()
  await ctx.db
    .updateTable('job_locks')
    .set({ locked_until: now, last_finished_at: now })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute()
}

export interface LeaseState {
  name: string
  lockedUntil: string
  holder: string
  lastFinishedAt: string | null
}

/** Every job's lease row (a job that never ran has none). */
export async function leaseStates(ctx: AppContext): Promise<LeaseState[]> {
  const rows = await ctx.db.selectFrom('job_locks').selectAll().execute()
  return rows.map((r) => ({
    name: r.name,
    lockedUntil: r.locked_until,
    holder: r.holder,
    lastFinishedAt: r.last_finished_at,
  }))
}

/** Whether a lease is held at this moment (real time, like the leases themselves). */
export function isLeased(ctx: AppContext, state: LeaseState | undefined): boolean {
  return state !== undefined && state.lockedUntil > realClock(ctx.clock).now().toISOString()
}
