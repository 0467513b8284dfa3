import { MINUTE } from '../clock.js'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { computerEvents } from './computer-events.js'
import { MessageTextSchema } from './computer-registry.schemas.js'
import { afterSessionEnded, endSessionRow } from './session-end.js'
import { computerErrors as E } from './session-errors.js'

/*
 * Staff acts on a session are audited by computer, never with the patron on it: the audit log is
 * kept for years, and the session row it would otherwise repeat is forgotten within a day (P13).
 */

export const MAX_STAFF_EXTENSION = 240

/** Desk staff end the session on a computer. */
export async function endSessionByStaff(
  ctx: AppContext,
  actor: Actor,
  computerId: string,
): Promise<void> {
  requirePermission(actor, 'computers.desk')
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom('computer_sessions')
      .selectAll()
      .where('computer_id', '=', computerId)
      .executeTakeFirst()
    if (session === undefined || !(await endSessionRow(ctx, trx, session, now))) throw E.noSession()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'computer.session_end', detail: { computer: computerId } },
    ])
  })
  await afterSessionEnded(ctx, computerId)
}

/** Desk staff give the session on a computer more minutes (beyond the rules: their call). */
export async function extendSessionByStaff(
  ctx: AppContext,
  actor: Actor,
  computerId: string,
  minutes: number,
): Promise<{ endsAt: string }> {
  requirePermission(actor, 'computers.desk')
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_STAFF_EXTENSION)
    throw validation('INVALID_MINUTES', `Extend by 1 to ${MAX_STAFF_EXTENSION} minutes.`, {
      fields: ['minutes'],
    })
  const endsAt = await ctx.db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom('computer_sessions')
      .select(['id', 'ends_at', 'extensions'])
      .where('computer_id', '=', computerId)
      .executeTakeFirst()
    if (session === undefined) throw E.noSession()
    const ends = new Date(new Date(session.ends_at).getTime() + minutes * MINUTE).toISOString()
    const updated = await trx
      .updateTable('computer_sessions')
      .set({ ends_at: ends, extensions: session.extensions + 1 })
      .where('id', '=', session.id)
      .where('ends_at', '=', session.ends_at)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw E.noSession()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'computer.session_extend', detail: { computer: computerId, minutes } },
    ])
    return ends
  })
  computerEvents.publish(computerId, { type: 'status' })
  return { endsAt }
}

/** A message for one computer's screen or for every computer of a group, shown once. */
export async function sendMessage(
  ctx: AppContext,
  actor: Actor,
  target: { computerId: string } | { groupId: string },
  text: string,
): Promise<number> {
  requirePermission(actor, 'computers.desk')
  const body = check(MessageTextSchema, text.trim())
  const query = ctx.db.selectFrom('computers').select('id')
  const computers = await (
    'computerId' in target
      ? query.where('id', '=', target.computerId)
      : query.where('group_id', '=', target.groupId)
  ).execute()
  if (computers.length === 0) throw E.computerNotFound()
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('computer_messages')
      .values(computers.map((c) => ({ id: newId(), computer_id: c.id, body, created_at: now })))
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'computer.message',
        detail:
          'computerId' in target
            ? { computer: target.computerId }
            : { group: target.groupId, computers: computers.length },
      },
    ])
  })
  for (const c of computers) computerEvents.publish(c.id, { type: 'message' })
  return computers.length
}
