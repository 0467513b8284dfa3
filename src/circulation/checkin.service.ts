import type { Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import type { RecordsDb } from '../db/schema.js'
import type { AppContext } from '../context.js'
import { precompiled } from '../db/precompiled.js'
import { forbidden, ruleViolation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit } from '../privacy/audit.js'
import { checkItemScope, getItemByBarcode, getRecordRow } from '../catalog/catalog.service.js'
import { can } from '../staff/roles.js'
import { check } from '../validate.js'
import {
  enqueueNotice,
  forgetLoanIfSettled,
  forgetPaymentsIfClear,
  loadPolicy,
  lockItemByBarcode,
  openLoanForItem,
} from './circ-support.js'
import { countLoanEvent, countMoney } from './counts.js'
import { CheckinSchema, LostSchema } from './circulation.schemas.js'
import { addFee, chargeLoanFine, settleFee } from './fees.service.js'
import { routeItem, type Route } from './routing.js'

export interface CheckinResult {
  itemBarcode: string
  title: string
  /** False when the item was not on loan (returned from in-library use, or already in). */
  wasOnLoan: boolean
  fineCents: number
  /** The loan no longer names the patron (P3). */
  forgotten: boolean
  route: Route
}

/** Takes an item back at any branch: fines are charged, then the item goes to a hold or home. */
export async function checkin(ctx: AppContext, actor: Actor, raw: unknown): Promise<CheckinResult> {
  if (!can(actor, 'circ.desk')) throw forbidden('FORBIDDEN', 'Your role may not check items in.')
  const input = check(CheckinSchema, raw)
  await checkItemScope(ctx.db, input.branch, undefined)
  const now = ctx.clock.now()
  const at = now.toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(ctx, trx)
    const item = await lockedItem(ctx, trx, input.itemBarcode)
    const record = await getRecordRow(trx, item.record_id)
    const loan = await openLoanForItem(trx, item.id)
    let fine = 0
    let forgotten = false
    if (loan !== undefined) {
      await closeLoan(trx, loan.id, at)
      if (loan.patron_id !== null) {
        fine = await chargeLoanFine(trx, policy, { ...loan, patron_id: loan.patron_id }, now, true)
        // No amount in the entry: a fine is a function of how late the item was, which would
        // point back to the loan.
        await appendAudit(trx, ctx.engine, ctx.clock, actor, [
          { action: 'circ.checkin', patronId: loan.patron_id, detail: { branch: input.branch } },
        ])
        forgotten = await forgetLoanIfSettled(trx, loan.id)
      }
      await countLoanEvent(trx, policy.today(now), { ...loan, branch: input.branch }, 'checkin')
    }
    if (item.status === 'lost') await forgiveLostCharge(trx, item.id, policy.today(now), at)
    const route = await routeItem(ctx, trx, policy, item, input.branch)
    return {
      itemBarcode: item.barcode,
      title: record.title,
      wasOnLoan: loan !== undefined,
      fineCents: fine,
      forgotten,
      route,
    }
  })
}

/** A lost item that comes back: the replacement charge, if still owed, is waived. */
async function forgiveLostCharge(
  trx: Kysely<RecordsDb>,
  itemId: string,
  day: string,
  at: string,
): Promise<void> {
  const fees = await trx
    .selectFrom('fees')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('kind', '=', 'lost')
    .where('status', '=', 'open')
    .execute()
  for (const fee of fees) {
    await trx
      .insertInto('fee_payments')
      .values({
        id: newId(),
        patron_id: fee.patron_id,
        kind: 'waiver',
        amount_cents: fee.outstanding_cents,
        method: null,
        reference: null,
        reason: 'Lost item returned',
        staff_id: null,
        created_at: at,
      })
      .execute()
    await countMoney(trx, day, 'waiver', 'waiver', fee.outstanding_cents)
    await settleFee(trx, fee, 'waived', day)
    await forgetPaymentsIfClear(trx, fee.patron_id)
  }
}

/** Declares an item on loan lost: the loan ends, the overdue fine is fixed and the replacement price charged. */
export async function declareLost(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<{ chargedCents: number }> {
  if (!can(actor, 'circ.desk'))
    throw forbidden('FORBIDDEN', 'Your role may not declare items lost.')
  const input = check(LostSchema, raw)
  const now = ctx.clock.now()
  const at = now.toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(ctx, trx)
    // The copy's row is locked first, as check-in does, so the two never wait on each other in
    // opposite orders; the loan is closed only if it is still open, so a second declaration
    // racing this one finds nothing to charge.
    const item = await lockedItem(ctx, trx, input.itemBarcode)
    const loan = await openLoanForItem(trx, item.id)
    if (loan === undefined || loan.patron_id === null)
      throw ruleViolation('NOT_ON_LOAN', 'Only an item on loan can be declared lost.')
    // Checked under the copy's lock: a copy returned and lent again since the desk looked is
    // never billed to its new borrower.
    if (input.patronId !== undefined && loan.patron_id !== input.patronId)
      throw ruleViolation(
        'LOAN_CHANGED_HANDS',
        'This copy is now on loan to someone else. Nothing was charged.',
      )
    await closeLoan(trx, loan.id, at)
    // The replacement charge first: fixing a fine that was already paid off settles it, and the
    // loan would be forgotten under the charge still to be added to it.
    await addFee(
      trx,
      loan.patron_id,
      'lost',
      item.replacement_price_cents,
      { loanId: loan.id, itemId: item.id },
      at,
      policy.today(now),
    )
    const fine = await chargeLoanFine(
      trx,
      policy,
      { ...loan, item_id: item.id, patron_id: loan.patron_id },
      now,
      true,
    )
    await trx.updateTable('items').set({ status: 'lost' }).where('id', '=', item.id).execute()
    await countLoanEvent(trx, policy.today(now), loan, 'lost')
    // No amount in the entry: the charge is the copy's replacement price, which names the copy.
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'circ.lost', patronId: loan.patron_id },
    ])
    // The charge's id only: its amount and copy are read from the charge when the notice is
    // written, and a charge forgiven before then leaves the notice nothing to say (P3).
    const lostFee = await trx
      .selectFrom('fees')
      .select('id')
      .where('loan_id', '=', loan.id)
      .where('kind', '=', 'lost')
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (lostFee !== undefined)
      await enqueueNotice(
        trx,
        loan.patron_id,
        'lost_billed',
        { feeId: lostFee.id, on: policy.today(now) },
        at,
      )
    await forgetLoanIfSettled(trx, loan.id)
    return { chargedCents: item.replacement_price_cents + fine }
  })
}

/**
 * The copy's row, locked (PostgreSQL) before anything else is touched: check-in and a loss
 * declaration both start here, so two of them never wait on each other in opposite orders.
 */
export async function lockedItem(ctx: AppContext, trx: Kysely<RecordsDb>, barcode: string) {
  return (await lockItemByBarcode(trx, barcode)) ?? (await getItemByBarcode(trx, barcode))
}

/** Ends a loan only if it is still open: of two desks ending it at once, the second is refused. */
const closeOpenLoan = precompiled((db: Kysely<RecordsDb>, v: { loanId: string; at: string }) =>
  db
    .updateTable('loans')
    .set({ returned_at: v.at })
    .where('id', '=', v.loanId)
    .where('returned_at', 'is', null),
)

async function closeLoan(trx: Kysely<RecordsDb>, loanId: string, at: string): Promise<void> {
  const closed = await closeOpenLoan(trx, { loanId, at })
  if (Number(closed.numAffectedRows ?? 0) === 0)
    throw ruleViolation('NOT_ON_LOAN', 'This item was just checked in or declared lost elsewhere.')
}
