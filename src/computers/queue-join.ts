import { Type } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { conflict, notFound, ruleViolation } from '../errors.js'
import { newId } from '../ids.js'
import { verifyPin, type PinCheck } from '../patrons/card.service.js'
import { findCardByBarcode } from '../patrons/patron.repository.js'
import { loadLive } from '../patrons/patron.service.js'
import { ANONYMOUS_PATRON } from '../patrons/self-service.js'
import { appendAudit, recordAudit, type AuditEvent } from '../privacy/audit.js'
import type { AttemptOrigin } from '../privacy/throttle.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { computerEvents } from './computer-events.js'
import { groupOf, requireAllowed, type QueueGroup } from './queue-rules.js'
import {
  callFreeComputers,
  callNext,
  callNextIn,
  queueDay,
  type CallOutcome,
} from './queue.service.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Barcode = Type.String({ minLength: 1, maxLength: 32 })
const Pin = Type.String({ minLength: 1, maxLength: 32 })

export const JoinQueueSchema = Type.Object(
  { groupId: Id, barcode: Barcode, pin: Pin },
  { additionalProperties: false },
)
export const LeaveQueueSchema = Type.Object(
  { branch: Type.String({ minLength: 1, maxLength: 40 }), barcode: Barcode, pin: Pin },
  { additionalProperties: false },
)
export const DeskAddSchema = Type.Object(
  { groupId: Id, barcode: Type.Optional(Type.String({ maxLength: 32 })) },
  { additionalProperties: false },
)

export interface Ticket {
  ticket: number
  branch: string
  groupId: string
}

const NOT_USABLE = () =>
  ruleViolation(
    'CARD_NOT_USABLE',
    'This card cannot be used for the computers (lost, replaced or expired); ask at the desk.',
  )

function requireUsable(checked: PinCheck): void {
  if (checked.cardStatus !== 'active' || checked.expired) throw NOT_USABLE()
}

/** The patron's category, and the first letter of their given name sealed under their own key. */
async function patronFacts(ctx: AppContext, patronId: string) {
  const { row, cipher } = await loadLive(ctx, patronId)
  const given = cipher.decrypt('given_name_enc', row.given_name_enc)
  const initial = given === null ? undefined : Array.from(given.trim())[0]?.toLocaleUpperCase()
  return {
    category: row.category,
    initialEnc: initial === undefined ? null : cipher.encrypt('queue_initial', initial),
  }
}

/**
 * Adds a place for today in one transaction: yesterday's leftovers go first (so they cannot
 * block a patron's one place per branch), the branch's ticket counter is bumped (the row two
 * joins at once take turns on), then the entry is written. A second place for the same patron
 * at the branch is refused by the unique index even when both joins run at once.
 */
async function insertEntry(
  ctx: AppContext,
  group: QueueGroup,
  patron: { id: string; initialEnc: string | null } | null,
  audit?: { actor: Actor; events: AuditEvent[] },
): Promise<Ticket> {
  const day = queueDay(ctx)
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('computer_queue').where('joined_on', '<', day).execute()
      if (patron !== null) {
        const existing = await trx
          .selectFrom('computer_queue')
          .select('id')
          .where('branch', '=', group.branch)
          .where('patron_id', '=', patron.id)
          .executeTakeFirst()
        if (existing !== undefined) throw ALREADY()
      }
      const ticket = await nextTicket(trx, group.branch, day)
      await trx
        .insertInto('computer_queue')
        .values({
          id: newId(),
          branch: group.branch,
          group_id: group.id,
          ticket,
          patron_id: patron?.id ?? null,
          initial_enc: patron?.initialEnc ?? null,
          status: 'waiting',
          called_computer_id: null,
          call_expires_at: null,
          joined_on: day,
        })
        .execute()
      if (audit !== undefined)
        await appendAudit(trx, ctx.engine, ctx.clock, audit.actor, audit.events)
      return { ticket, branch: group.branch, groupId: group.id }
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw ALREADY()
    throw err
  }
}

const ALREADY = () =>
  conflict('ALREADY_IN_QUEUE', 'This card already has a place in the waiting list at this branch.')

async function nextTicket(trx: Transaction<RecordsDb>, branch: string, day: string) {
  await trx.deleteFrom('computer_queue_tickets').where('day', '<', day).execute()
  const row = await trx
    .insertInto('computer_queue_tickets')
    .values({ branch, day, last_ticket: 1 })
    .onConflict((oc) =>
      oc
        .columns(['branch', 'day'])
        .doUpdateSet((eb) => ({ last_ticket: eb('computer_queue_tickets.last_ticket', '+', 1) })),
    )
    .returning('last_ticket')
    .executeTakeFirstOrThrow()
  return Number(row.last_ticket)
}

/**
 * A patron joins the waiting list of a computer group with card and PIN (the card lockout and
 * the address throttle apply). A computer of that group standing free calls them at once.
 */
export async function joinQueue(
  ctx: AppContext,
  raw: unknown,
  origin?: AttemptOrigin,
): Promise<Ticket> {
  const input = check(JoinQueueSchema, raw)
  const group = await groupOf(ctx.db, input.groupId)
  const checked = await verifyPin(ctx, ANONYMOUS_PATRON, input.barcode, input.pin, origin)
  requireUsable(checked)
  const facts = await patronFacts(ctx, checked.patronId)
  await requireAllowed(ctx.db, group.code, facts.category)
  const ticket = await insertEntry(ctx, group, {
    id: checked.patronId,
    initialEnc: facts.initialEnc,
  })
  await callFreeComputers(ctx, group.branch, group.id)
  return ticket
}

/** A patron gives up their place (card and PIN again: a ticket number alone proves nothing). */
export async function leaveQueue(
  ctx: AppContext,
  raw: unknown,
  origin?: AttemptOrigin,
): Promise<void> {
  const input = check(LeaveQueueSchema, raw)
  const checked = await verifyPin(ctx, ANONYMOUS_PATRON, input.barcode, input.pin, origin)
  const gone = await ctx.db
    .deleteFrom('computer_queue')
    .where('branch', '=', input.branch)
    .where('patron_id', '=', checked.patronId)
    .returning(['called_computer_id'])
    .executeTakeFirst()
  if (gone === undefined)
    throw notFound('NOT_IN_QUEUE', 'This card has no place in the waiting list at this branch.')
  if (gone.called_computer_id !== null) await callNext(ctx, gone.called_computer_id)
}

/**
 * Desk staff add someone: a scanned card (the same checks as joining, without the PIN: staff
 * see the card) or, with no card, an anonymous ticket. Audited without the patron: the log is
 * kept for years and must not become a record of who used the computers when (P13).
 */
export async function addAtDesk(ctx: AppContext, actor: Actor, raw: unknown): Promise<Ticket> {
  requirePermission(actor, 'computers.desk')
  const input = check(DeskAddSchema, raw)
  const group = await groupOf(ctx.db, input.groupId)
  const barcode = input.barcode?.trim() ?? ''
  let patron: { id: string; initialEnc: string | null } | null = null
  if (barcode !== '') {
    const card = await findCardByBarcode(ctx.db, barcode)
    if (card === undefined) throw notFound('CARD_NOT_FOUND', 'No card has this number.')
    if (card.status !== 'active') throw NOT_USABLE()
    const facts = await patronFacts(ctx, card.patron_id)
    await requireAllowed(ctx.db, group.code, facts.category)
    patron = { id: card.patron_id, initialEnc: facts.initialEnc }
  }
  const events: AuditEvent[] = [
    {
      action: 'computer_queue.add',
      detail: { branch: group.branch, group: group.code, anonymous: patron === null },
    },
  ]
  const ticket = await insertEntry(ctx, group, patron, { actor, events })
  await callFreeComputers(ctx, group.branch, group.id)
  return ticket
}

/** Desk staff take a place off the list (after confirming on the page); a held computer is offered on. */
export async function removeEntry(ctx: AppContext, actor: Actor, entryId: string): Promise<void> {
  requirePermission(actor, 'computers.desk')
  const computerId = await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('computer_queue')
      .where('id', '=', entryId)
      .returning(['branch', 'ticket', 'called_computer_id'])
      .executeTakeFirst()
    if (gone === undefined)
      throw notFound('QUEUE_ENTRY_NOT_FOUND', 'That place is no longer in the waiting list.')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'computer_queue.remove', detail: { branch: gone.branch } },
    ])
    return gone.called_computer_id
  })
  if (computerId !== null) await callNext(ctx, computerId)
}

const WHY_NOT: Record<Exclude<CallOutcome, 'called'>, () => Error> = {
  unknown: () => notFound('COMPUTER_NOT_FOUND', 'No such computer.'),
  out_of_service: () => conflict('COMPUTER_OUT_OF_SERVICE', 'That computer is out of service.'),
  in_use: () => conflict('COMPUTER_IN_USE', 'Someone is using that computer.'),
  held: () => conflict('COMPUTER_HELD', 'That computer is already held for someone called.'),
  nobody: () => conflict('QUEUE_EMPTY', 'Nobody is waiting for that group of computers.'),
}

/** Desk staff call the next person to a free computer themselves. */
export async function callNextByStaff(
  ctx: AppContext,
  actor: Actor,
  computerId: string,
): Promise<void> {
  requirePermission(actor, 'computers.desk')
  await ctx.db.transaction().execute(async (trx) => {
    const outcome = await callNextIn(ctx, trx, computerId)
    if (outcome !== 'called') throw WHY_NOT[outcome]()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'computer_queue.call', detail: { computerId } },
    ])
  })
  computerEvents.publish(computerId, { type: 'reserved' })
}

/** Staff reading the list see initials (personal data): the read is logged, without patrons. */
export async function auditQueueRead(ctx: AppContext, actor: Actor, branch: string, count: number) {
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'computer_queue.read', detail: { branch, entries: count } },
  ])
}
