import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { requirePermission } from '../staff/roles.js'
import { auditQueueRead } from './queue-join.js'
import type { QueueStatus } from './queue.tables.js'
import { queueDay } from './queue.service.js'

/** What the public page tells the holder of a ticket: no name, no card. */
export interface PublicPlace {
  ticket: number
  groupName: string
  status: QueueStatus
  /** 1 for the next to be called; 0 once called. */
  position: number
  computerName: string | null
  until: string | null
}

/** Today's entries of a branch, in each group's order, with the names a page needs. */
async function todaysEntries(ctx: AppContext, branch: string) {
  return ctx.db
    .selectFrom('computer_queue as q')
    .innerJoin('computer_groups as g', 'g.id', 'q.group_id')
    .leftJoin('computers as c', 'c.id', 'q.called_computer_id')
    .select([
      'q.id',
      'q.ticket',
      'q.group_id',
      'q.patron_id',
      'q.initial_enc',
      'q.status',
      'q.call_expires_at',
      'g.name as group_name',
      'c.name as computer_name',
    ])
    .where('q.branch', '=', branch)
    .where('q.joined_on', '=', queueDay(ctx))
    .orderBy('g.name')
    .orderBy('q.ticket')
    .execute()
}

type EntryRow = Awaited<ReturnType<typeof todaysEntries>>[number]

/** Waiting places are numbered 1, 2, … within their group; a called place is 0 (its turn came). */
function positions(rows: readonly EntryRow[]): Map<string, number> {
  const seen = new Map<string, number>()
  const out = new Map<string, number>()
  for (const r of rows) {
    if (r.status !== 'waiting') {
      out.set(r.id, 0)
      continue
    }
    const n = (seen.get(r.group_id) ?? 0) + 1
    seen.set(r.group_id, n)
    out.set(r.id, n)
  }
  return out
}

/** A ticket's place today, or undefined once it is served, given up or missed. */
export async function placeOf(
  ctx: AppContext,
  branch: string,
  ticket: number,
): Promise<PublicPlace | undefined> {
  const rows = await todaysEntries(ctx, branch)
  const row = rows.find((r) => r.ticket === ticket)
  if (row === undefined) return undefined
  return {
    ticket: row.ticket,
    groupName: row.group_name,
    status: row.status,
    position: positions(rows).get(row.id) ?? 0,
    computerName: row.computer_name,
    until: row.call_expires_at,
  }
}

export interface DeskEntry {
  id: string
  ticket: number
  groupName: string
  position: number
  /** The first letter of the given name; null for an anonymous desk ticket. */
  initial: string | null
  status: QueueStatus
  computerName: string | null
  until: string | null
}

/** The desk's view of a branch's list: position, ticket and an initial at most, never a card. */
export async function listQueue(
  ctx: AppContext,
  actor: Actor,
  branch: string,
): Promise<DeskEntry[]> {
  requirePermission(actor, 'computers.desk')
  const rows = await todaysEntries(ctx, branch)
  const patronIds = rows.flatMap((r) => (r.patron_id === null ? [] : [r.patron_id]))
  const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, patronIds)
  const place = positions(rows)
  if (patronIds.length > 0) await auditQueueRead(ctx, actor, branch, rows.length)
  return rows.map((r) => {
    const cipher = r.patron_id === null ? undefined : ciphers.get(r.patron_id)
    return {
      id: r.id,
      ticket: r.ticket,
      groupName: r.group_name,
      position: place.get(r.id) ?? 0,
      initial: cipher === undefined ? null : cipher.decrypt('queue_initial', r.initial_enc),
      status: r.status,
      computerName: r.computer_name,
      until: r.call_expires_at,
    }
  })
}

export interface QueueDisplay {
  /** Live calls: the ticket and the computer it goes to, soonest to run out first. */
  called: { ticket: number; computerName: string; until: string }[]
  waiting: { groupName: string; count: number }[]
}

/** The screen in the library: ticket numbers and counts only. */
export async function queueDisplay(ctx: AppContext, branch: string): Promise<QueueDisplay> {
  const now = ctx.clock.now().toISOString()
  const rows = await todaysEntries(ctx, branch)
  const counts = new Map<string, number>()
  for (const r of rows)
    if (r.status === 'waiting') counts.set(r.group_name, (counts.get(r.group_name) ?? 0) + 1)
  return {
    called: rows
      .flatMap((r) =>
        r.status === 'called' &&
        r.computer_name !== null &&
        r.call_expires_at !== null &&
        r.call_expires_at > now
          ? [{ ticket: r.ticket, computerName: r.computer_name, until: r.call_expires_at }]
          : [],
      )
      .sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : a.ticket - b.ticket)),
    waiting: [...counts.entries()].map(([groupName, count]) => ({ groupName, count })),
  }
}

/** The groups of a branch, for the join and desk forms. */
export async function queueGroups(ctx: AppContext, branch?: string) {
  let q = ctx.db
    .selectFrom('computer_groups as g')
    .innerJoin('branches as b', 'b.code', 'g.branch')
    .select(['g.id', 'g.branch', 'g.code', 'g.name', 'b.name as branch_name'])
    .orderBy('b.name')
    .orderBy('g.name')
  if (branch !== undefined) q = q.where('g.branch', '=', branch)
  return q.execute()
}

/** Computers of a branch a person could be called to now (in service, nobody on it, held for nobody). */
export async function freeComputers(ctx: AppContext, branch: string) {
  const rows = await ctx.db
    .selectFrom('computers as c')
    .innerJoin('computer_groups as g', 'g.id', 'c.group_id')
    .leftJoin('computer_sessions as s', 's.computer_id', 'c.id')
    .leftJoin('computer_queue as q', 'q.called_computer_id', 'c.id')
    .select(['c.id', 'c.name', 'g.name as group_name', 'q.call_expires_at'])
    .where('c.branch', '=', branch)
    .where('c.in_service', '=', 1)
    .where('s.id', 'is', null)
    .orderBy('c.name')
    .execute()
  const now = ctx.clock.now().toISOString()
  return rows.filter((r) => r.call_expires_at === null || r.call_expires_at <= now)
}

/** Tickets handed out today at every branch: the public join form's count for its daily cap. */
export async function ticketsToday(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('computer_queue_tickets')
    .select((eb) => eb.fn.sum<number>('last_ticket').as('n'))
    .where('day', '=', queueDay(ctx))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** A branch's name, or undefined for a branch the library does not have. */
export async function branchName(ctx: AppContext, code: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('branches')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirst()
  return row?.name
}
