import { Type } from '@sinclair/typebox'
import { sql, type Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import { getItemByBarcode, getRecordRow } from '../catalog/catalog.service.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation, lockRows } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { conflict, forbidden, ruleViolation } from '../errors.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { can } from '../staff/roles.js'
import { check } from '../validate.js'
import { lockedItem } from './checkin.service.js'
import { loadPolicy, openLoanForItem, type CircPolicy, type LoanRow } from './circ-support.js'
import { chargeLoanFine } from './fees.service.js'
import { uncountCharge } from './counts.js'
import { overdueFine } from './loan-policy.js'

/*
 * A loss declared by mistake at the desk (the wrong row, the patron finds it in the car park) can
 * be taken back while nothing else has happened to it: the charge is removed and the loan is open
 * again, as it was. Once money has moved, it cannot: a payment is never silently erased, so the
 * way back is to check the item in (which waives what is still owed) and refund what was paid.
 */

const LostItemSchema = Type.Object(
  {
    itemBarcode: Type.String({ minLength: 1, maxLength: 32 }),
    patronId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
)

export interface LostPreview {
  itemBarcode: string
  title: string
  callNumber: string | null
  /** The copy's replacement price, charged as a "lost" fee. */
  replacementCents: number
  /** The overdue fine so far, fixed at this amount when the loss is declared. */
  fineCents: number
  /** What `declareLost` reports as charged: replacement plus the fine. */
  totalCents: number
}

/** The overdue fine a loan has run up by `at`, by the same rule and calendar the fine job uses. */
function fineAt(policy: CircPolicy, loan: LoanRow, at: Date): number {
  const rule = policy.ruleFor(loan.branch, loan.patron_category, loan.item_type)
  return overdueFine(rule, new Date(loan.due_at), at, policy.tz, policy.isClosed(loan.branch))
}

const REFUND_PATH =
  'Check the item in when it turns up (what is still owed of the replacement charge is then waived), and give back what was paid as a refund on the card balance (Fines and payments).'

/**
 * What declaring this patron's loan lost would charge, without charging it: the confirmation
 * step shows this amount, and only the confirmed declaration writes anything.
 */
export async function previewLost(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<LostPreview> {
  if (!can(actor, 'circ.desk'))
    throw forbidden('FORBIDDEN', 'Your role may not declare items lost.')
  const input = check(LostItemSchema, raw)
  const item = await getItemByBarcode(ctx.db, input.itemBarcode)
  const loan = await openLoanForItem(ctx.db, item.id)
  // Says nothing about who else has it: the desk asked about this patron's loan only.
  if (loan === undefined || loan.patron_id !== input.patronId)
    throw ruleViolation('NOT_ON_LOAN', 'This item is not on loan to this patron.')
  const policy = await loadPolicy(ctx)
  const record = await getRecordRow(ctx.db, item.record_id)
  const fine = fineAt(policy, loan, ctx.clock.now())
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'loans.read', patronId: input.patronId, detail: { part: 'lost_preview' } },
  ])
  return {
    itemBarcode: item.barcode,
    title: record.title,
    callNumber: item.call_number,
    replacementCents: item.replacement_price_cents,
    fineCents: fine,
    totalCents: item.replacement_price_cents + fine,
  }
}

/**
 * Takes back a loss declared within the undo window: the replacement charge is removed, the
 * overdue fine accrues again and the loan is open, all in one transaction, and the undo is in the
 * audit log. Refused, with a stable code, when anything has happened since: the item was checked
 * in or lent (ITEM_NOT_LOST), money was paid or waived (LOST_FEE_PAID), the loan's fine is
 * settled (LOST_FINE_SETTLED), the window has passed (LOST_UNDO_TOO_LATE), or there is no such
 * declaration to take back (NOTHING_TO_UNDO).
 */
export async function undoLost(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<{ reversedCents: number }> {
  if (!can(actor, 'circ.desk')) throw forbidden('FORBIDDEN', 'Your role may not undo a loss.')
  const input = check(LostItemSchema, raw)
  const now = ctx.clock.now()
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(ctx, trx)
    // The copy first, as check-in and declareLost do; then the fees, in the order a payment
    // locks them, so an undo and a payment never wait on each other in opposite orders.
    const item = await lockedItem(ctx, trx, input.itemBarcode)
    if (item.status !== 'lost')
      throw ruleViolation(
        'ITEM_NOT_LOST',
        'This item is no longer marked lost (it was checked in or lent since), so the loss cannot be undone.',
      )
    const lostFee = await trx
      .selectFrom('fees')
      .select(['loan_id', 'patron_id'])
      .where('item_id', '=', item.id)
      .where('kind', '=', 'lost')
      .where('status', '=', 'open')
      .orderBy('created_at', 'desc')
      .executeTakeFirst()
    if (lostFee !== undefined && lostFee.patron_id !== input.patronId)
      throw ruleViolation('NOTHING_TO_UNDO', 'There is no loss of this item to undo.')
    if (lostFee === undefined || lostFee.loan_id === null) {
      if (item.replacement_price_cents > 0)
        throw ruleViolation(
          'LOST_FEE_PAID',
          `The replacement charge has been paid or waived since, so the loss cannot be undone here. ${REFUND_PATH}`,
        )
      throw ruleViolation(
        'NOTHING_TO_UNDO',
        'Nothing was charged for this loss, so there is nothing to undo. Check the item in if it turns up.',
      )
    }
    const loan = await trx
      .selectFrom('loans')
      .selectAll()
      .where('id', '=', lostFee.loan_id)
      .executeTakeFirst()
    if (loan?.returned_at == null || loan.patron_id !== input.patronId)
      throw ruleViolation('NOTHING_TO_UNDO', 'There is no loss of this item to undo.')
    const declaredAt = new Date(loan.returned_at)
    if (now.getTime() - declaredAt.getTime() > ctx.config.security.staffTokenMinutes * 60_000)
      throw ruleViolation(
        'LOST_UNDO_TOO_LATE',
        'This loss was declared too long ago to undo. Check the item in if it turns up.',
      )
    const fees = await lockRows(
      trx
        .selectFrom('fees')
        .selectAll()
        .where('loan_id', '=', loan.id)
        .orderBy('created_at')
        .orderBy('id'),
      ctx.engine,
    ).execute()
    const lost = fees.find((f) => f.kind === 'lost')
    const overdue = fees.find((f) => f.kind === 'overdue')
    const paidSince = await trx
      .selectFrom('fee_payments')
      .select('id')
      .where('patron_id', '=', input.patronId)
      .where('created_at', '>=', loan.returned_at)
      .limit(1)
      .execute()
    const untouched = (f: (typeof fees)[number]) =>
      f.status === 'open' && f.outstanding_cents === f.amount_cents
    if (lost === undefined || !untouched(lost) || paidSince.length > 0)
      throw ruleViolation(
        'LOST_FEE_PAID',
        `Money has been paid or waived on this account since the loss was declared, so it cannot be undone here. ${REFUND_PATH}`,
      )
    // A fine settled in full (paid before, as the loss fixed it) is gone: the loan opened again
    // would start it afresh and charge it a second time.
    if (
      (overdue !== undefined && overdue.status !== 'open') ||
      (overdue === undefined && fineAt(policy, loan, declaredAt) > 0)
    )
      throw ruleViolation(
        'LOST_FINE_SETTLED',
        'The overdue fine on this loan is already settled, so opening the loan again would charge it twice. Check the item in when it turns up: the replacement charge is then waived.',
      )

    const removed = await trx
      .deleteFrom('fees')
      .where('id', '=', lost.id)
      .where('status', '=', 'open')
      .where('outstanding_cents', '=', lost.amount_cents)
      .executeTakeFirst()
    if (removed.numDeletedRows === 0n)
      throw ruleViolation('LOST_FEE_PAID', `The replacement charge has changed. ${REFUND_PATH}`)
    if (overdue !== undefined)
      await trx
        .updateTable('fees')
        .set({ status: 'accruing' })
        .where('id', '=', overdue.id)
        .execute()
    try {
      const reopened = await trx
        .updateTable('loans')
        .set({ returned_at: null })
        .where('id', '=', loan.id)
        .where('returned_at', '=', loan.returned_at)
        .executeTakeFirst()
      if (reopened.numUpdatedRows === 0n)
        throw ruleViolation('NOTHING_TO_UNDO', 'There is no loss of this item to undo.')
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict('ITEM_ALREADY_ON_LOAN', 'This item is on loan again, so the loss stays.')
      throw err
    }
    // The fine runs on from where the loss stopped it, as if the loan had never ended.
    await chargeLoanFine(trx, policy, { ...loan, patron_id: input.patronId }, now, false)
    await trx
      .updateTable('items')
      .set({ status: 'on_loan', transit_to: null })
      .where('id', '=', item.id)
      .execute()
    await uncountLoss(trx, policy.today(declaredAt), loan)
    // Neither charge stands any more: the replacement is gone and the fine runs on.
    await uncountCharge(trx, policy.today(declaredAt), 'lost', lost.amount_cents)
    if (overdue !== undefined)
      await uncountCharge(trx, policy.today(declaredAt), 'overdue', overdue.amount_cents)
    // No amount in the entry, as with the declaration: the price would name the copy.
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'circ.lost_undo', patronId: input.patronId },
    ])
    return { reversedCents: lost.amount_cents }
  })
}

/** The loss never happened after all: its count comes off the day's cell (gone at zero). */
async function uncountLoss(trx: Kysely<RecordsDb>, day: string, loan: LoanRow): Promise<void> {
  const cell = trx
    .updateTable('circulation_counts')
    .set({ count: sql<number>`count - 1` })
    .where('day', '=', day)
    .where('branch', '=', loan.branch)
    .where('item_type', '=', loan.item_type)
    .where('patron_category', '=', loan.patron_category)
    .where('event', '=', 'lost')
    .where('count', '>', 0)
  await cell.execute()
  await trx
    .deleteFrom('circulation_counts')
    .where('day', '=', day)
    .where('branch', '=', loan.branch)
    .where('item_type', '=', loan.item_type)
    .where('patron_category', '=', loan.patron_category)
    .where('event', '=', 'lost')
    .where('count', '<=', 0)
    .execute()
}
