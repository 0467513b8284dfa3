import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'

/**
 * A lease in the database, so that of many Carrel processes only one runs a job at a time
 * (portable to SQLite, where it also guards against a second process on the same files).
 */
export async function tryLease(
  ctx: AppContext,
  name: string,
  holder: string,
  minutes: number,
): Promise<boolean> {
  const now = ctx.clock.now()
  const until = new Date(now.getTime() + minutes * 60_000).toISOString()
  const res = await ctx.db
    .updateTable('job_locks')
    .set({ locked_until: until, holder })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('locked_until', '<', now.toISOString()), eb('holder', '=', holder)]))
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

export async function releaseLease(ctx: AppContext, name: string, holder: string): Promise<void> {
  const now = ctx.clock.now().toISOString()
  await ctx.db
    .updateTable('job_locks')
    .set({ locked_until: now, last_finished_at: now })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute()
}
