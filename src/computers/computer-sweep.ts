import { DAY } from '../clock.js'
import type { AppContext } from '../context.js'
import { allowanceDay } from './allowance.js'
import { afterSessionEnded, endSessionRow } from './session-end.js'

export interface ComputerSweep {
  sessions: number
  allowance: number
  dayKeys: number
  messages: number
}

/**
 * P13: whatever links a patron to a computer goes within a day. Sessions that started more than
 * `computers.sweepHours` ago are ended (their minutes counted to their end); past days'
 * allowance counters are deleted with the keys they were hashed under; undelivered messages
 * older than a day are dropped.
 */
export async function sweepComputerLinks(ctx: AppContext): Promise<ComputerSweep> {
  const now = ctx.clock.now()
  const cutoff = new Date(now.getTime() - ctx.config.computers.sweepHours * 3_600_000)
  const stale = await ctx.db
    .selectFrom('computer_sessions')
    .selectAll()
    .where('started_at', '<=', cutoff.toISOString())
    .execute()
  let sessions = 0
  for (const session of stale) {
    const ended = await ctx.db.transaction().execute((trx) => endSessionRow(ctx, trx, session, now))
    if (!ended) continue
    sessions += 1
    await afterSessionEnded(ctx, session.computer_id)
  }
  const today = allowanceDay(ctx, now)
  const { allowance, dayKeys } = await ctx.db.transaction().execute(async (trx) => {
    const a = await trx.deleteFrom('computer_allowance').where('day', '<', today).executeTakeFirst()
    const k = await trx.deleteFrom('computer_day_keys').where('day', '<', today).executeTakeFirst()
    return { allowance: Number(a.numDeletedRows), dayKeys: Number(k.numDeletedRows) }
  })
  const messages = await ctx.db
    .deleteFrom('computer_messages')
    .where('created_at', '<=', new Date(now.getTime() - DAY).toISOString())
    .executeTakeFirst()
  return { sessions, allowance, dayKeys, messages: Number(messages.numDeletedRows) }
}
