import type { Kysely, Selectable } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { wallParts } from '../library/calendar.js'
import { addMinutesUsed, allowanceDay, allowanceSubject } from './allowance.js'
import { computerEvents } from './computer-events.js'
import type { ComputerSessionsTable } from './computers.tables.js'
import { callNext } from './queue.service.js'
import { minutesBetween } from './time-rules.js'
import { addUsage } from './usage-counts.js'

export type SessionRow = Selectable<ComputerSessionsTable>

/** Who a session's minutes count against: the patron, or the guest pass. */
export const sessionHolder = (s: SessionRow): string => s.patron_id ?? s.guest_pass_id ?? s.id

/**
 * Ends a session inside the caller's transaction: its minutes go to the holder's allowance and
 * to the anonymous counts (by the hour it started in), and the row, the only link between the
 * holder and the computer, is deleted. Returns false when another process ended it first.
 */
export async function endSessionRow(
  ctx: AppContext,
  trx: Kysely<RecordsDb>,
  session: SessionRow,
  until: Date,
): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('computer_sessions')
    .where('id', '=', session.id)
    .executeTakeFirst()
  if (deleted.numDeletedRows === 0n) return false
  const computer = await trx
    .selectFrom('computers')
    .innerJoin('computer_groups', 'computer_groups.id', 'computers.group_id')
    .select(['computers.branch', 'computer_groups.code'])
    .where('computers.id', '=', session.computer_id)
    .executeTakeFirstOrThrow()
  const endsAt = new Date(session.ends_at)
  const minutes = minutesBetween(session.started_at, until < endsAt ? until : endsAt)
  const started = new Date(session.started_at)
  const day = allowanceDay(ctx, started)
  await addMinutesUsed(trx, day, await allowanceSubject(trx, day, sessionHolder(session)), minutes)
  await addUsage(
    trx,
    {
      day,
      hour: Number(wallParts(started, ctx.config.library.timezone).hour),
      branch: computer.branch,
      groupCode: computer.code,
      category: session.category,
    },
    1,
    minutes,
  )
  return true
}

/** After the ending transaction commits: the kiosk hears of it, and the next person is called. */
export async function afterSessionEnded(ctx: AppContext, computerId: string): Promise<void> {
  computerEvents.publish(computerId, { type: 'ended' })
  await callNext(ctx, computerId)
}
