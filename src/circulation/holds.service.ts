import type { Kysely } from 'kysely'
import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { conflict, forbidden, notFound, ruleViolation, validation } from '../errors.js'
import { isUniqueViolation } from '../db/dialect.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { patronExists } from '../patrons/patron.service.js'
import { checkItemScope, getRecordRow } from '../catalog/catalog.service.js'
import { loadLive } from '../patrons/patron.service.js'
import { can } from '../staff/roles.js'
import { check, isCalendarDate } from '../validate.js'
import { closeHold, loadPolicy, underLegalHold } from './circ-support.js'
import { countHold } from './counts.js'
import { localDate } from '../library/calendar.js'
import type { HoldStatus } from './circulation.tables.js'
import { routeItem } from './routing.js'

export const PlaceHoldSchema = Type.Object(
  {
    patronId: Type.String({ minLength: 1, maxLength: 64 }),
    recordId: Type.String({ minLength: 1, maxLength: 64 }),
    pickupBranch: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
)
export const SuspendSchema = Type.Object(
  { until: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]) },
  { additionalProperties: false },
)

function requireOwnerOrDesk(actor: Actor, patronId: string | null): void {
  if (can(actor, 'circ.desk')) return
  if (actor.type === 'patron' && patronId !== null && actor.id === patronId) return
  throw forbidden('FORBIDDEN', 'Not your hold.')
}

export interface HoldView {
  id: string
  recordId: string
  title: string
  pickupBranch: string
  status: HoldStatus
  placedAt: string
  suspendedUntil: string | null
  /** Place in the queue (1 = next), while queued. */
  position: number | null
  pickupCode: string | null
  expiresOn: string | null
}

/** Places a title-level hold: the next copy returned anywhere goes to the pickup branch. */
export async function placeHold(ctx: AppContext, actor: Actor, raw: unknown): Promise<HoldView> {
  const input = check(PlaceHoldSchema, raw)
  requireOwnerOrDesk(actor, input.patronId)
  const { row: patron } = await loadLive(ctx, input.patronId)
  await checkItemScope(ctx.db, input.pickupBranch, undefined)
  const record = await getRecordRow(ctx.db, input.recordId)
  const now = ctx.clock.now()
  const at = now.toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(ctx, trx)
    if (patron.expires_on < policy.today(now))
      throw ruleViolation('CARD_EXPIRED', 'This card has expired.')
    const items = await trx
      .selectFrom('items')
      .select(['item_type', 'status'])
      .where('record_id', '=', record.id)
      .execute()
    const loanable = items.filter((i) => !['lost', 'withdrawn', 'not_for_loan'].includes(i.status))
    if (loanable.length === 0)
      throw ruleViolation('NO_HOLDABLE_ITEMS', 'This title has no copies that can be lent.')
    if (
      !loanable.some(
        (i) => policy.ruleFor(input.pickupBranch, patron.category, i.item_type).holds_allowed === 1,
      )
    )
      throw ruleViolation(
        'HOLDS_NOT_ALLOWED',
        'Holds are not allowed on this title for this patron.',
      )
    const mine = await trx
      .selectFrom('holds')
      .select(['record_id'])
      .where('patron_id', '=', patron.id)
      .where('status', 'in', ['queued', 'in_transit', 'ready'])
      .execute()
    if (mine.some((h) => h.record_id === record.id))
      throw conflict('ALREADY_ON_HOLD', 'This patron already has a hold on this title.')
    if (mine.length >= ctx.config.circulation.holdsPerPatron)
      throw ruleViolation('TOO_MANY_HOLDS', 'This patron has as many holds as the library allows.')
    const onLoan = await trx
      .selectFrom('loans')
      .select('id')
      .where('patron_id', '=', patron.id)
      .where('record_id', '=', record.id)
      .where('returned_at', 'is', null)
      .limit(1)
      .execute()
    if (onLoan.length > 0)
      throw conflict('ALREADY_ON_LOAN', 'This patron already has a copy of this title.')
    // The queue is ordered by placed_at. Ids are random, so they cannot break a tie in the order
    // holds arrived: a hold placed in the same millisecond as the last one on the title is placed
    // a millisecond after it.
    const last = await trx
      .selectFrom('holds')
      .select((eb) => eb.fn.max('placed_at').as('at'))
      .where('record_id', '=', record.id)
      .where('status', 'in', ['queued', 'in_transit', 'ready'])
      .executeTakeFirst()
    const placedAt =
      last?.at != null && last.at >= at
        ? new Date(new Date(last.at).getTime() + 1).toISOString()
        : at
    const hold = {
      id: newId(),
      record_id: record.id,
      patron_id: patron.id,
      pickup_branch: input.pickupBranch,
      status: 'queued' as const,
      placed_at: placedAt,
      suspended_until: null,
      item_id: null,
      pickup_code: null,
      ready_at: null,
      expires_on: null,
      closed_at: null,
    }
    try {
      await trx.insertInto('holds').values(hold).execute()
    } catch (err) {
      // The same hold placed twice at once: the database lets one in (holds_open_patron_record).
      if (isUniqueViolation(err))
        throw conflict('ALREADY_ON_HOLD', 'This patron already has a hold on this title.')
      throw err
    }
    await countHold(trx, { day: policy.today(now), branch: input.pickupBranch }, 'placed')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'hold.place', patronId: patron.id },
    ])
    const position = await queuePosition(trx, record.id, hold.placed_at, hold.id)
    return {
      id: hold.id,
      recordId: record.id,
      title: record.title,
      pickupBranch: hold.pickup_branch,
      status: hold.status,
      placedAt: placedAt,
      suspendedUntil: null,
      position,
      pickupCode: null,
      expiresOn: null,
    }
  })
}

async function queuePosition(
  db: AppContext['db'],
  recordId: string,
  placedAt: string,
  id: string,
): Promise<number> {
  const ahead = await db
    .selectFrom('holds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', '=', recordId)
    .where('status', '=', 'queued')
    .where((eb) =>
      eb.or([
        eb('placed_at', '<', placedAt),
        eb.and([eb('placed_at', '=', placedAt), eb('id', '<', id)]),
      ]),
    )
    .executeTakeFirstOrThrow()
  return Number(ahead.n) + 1
}

async function getOpenHold(ctx: AppContext, holdId: string) {
  const hold = await ctx.db
    .selectFrom('holds')
    .selectAll()
    .where('id', '=', holdId)
    .executeTakeFirst()
  if (hold === undefined || hold.patron_id === null)
    throw notFound('HOLD_NOT_FOUND', 'No such hold.')
  return hold
}

/** Cancels a hold. A copy waiting on the shelf for it goes straight to the next hold or home. */
export async function cancelHold(ctx: AppContext, actor: Actor, holdId: string): Promise<void> {
  const hold = await getOpenHold(ctx, holdId)
  requireOwnerOrDesk(actor, hold.patron_id)
  if (!['queued', 'in_transit', 'ready'].includes(hold.status))
    throw conflict('HOLD_CLOSED', 'This hold is no longer open.')
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await closeHold(trx, hold, 'cancelled', now.toISOString())))
      throw conflict('HOLD_CLOSED', 'This hold changed while it was being cancelled.')
    await countHold(
      trx,
      { day: localDate(now, ctx.config.library.timezone), branch: hold.pickup_branch },
      'cancelled',
    )
    if (hold.status === 'ready' && hold.item_id !== null) {
      const item = await trx
        .selectFrom('items')
        .selectAll()
        .where('id', '=', hold.item_id)
        .executeTakeFirstOrThrow()
      await routeItem(ctx, trx, await loadPolicy(ctx, trx), item, hold.pickup_branch)
    }
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'hold.cancel', patronId: hold.patron_id },
    ])
  })
}

/** Suspends a queued hold until a date (or until resumed, with null); the patron keeps their place. */
export async function suspendHold(
  ctx: AppContext,
  actor: Actor,
  holdId: string,
  raw: unknown,
): Promise<void> {
  const { until } = check(SuspendSchema, raw)
  const hold = await getOpenHold(ctx, holdId)
  requireOwnerOrDesk(actor, hold.patron_id)
  if (hold.status !== 'queued')
    throw conflict('HOLD_NOT_QUEUED', 'Only a hold still waiting for a copy can be suspended.')
  if (until !== null && !isCalendarDate(until))
    throw validation('INVALID_DATE', 'That is not a real date.')
  if (until !== null && until < ctx.clock.now().toISOString().slice(0, 10))
    throw validation('DATE_IN_PAST', 'A suspension ends today or later.')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('holds')
      .set({ suspended_until: until ?? '9999-12-31' })
      .where('id', '=', hold.id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'hold.suspend',
        patronId: hold.patron_id,
        detail: { until: until ?? 'indefinite' },
      },
    ])
  })
}

export async function resumeHold(ctx: AppContext, actor: Actor, holdId: string): Promise<void> {
  const hold = await getOpenHold(ctx, holdId)
  requireOwnerOrDesk(actor, hold.patron_id)
  if (hold.status !== 'queued')
    throw conflict('HOLD_NOT_QUEUED', 'Only a hold still waiting for a copy can be resumed.')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('holds')
      .set({ suspended_until: null })
      .where('id', '=', hold.id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'hold.suspend', patronId: hold.patron_id, detail: { until: 'resumed' } },
    ])
  })
}

const holdsOfPatron = precompiled((db: Kysely<RecordsDb>, v: { patronId: string }) =>
  db
    .selectFrom('holds')
    .innerJoin('bib_records', 'bib_records.id', 'holds.record_id')
    .select([
      'holds.id',
      'holds.record_id',
      'bib_records.title',
      'holds.pickup_branch',
      'holds.status',
      'holds.placed_at',
      'holds.suspended_until',
      'holds.pickup_code',
      'holds.expires_on',
    ])
    .where('holds.patron_id', '=', v.patronId)
    .orderBy('holds.placed_at'),
)

export async function patronHolds(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<HoldView[]> {
  requireOwnerOrDesk(actor, patronId)
  await patronExists(ctx, patronId)
  if (actor.type === 'staff')
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      { action: 'loans.read', patronId, detail: { part: 'holds' } },
    ])
  return holdViews(ctx, patronId)
}

/**
 * A patron's holds, for a caller that has already established the patron and its right to see
 * them (SIP2 patron information reads and audits the patron first).
 */
export async function holdViews(ctx: AppContext, patronId: string): Promise<HoldView[]> {
  const { rows } = await holdsOfPatron(ctx.db, { patronId })
  return Promise.all(
    rows.map(async (h) => ({
      id: h.id,
      recordId: h.record_id,
      title: h.title,
      pickupBranch: h.pickup_branch,
      status: h.status,
      placedAt: h.placed_at,
      suspendedUntil: h.suspended_until,
      position:
        h.status === 'queued' ? await queuePosition(ctx.db, h.record_id, h.placed_at, h.id) : null,
      pickupCode: h.pickup_code,
      expiresOn: h.expires_on,
    })),
  )
}

export interface ShelfEntry {
  pickupCode: string
  title: string
  itemBarcode: string
  readyAt: string
  expiresOn: string
}

/** P10: the hold shelf by pickup code — never a name, never a card number. */
export async function holdShelf(
  ctx: AppContext,
  actor: Actor,
  branch: string,
): Promise<{ ready: ShelfEntry[]; expired: ShelfEntry[] }> {
  if (!can(actor, 'circ.desk'))
    throw forbidden('FORBIDDEN', 'Your role may not see the hold shelf.')
  await checkItemScope(ctx.db, branch, undefined)
  const base = ctx.db
    .selectFrom('holds')
    .innerJoin('bib_records', 'bib_records.id', 'holds.record_id')
    .innerJoin('items', 'items.id', 'holds.item_id')
    .select([
      'holds.pickup_code',
      'bib_records.title',
      'items.barcode',
      'holds.ready_at',
      'holds.expires_on',
    ])
    .where('holds.pickup_branch', '=', branch)
  const toEntry = (r: {
    pickup_code: string | null
    title: string
    barcode: string
    ready_at: string | null
    expires_on: string | null
  }): ShelfEntry => ({
    pickupCode: r.pickup_code ?? '',
    title: r.title,
    itemBarcode: r.barcode,
    readyAt: r.ready_at ?? '',
    expiresOn: r.expires_on ?? '',
  })
  const ready = await base
    .where('holds.status', '=', 'ready')
    .orderBy('holds.pickup_code')
    .execute()
  // Expired holds whose copy is still on this shelf, waiting to be pulled and checked in.
  const expired = await base
    .where('holds.status', '=', 'expired')
    .where('items.status', '=', 'on_hold_shelf')
    .orderBy('holds.pickup_code')
    .execute()
  return { ready: ready.map(toEntry), expired: expired.map(toEntry) }
}

/**
 * The daily job: a hold left on the shelf past its date expires and forgets its patron; the copy
 * stays on the shelf, flagged for staff to pull and check in (which routes it onward).
 */
export async function expireHolds(ctx: AppContext): Promise<{ expired: number }> {
  const now = ctx.clock.now()
  const policy = await loadPolicy(ctx)
  const today = policy.today(now)
  const due = await ctx.db
    .selectFrom('holds')
    .select(['id', 'pickup_branch', 'patron_id', 'pickup_code'])
    .where('status', '=', 'ready')
    .where('expires_on', '<', today)
    .execute()
  for (const hold of due) {
    await ctx.db.transaction().execute(async (trx) => {
      if (await underLegalHold(trx, 'holds', hold.patron_id)) {
        // Preserved as it is, patron included, until the legal hold is lifted.
        const kept = await trx
          .updateTable('holds')
          .set({ status: 'expired', closed_at: now.toISOString() })
          .where('id', '=', hold.id)
          .where('status', '=', 'ready')
          .executeTakeFirst()
        if (kept.numUpdatedRows > 0n)
          await countHold(trx, { day: today, branch: hold.pickup_branch }, 'expired')
        return
      }
      // What stays is what the pull list needs (copy, shelf, pickup code) dated to the day, and
      // no time that would match the audit entry or notice of the day the copy was set aside.
      const res = await trx
        .updateTable('holds')
        .set({
          status: 'expired',
          patron_id: null,
          placed_at: today,
          suspended_until: null,
          ready_at: null,
          expires_on: null,
          closed_at: today,
        })
        .where('id', '=', hold.id)
        .where('status', '=', 'ready')
        .executeTakeFirst()
      if (res.numUpdatedRows === 0n) return
      await countHold(trx, { day: today, branch: hold.pickup_branch }, 'expired')
      // The ready notice names the patron and the pickup code the copy still carries on the
      // shelf: it has nothing left to say, and kept it would tie the two together.
      if (hold.patron_id !== null && hold.pickup_code !== null)
        await dropReadyNotices(trx, hold.patron_id, hold.pickup_code)
    })
  }
  return { expired: due.length }
}

async function dropReadyNotices(
  trx: Kysely<RecordsDb>,
  patronId: string,
  pickupCode: string,
): Promise<void> {
  const notices = await trx
    .selectFrom('notice_outbox')
    .select(['id', 'payload'])
    .where('patron_id', '=', patronId)
    .where('kind', '=', 'hold_ready')
    .execute()
  const ids = notices
    // A notice already sent keeps no payload (P10): there is nothing of the code left to drop.
    .filter(
      (n) => (JSON.parse(n.payload ?? '{}') as { pickupCode?: string }).pickupCode === pickupCode,
    )
    .map((n) => n.id)
  if (ids.length > 0) await trx.deleteFrom('notice_outbox').where('id', 'in', ids).execute()
}
