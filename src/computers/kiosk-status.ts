import { MINUTE } from '../clock.js'
import type { AppContext } from '../context.js'
import type { ComputerDevice } from './computer-registry.service.js'
import { markSeen } from './computer-seen.js'
import { reservationFor } from './queue.service.js'
import { afterSessionEnded, endSessionRow, type SessionRow } from './session-end.js'
import { settleSession } from './session-tick.js'

export interface KioskStatus {
  state: 'idle' | 'in_session' | 'locked' | 'reserved' | 'out_of_service'
  endsAt?: string
  minutesLeft?: number
  warning?: 5 | 1
  messages: string[]
  reservedFor?: { ticket: number; until: string }
}

/** Staff messages waiting for a computer, deleted as they are handed over (shown once). */
async function takeMessages(ctx: AppContext, computerId: string): Promise<string[]> {
  // One statement: two heartbeats at once cannot both hand over the same message.
  const rows = await ctx.db
    .deleteFrom('computer_messages')
    .where('computer_id', '=', computerId)
    .returning(['body', 'created_at'])
    .execute()
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at)).map((r) => r.body)
}

async function currentSession(
  ctx: AppContext,
  computerId: string,
): Promise<SessionRow | undefined> {
  return ctx.db
    .selectFrom('computer_sessions')
    .selectAll()
    .where('computer_id', '=', computerId)
    .executeTakeFirst()
}

/**
 * What a computer's screen should show now; the device's heartbeat, so it also records when the
 * computer was last seen. A session whose time is up is settled here (ended, or extended) rather
 * than waiting for the minute job.
 */
export async function sessionStatus(ctx: AppContext, device: ComputerDevice): Promise<KioskStatus> {
  const now = ctx.clock.now()
  await markSeen(ctx.db, device.id, now)
  let session = await currentSession(ctx, device.id)
  if (session !== undefined) {
    await settleSession(ctx, session, now)
    session = await currentSession(ctx, device.id)
  }
  const messages = await takeMessages(ctx, device.id)
  if (session !== undefined) {
    const endsAt = new Date(session.ends_at)
    const minutesLeft = Math.max(0, Math.ceil((endsAt.getTime() - now.getTime()) / MINUTE))
    const warning = minutesLeft <= 1 ? 1 : minutesLeft <= 5 ? 5 : undefined
    const locked = session.locked_until !== null && session.locked_until > now.toISOString()
    return {
      state: locked ? 'locked' : 'in_session',
      endsAt: session.ends_at,
      minutesLeft,
      ...(warning !== undefined && { warning }),
      messages,
    }
  }
  const computer = await ctx.db
    .selectFrom('computers')
    .select('in_service')
    .where('id', '=', device.id)
    .executeTakeFirst()
  if (computer?.in_service !== 1) return { state: 'out_of_service', messages }
  const reservation = await reservationFor(ctx.db, device.id, now)
  if (reservation !== undefined)
    return {
      state: 'reserved',
      messages,
      reservedFor: { ticket: reservation.ticket, until: reservation.until },
    }
  return { state: 'idle', messages }
}

/** The person at the computer signs off; nothing happens when nobody is signed in. */
export async function logOff(ctx: AppContext, device: ComputerDevice): Promise<void> {
  const now = ctx.clock.now()
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom('computer_sessions')
      .selectAll()
      .where('computer_id', '=', device.id)
      .executeTakeFirst()
    return session !== undefined && (await endSessionRow(ctx, trx, session, now))
  })
  if (ended) await afterSessionEnded(ctx, device.id)
}
