import type { Kysely, Transaction } from 'kysely'
import type { AppContext } from '../context.js'
import { lockRows, lockRowsSkipLocked } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { localDate } from '../library/calendar.js'
import { computerEvents } from './computer-events.js'

/**
 * The computer waiting list: one list per branch and computer group, for today only. When a
 * computer comes free the first person waiting for its group is called to it and has
 * `computers.callMinutes` to sign in there; a no-show loses the place and the next is called.
 * Served, left, missed and yesterday's entries are deleted, not marked (P13). Joining and the
 * desk's actions are in queue-join.ts, what the pages show in queue-views.ts.
 */

/** The library's date today: tickets and entries belong to one day. */
export const queueDay = (ctx: AppContext, now: Date = ctx.clock.now()): string =>
  localDate(now, ctx.config.library.timezone)

/** How many wait (not yet called) for a group of a branch: pc's sessions extend only when none do. */
export async function waitingCount(
  db: Kysely<RecordsDb>,
  branch: string,
  groupId: string,
): Promise<number> {
  const row = await db
    .selectFrom('computer_queue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('branch', '=', branch)
    .where('group_id', '=', groupId)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface Reservation {
  entryId: string
  ticket: number
  patronId: string | null
  until: string
}

/** The live call holding a computer for someone, if any (a call past its time holds nothing). */
export async function reservationFor(
  db: Kysely<RecordsDb>,
  computerId: string,
  now: Date,
): Promise<Reservation | undefined> {
  const row = await db
    .selectFrom('computer_queue')
    .select(['id', 'ticket', 'patron_id', 'call_expires_at'])
    .where('called_computer_id', '=', computerId)
    .where('status', '=', 'called')
    .where('call_expires_at', '>', now.toISOString())
    .executeTakeFirst()
  if (row === undefined || row.call_expires_at === null) return undefined
  return {
    entryId: row.id,
    ticket: row.ticket,
    patronId: row.patron_id,
    until: row.call_expires_at,
  }
}

/** The called person has signed in: their place is served, so it is deleted with the sign-in. */
export async function consumeReservation(
  tx: Transaction<RecordsDb>,
  entryId: string,
): Promise<void> {
  await tx.deleteFrom('computer_queue').where('id', '=', entryId).execute()
}

/**
 * Calls the first person waiting for this computer's branch and group to it, unless the computer
 * is out of service, in use, or already held for someone whose call has not run out. The computer
 * row is locked first, so two calls for one computer take turns; the waiting entry is taken with
 * `skip locked`, so calls for two computers at once call two different people.
 */
export async function callNext(ctx: AppContext, computerId: string): Promise<void> {
  const called = await ctx.db.transaction().execute((trx) => callNextIn(ctx, trx, computerId))
  if (called === 'called') computerEvents.publish(computerId, { type: 'reserved' })
}

/** Why a computer did or did not call someone. */
export type CallOutcome = 'called' | 'unknown' | 'out_of_service' | 'in_use' | 'held' | 'nobody'

/** callNext inside the caller's transaction. */
export async function callNextIn(
  ctx: AppContext,
  trx: Transaction<RecordsDb>,
  computerId: string,
): Promise<CallOutcome> {
  const now = ctx.clock.now()
  const computer = await lockRows(
    trx
      .selectFrom('computers')
      .select(['id', 'branch', 'group_id', 'in_service'])
      .where('id', '=', computerId),
    ctx.engine,
  ).executeTakeFirst()
  if (computer === undefined) return 'unknown'
  if (computer.in_service !== 1) return 'out_of_service'
  const session = await trx
    .selectFrom('computer_sessions')
    .select('id')
    .where('computer_id', '=', computerId)
    .executeTakeFirst()
  if (session !== undefined) return 'in_use'
  const held = await trx
    .selectFrom('computer_queue')
    .select(['id', 'call_expires_at'])
    .where('called_computer_id', '=', computerId)
    .executeTakeFirst()
  if (held !== undefined) {
    if ((held.call_expires_at ?? '') > now.toISOString()) return 'held'
    // The call ran out: that person missed it and loses the place.
    await trx.deleteFrom('computer_queue').where('id', '=', held.id).execute()
  }
  const next = await lockRowsSkipLocked(
    trx
      .selectFrom('computer_queue')
      .select('id')
      .where('branch', '=', computer.branch)
      .where('group_id', '=', computer.group_id)
      .where('status', '=', 'waiting')
      .where('joined_on', '=', queueDay(ctx, now))
      .orderBy('ticket')
      .limit(1),
    ctx.engine,
  ).executeTakeFirst()
  if (next === undefined) return 'nobody'
  const until = new Date(now.getTime() + ctx.config.computers.callMinutes * 60_000)
  const res = await trx
    .updateTable('computer_queue')
    .set({ status: 'called', called_computer_id: computerId, call_expires_at: until.toISOString() })
    .where('id', '=', next.id)
    .where('status', '=', 'waiting')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1 ? 'called' : 'nobody'
}

/**
 * Calls whose time ran out are dropped (the person missed the call) and the computer each held is
 * offered to the next person waiting; run every minute with pc's tickSessions. Returns how many
 * calls ran out.
 */
export async function expireCalls(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now().toISOString()
  const missed = await ctx.db
    .selectFrom('computer_queue')
    .select(['id', 'called_computer_id'])
    .where('status', '=', 'called')
    .where('call_expires_at', '<=', now)
    .execute()
  let count = 0
  for (const m of missed) {
    const computerId = m.called_computer_id
    const gone = await ctx.db
      .deleteFrom('computer_queue')
      .where('id', '=', m.id)
      .where('call_expires_at', '<=', now)
      .executeTakeFirst()
    if (Number(gone.numDeletedRows) === 0) continue
    count += 1
    if (computerId !== null) await callNext(ctx, computerId)
  }
  return count
}

/**
 * Free computers of a group (in service, nobody on them, held for nobody) call the people waiting:
 * someone who joins while a computer stands free is called to it at once.
 */
export async function callFreeComputers(
  ctx: AppContext,
  branch: string,
  groupId: string,
): Promise<void> {
  const free = await ctx.db
    .selectFrom('computers')
    .select('computers.id')
    .where('computers.branch', '=', branch)
    .where('computers.group_id', '=', groupId)
    .where('computers.in_service', '=', 1)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('computer_sessions')
            .select('computer_sessions.id')
            .whereRef('computer_sessions.computer_id', '=', 'computers.id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('computer_queue')
            .select('computer_queue.id')
            .whereRef('computer_queue.called_computer_id', '=', 'computers.id'),
        ),
      ),
    )
    .orderBy('computers.name')
    .execute()
  for (const c of free) await callNext(ctx, c.id)
}

/**
 * The end of the day: every place and ticket counter of an earlier day is deleted (retention
 * `computer-queue`, `carrel jobs run`). Returns how many places went.
 */
export async function sweepComputerQueue(ctx: AppContext): Promise<number> {
  const today = queueDay(ctx)
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('computer_queue')
      .where('joined_on', '<', today)
      .executeTakeFirst()
    await trx.deleteFrom('computer_queue_tickets').where('day', '<', today).execute()
    return Number(res.numDeletedRows)
  })
}
