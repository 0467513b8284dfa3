import { MINUTE } from '../clock.js'
import type { AppContext } from '../context.js'
import { allowanceDay, allowanceSubject, minutesUsed } from './allowance.js'
import { branchClosing } from './branch-closing.js'
import { computerEvents } from './computer-events.js'
import { listRules } from './computer-registry.service.js'
import { reservationFor, waitingCount } from './queue.service.js'
import { afterSessionEnded, endSessionRow, sessionHolder, type SessionRow } from './session-end.js'
import { extensionMinutes, minutesBetween, ruleFor } from './time-rules.js'

/**
 * A session past its end by more than this was not seen by a tick in time (the server was down):
 * it ends once, counted to its end, with no extension granted after the fact.
 */
const LATE = 2 * MINUTE

export type Settled = 'running' | 'extended' | 'ended'

/** The automatic extension, if one applies: nobody waiting, allowance left, before closing. */
async function tryExtension(ctx: AppContext, session: SessionRow, now: Date): Promise<boolean> {
  const computer = await ctx.db
    .selectFrom('computers')
    .innerJoin('computer_groups', 'computer_groups.id', 'computers.group_id')
    .select(['computers.branch', 'computers.group_id', 'computer_groups.code'])
    .where('computers.id', '=', session.computer_id)
    .executeTakeFirstOrThrow()
  const rule = ruleFor(await listRules(ctx.db), computer.code, session.category)
  if (rule === undefined || rule.extensionMinutes < 1) return false
  if ((await waitingCount(ctx.db, computer.branch, computer.group_id)) > 0) return false
  if ((await reservationFor(ctx.db, session.computer_id, now)) !== undefined) return false
  const started = new Date(session.started_at)
  const day = allowanceDay(ctx, started)
  const used = await minutesUsed(
    ctx.db,
    day,
    await allowanceSubject(ctx.db, day, sessionHolder(session)),
  )
  const minutes = extensionMinutes({
    rule,
    usedToday: used,
    sessionMinutes: minutesBetween(session.started_at, new Date(session.ends_at)),
    closing: await branchClosing(ctx, ctx.db, computer.branch, now),
    now,
  })
  if (minutes < 1) return false
  const endsAt = new Date(new Date(session.ends_at).getTime() + minutes * MINUTE)
  // Conditional on the end it read, so two processes ticking at once extend only once.
  const updated = await ctx.db
    .updateTable('computer_sessions')
    .set({ ends_at: endsAt.toISOString(), extensions: session.extensions + 1 })
    .where('id', '=', session.id)
    .where('ends_at', '=', session.ends_at)
    .executeTakeFirst()
  return updated.numUpdatedRows > 0n
}

async function end(ctx: AppContext, session: SessionRow, until: Date): Promise<boolean> {
  const ended = await ctx.db.transaction().execute((trx) => endSessionRow(ctx, trx, session, until))
  if (ended) await afterSessionEnded(ctx, session.computer_id)
  return ended
}

/** Ends, extends or leaves a session, by its end, its screen lock and the instant. */
export async function settleSession(
  ctx: AppContext,
  session: SessionRow,
  now: Date,
): Promise<Settled> {
  const endsAt = new Date(session.ends_at)
  if (session.locked_until !== null && new Date(session.locked_until) <= now && now < endsAt)
    return (await end(ctx, session, now)) ? 'ended' : 'running'
  if (now < endsAt) return 'running'
  const late = now.getTime() - endsAt.getTime() > LATE
  if (!late && session.locked_until === null && (await tryExtension(ctx, session, now))) {
    computerEvents.publish(session.computer_id, { type: 'status' })
    return 'extended'
  }
  return (await end(ctx, session, endsAt)) ? 'ended' : 'running'
}

/**
 * The minute job: every session whose time is up, or whose screen lock ran out, is extended when
 * the rules allow or else ended. Returns how many ended.
 */
export async function tickSessions(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const iso = now.toISOString()
  const due = await ctx.db
    .selectFrom('computer_sessions')
    .selectAll()
    .where((eb) => eb.or([eb('ends_at', '<=', iso), eb('locked_until', '<=', iso)]))
    .orderBy('ends_at')
    .execute()
  let ended = 0
  for (const session of due) if ((await settleSession(ctx, session, now)) === 'ended') ended += 1
  return ended
}
