import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import type { Kysely } from 'kysely'
import { lockRows } from '../db/dialect.js'
import { forbidden, ruleViolation, validation } from '../errors.js'
import { patronExists } from '../patrons/patron.service.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { getItemByBarcode } from '../catalog/catalog.service.js'
import { loadLive } from '../patrons/patron.service.js'
import { can } from '../staff/roles.js'
import { check } from '../validate.js'
import { cardHolder, loadPolicy } from './circ-support.js'
import { countLoanEvent } from './counts.js'
import { RenewSchema } from './circulation.schemas.js'
import { chargeLoanFine } from './fees.service.js'
import { dueDate } from './loan-policy.js'

/** Staff at the desk, or the patron themself. */
function requireOwnerOrDesk(actor: Actor, patronId: string | null): void {
  if (can(actor, 'circ.desk')) return
  if (actor.type === 'patron' && patronId !== null && actor.id === patronId) return
  throw forbidden('FORBIDDEN', 'Not your account.')
}

export interface RenewResult {
  itemBarcode: string
  dueAt: string
  renewals: number
  renewalsLeft: number
}

/** Renews a loan within the rules; refused when another patron is waiting for the title. */
export async function renew(ctx: AppContext, actor: Actor, raw: unknown): Promise<RenewResult> {
  // Desk roles are checked before anything is looked up; a patron's ownership once the loan is found.
  if (actor.type !== 'patron' && !can(actor, 'circ.desk'))
    throw forbidden('FORBIDDEN', 'Your role may not renew loans.')
  const input = check(RenewSchema, raw)
  const now = ctx.clock.now()
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(ctx, trx)
    const item = await getItemByBarcode(trx, input.itemBarcode)
    const loan = await lockRows(
      trx
        .selectFrom('loans')
        .selectAll()
        .where('item_id', '=', item.id)
        .where('returned_at', 'is', null),
      ctx.engine,
    ).executeTakeFirst()
    if (loan === undefined || loan.patron_id === null)
      throw ruleViolation('NOT_ON_LOAN', 'This item is not on loan.')
    requireOwnerOrDesk(actor, loan.patron_id)
    if (
      input.patronBarcode !== undefined &&
      (await cardHolder(trx, input.patronBarcode)).patron_id !== loan.patron_id
    )
      throw ruleViolation('NOT_ON_LOAN', 'This item is not on loan to that card.')
    const patron = await trx
      .selectFrom('patrons')
      .select(['expires_on'])
      .where('id', '=', loan.patron_id)
      .executeTakeFirstOrThrow()
    if (patron.expires_on < policy.today(now))
      throw ruleViolation('CARD_EXPIRED', 'This card has expired; renew the card first.')
    const rule = policy.ruleFor(loan.branch, loan.patron_category, loan.item_type)
    if (loan.renewals >= rule.renewals_allowed)
      throw ruleViolation(
        'RENEWAL_LIMIT',
        'This item has been renewed as many times as the rules allow.',
      )
    const waiting = await trx
      .selectFrom('holds')
      .select('id')
      .where('record_id', '=', loan.record_id)
      .where('status', '=', 'queued')
      .where('patron_id', '!=', loan.patron_id)
      .where((eb) =>
        eb.or([eb('suspended_until', 'is', null), eb('suspended_until', '<=', policy.today(now))]),
      )
      .limit(1)
      .execute()
    if (waiting.length > 0)
      throw ruleViolation(
        'ON_HOLD_FOR_ANOTHER',
        'Another patron is waiting for this title, so it cannot be renewed.',
      )
    // An overdue renewal fixes the fine so far; the new period starts today.
    await chargeLoanFine(trx, policy, { ...loan, patron_id: loan.patron_id }, now, true)
    const fresh = dueDate(rule, now, policy.tz, policy.isClosed(loan.branch))
    const due =
      fresh.getTime() > new Date(loan.due_at).getTime() ? fresh.toISOString() : loan.due_at
    await trx
      .updateTable('loans')
      .set({ due_at: due, renewals: loan.renewals + 1, notice_stage: 0 })
      .where('id', '=', loan.id)
      .execute()
    await countLoanEvent(trx, policy.today(now), loan, 'renewal')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'circ.renew', patronId: loan.patron_id },
    ])
    return {
      itemBarcode: item.barcode,
      dueAt: due,
      renewals: loan.renewals + 1,
      renewalsLeft: rule.renewals_allowed - loan.renewals - 1,
    }
  })
}

export interface LoanView {
  itemBarcode: string
  title: string
  author: string | null
  checkedOutAt: string
  dueAt: string
  returnedAt: string | null
  renewals: number
  overdue: boolean
}

/** A patron's loans, out (soonest due first) or returned (latest first); one compiled query each. */
const patronLoans = (returned: boolean) =>
  precompiled((db: Kysely<RecordsDb>, v: { patronId: string }) =>
    db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .innerJoin('bib_records', 'bib_records.id', 'loans.record_id')
      .select([
        'items.barcode',
        'bib_records.title',
        'bib_records.author',
        'loans.checked_out_at',
        'loans.due_at',
        'loans.returned_at',
        'loans.renewals',
      ])
      .where('loans.patron_id', '=', v.patronId)
      .where('loans.returned_at', returned ? 'is not' : 'is', null)
      .orderBy(returned ? 'loans.returned_at' : 'loans.due_at', returned ? 'desc' : 'asc'),
  )
const loansOut = patronLoans(false)
const loansReturned = patronLoans(true)

/**
 * A patron's loans, for a caller that has already established the patron and its right to see
 * them (SIP2 patron information reads and audits the patron first).
 */
export async function loansOf(
  ctx: AppContext,
  patronId: string,
  returned: boolean,
): Promise<LoanView[]> {
  const now = ctx.clock.now().toISOString()
  const { rows } = await (returned ? loansReturned : loansOut)(ctx.db, { patronId })
  return rows.map((r) => ({
    itemBarcode: r.barcode,
    title: r.title,
    author: r.author,
    checkedOutAt: r.checked_out_at,
    dueAt: r.due_at,
    returnedAt: r.returned_at,
    renewals: r.renewals,
    overdue: r.returned_at === null && r.due_at < now,
  }))
}

export async function currentLoans(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<LoanView[]> {
  requireOwnerOrDesk(actor, patronId)
  await patronExists(ctx, patronId)
  if (actor.type === 'staff')
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [{ action: 'loans.read', patronId }])
  return loansOf(ctx, patronId, false)
}

/** Returned loans the patron chose to keep; empty unless they opted in. */
export async function readingHistory(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<LoanView[]> {
  requireOwnerOrDesk(actor, patronId)
  await patronExists(ctx, patronId)
  if (actor.type === 'staff')
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      { action: 'loans.read', patronId, detail: { part: 'history' } },
    ])
  return loansOf(ctx, patronId, true)
}

/**
 * Turns the reading history on or off. Off erases it: every returned loan with nothing owed on
 * it is deleted at once (its statistics were counted when it happened).
 */
export async function setReadingHistory(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
  keep: boolean,
): Promise<{ keep: boolean; forgotten: number }> {
  requireOwnerOrDesk(actor, patronId)
  if (typeof keep !== 'boolean')
    throw validation('INVALID_INPUT', 'Say whether to keep a reading history (true or false).')
  await loadLive(ctx, patronId)
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('patrons')
      .set({ keep_history: keep ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', patronId)
      .execute()
    let forgotten = 0
    if (!keep) {
      const returned = await trx
        .selectFrom('loans')
        .select('id')
        .where('patron_id', '=', patronId)
        .where('returned_at', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('fees')
                .select('fees.id')
                .whereRef('fees.loan_id', '=', 'loans.id')
                .where('fees.status', 'in', ['open', 'accruing']),
            ),
          ),
        )
        .execute()
      if (returned.length > 0)
        await trx
          .deleteFrom('loans')
          .where(
            'id',
            'in',
            returned.map((l) => l.id),
          )
          .execute()
      forgotten = returned.length
    }
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: keep ? 'history.on' : 'history.off', patronId, detail: { forgotten } },
    ])
    return { keep, forgotten }
  })
}
