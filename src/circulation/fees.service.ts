import { Type } from '@sinclair/typebox'
import type { Kysely, Selectable } from 'kysely'
import type { Actor } from '../actor.js'
import { staffIdOf } from '../actor.js'
import type { AppContext } from '../context.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { forbidden, notFound, ruleViolation, validation } from '../errors.js'
import { lockRows } from '../db/dialect.js'
import { patronExists } from '../patrons/patron.service.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { can, requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import {
  forgetLoanIfSettled,
  forgetPaymentsIfClear,
  loadPolicy,
  underLegalHold,
  owedCents,
  type CircPolicy,
} from './circ-support.js'
import { countMoney } from './counts.js'
import { localDate } from '../library/calendar.js'
import type { FeeKind, FeesTable, LoansTable } from './circulation.tables.js'
import { overdueFine } from './loan-policy.js'

export type FeeRow = Selectable<FeesTable>

export const PAYMENT_METHODS = ['cash', 'cheque', 'card_terminal', 'online'] as const

export const PaymentSchema = Type.Object(
  {
    amountCents: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    method: Type.Union(PAYMENT_METHODS.map((m) => Type.Literal(m))),
    reference: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
)
export const WaiverSchema = Type.Object(
  {
    amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    reason: Type.String({ minLength: 3, maxLength: 200 }),
  },
  { additionalProperties: false },
)

/** Card numbers are never stored: a reference with a long run of digits is refused. */
function checkReference(reference: string | undefined): void {
  if (reference !== undefined && /\d(?:[ -]?\d){11,}/.test(reference))
    throw validation(
      'REFERENCE_LOOKS_LIKE_CARD',
      'A payment reference may not contain a card number; use the terminal’s receipt number.',
    )
}

/** Creates or updates the one fee still accruing on a loan, and fixes it when the loan ends. */
const accruingFine = precompiled((db: Kysely<RecordsDb>, v: { loanId: string }) =>
  db
    .selectFrom('fees')
    .selectAll()
    .where('loan_id', '=', v.loanId)
    .where('status', '=', 'accruing'),
)

export async function chargeOverdue(
  trx: Kysely<RecordsDb>,
  loan: { id: string; item_id: string; patron_id: string },
  amount: number,
  final: boolean,
  at: string,
  day: string,
): Promise<void> {
  const {
    rows: [accruing],
  } = await accruingFine(trx, { loanId: loan.id })
  if (accruing === undefined) {
    if (amount <= 0) return
    if (final) await countMoney(trx, day, 'overdue', 'charged', amount)
    await trx
      .insertInto('fees')
      .values({
        id: newId(),
        patron_id: loan.patron_id,
        kind: 'overdue',
        status: final ? 'open' : 'accruing',
        amount_cents: amount,
        outstanding_cents: amount,
        loan_id: loan.id,
        item_id: loan.item_id,
        created_at: at,
      })
      .execute()
    return
  }
  const outstanding = Math.max(0, accruing.outstanding_cents + (amount - accruing.amount_cents))
  // A fine still running is not yet owed in full: it is counted as charged once it is fixed.
  if (final) await countMoney(trx, day, 'overdue', 'charged', amount)
  await trx
    .updateTable('fees')
    .set({
      amount_cents: amount,
      outstanding_cents: outstanding,
      status: final ? 'open' : 'accruing',
    })
    .where('id', '=', accruing.id)
    .execute()
  if (final && outstanding === 0) {
    await settleFee(trx, { ...accruing, amount_cents: amount }, 'paid', day)
    await forgetPaymentsIfClear(trx, loan.patron_id)
  }
}

export async function addFee(
  trx: Kysely<RecordsDb>,
  patronId: string,
  kind: FeeKind,
  amount: number,
  link: { loanId: string; itemId: string },
  at: string,
  day: string,
): Promise<void> {
  if (amount <= 0) return
  await countMoney(trx, day, kind, 'charged', amount)
  await trx
    .insertInto('fees')
    .values({
      id: newId(),
      patron_id: patronId,
      kind,
      status: 'open',
      amount_cents: amount,
      outstanding_cents: amount,
      loan_id: link.loanId,
      item_id: link.itemId,
      created_at: at,
    })
    .execute()
}

/**
 * Brings a loan's overdue fine up to `now` under its rule and calendar; `final` when the loan has
 * ended (returned, lost) or restarts (renewed). Returns the fine.
 */
export async function chargeLoanFine(
  trx: Kysely<RecordsDb>,
  policy: CircPolicy,
  loan: Pick<
    LoansTable,
    'id' | 'item_id' | 'branch' | 'patron_category' | 'item_type' | 'due_at'
  > & { patron_id: string },
  now: Date,
  final: boolean,
): Promise<number> {
  const rule = policy.ruleFor(loan.branch, loan.patron_category, loan.item_type)
  const fine = overdueFine(
    rule,
    new Date(loan.due_at),
    now,
    policy.tz,
    policy.isClosed(loan.branch),
  )
  await chargeOverdue(trx, loan, fine, final, now.toISOString(), policy.today(now))
  return fine
}

/**
 * A settled fee has done its work: its amount is added to the month's anonymous totals by kind
 * and outcome, and the fee itself is deleted — with it the last link between the patron and the
 * loan or copy it came from (P3). The loan is then forgotten too, if nothing else is owed on it.
 */
export async function settleFee(
  trx: Kysely<RecordsDb>,
  fee: Pick<FeeRow, 'id' | 'kind' | 'amount_cents' | 'loan_id' | 'patron_id'>,
  how: 'paid' | 'waived',
  day: string,
): Promise<void> {
  await countMoney(trx, day, fee.kind, how, fee.amount_cents)
  if (await underLegalHold(trx, 'fees', fee.patron_id))
    // Kept as it was, marked settled, until the hold is lifted and a sweep deletes it.
    await trx
      .updateTable('fees')
      .set({ status: how, outstanding_cents: 0 })
      .where('id', '=', fee.id)
      .execute()
  else await trx.deleteFrom('fees').where('id', '=', fee.id).execute()
  if (fee.loan_id !== null) await forgetLoanIfSettled(trx, fee.loan_id)
}

/** Applies an amount to the patron's fees, oldest first. */
async function apply(
  trx: Kysely<RecordsDb>,
  fees: FeeRow[],
  amount: number,
  how: 'paid' | 'waived',
  day: string,
): Promise<void> {
  let left = amount
  for (const fee of fees) {
    if (left <= 0) break
    const take = Math.min(left, fee.outstanding_cents)
    left -= take
    if (take === fee.outstanding_cents && fee.status === 'open') await settleFee(trx, fee, how, day)
    else
      await trx
        .updateTable('fees')
        .set({ outstanding_cents: fee.outstanding_cents - take })
        .where('id', '=', fee.id)
        .execute()
  }
}

async function unsettled(
  trx: Kysely<RecordsDb>,
  patronId: string,
  engine: AppContext['engine'],
): Promise<FeeRow[]> {
  const query = trx
    .selectFrom('fees')
    .selectAll()
    .where('patron_id', '=', patronId)
    .where('status', 'in', ['open', 'accruing'])
    .where('outstanding_cents', '>', 0)
    .orderBy('created_at')
    .orderBy('id')
  return lockRows(query, engine).execute()
}

/** Takes a payment (method and reference only — never card data). */
export async function takePayment(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
  raw: unknown,
): Promise<{ owedCents: number }> {
  requirePermission(actor, 'fees.pay')
  const input = check(PaymentSchema, raw)
  checkReference(input.reference)
  const now = ctx.clock.now()
  const at = now.toISOString()
  const day = localDate(now, ctx.config.library.timezone)
  await patronExists(ctx, patronId)
  await ctx.db.transaction().execute(async (trx) => {
    const fees = await unsettled(trx, patronId, ctx.engine)
    const owed = fees.reduce((sum, f) => sum + f.outstanding_cents, 0)
    if (input.amountCents > owed)
      throw ruleViolation(
        'AMOUNT_EXCEEDS_BALANCE',
        `The patron owes ${owed} cents; take no more than that.`,
      )
    await trx
      .insertInto('fee_payments')
      .values({
        id: newId(),
        patron_id: patronId,
        kind: 'payment',
        amount_cents: input.amountCents,
        method: input.method,
        reference: input.reference?.trim() || null,
        reason: null,
        staff_id: staffIdOf(actor),
        created_at: at,
      })
      .execute()
    await countMoney(trx, day, 'payment', input.method, input.amountCents)
    await apply(trx, fees, input.amountCents, 'paid', day)
    await forgetPaymentsIfClear(trx, patronId)
    // No amount in the entry: a settled charge's amount can name the copy it was for.
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'fee.payment', patronId, detail: { method: input.method } },
    ])
  })
  return { owedCents: await owedCents(ctx.db, patronId) }
}

/** Waives one fee, in full or in part, with a reason and the staff member recorded. */
export async function waiveFee(
  ctx: AppContext,
  actor: Actor,
  feeId: string,
  raw: unknown,
): Promise<{ owedCents: number }> {
  requirePermission(actor, 'fees.waive')
  const input = check(WaiverSchema, raw)
  const now = ctx.clock.now()
  const at = now.toISOString()
  const day = localDate(now, ctx.config.library.timezone)
  const patronId = await ctx.db.transaction().execute(async (trx) => {
    // Read under the row lock, so a payment landing at the same moment cannot be overwritten.
    const fee = await lockRows(
      trx.selectFrom('fees').selectAll().where('id', '=', feeId),
      ctx.engine,
    ).executeTakeFirst()
    if (fee === undefined) throw notFound('FEE_NOT_FOUND', 'No such fee.')
    if (fee.status === 'paid' || fee.status === 'waived' || fee.outstanding_cents === 0)
      throw ruleViolation('FEE_SETTLED', 'This fee is already settled.')
    const amount = input.amountCents ?? fee.outstanding_cents
    if (amount > fee.outstanding_cents)
      throw ruleViolation('AMOUNT_EXCEEDS_BALANCE', 'That is more than is outstanding on this fee.')
    await trx
      .insertInto('fee_payments')
      .values({
        id: newId(),
        patron_id: fee.patron_id,
        kind: 'waiver',
        amount_cents: amount,
        method: null,
        reference: null,
        reason: input.reason.trim(),
        staff_id: staffIdOf(actor),
        created_at: at,
      })
      .execute()
    await countMoney(trx, day, 'waiver', 'waiver', amount)
    await apply(trx, [fee], amount, 'waived', day)
    await forgetPaymentsIfClear(trx, fee.patron_id)
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'fee.waiver', patronId: fee.patron_id },
    ])
    return fee.patron_id
  })
  return { owedCents: await owedCents(ctx.db, patronId) }
}

export interface FeeView {
  id: string
  kind: string
  status: string
  amountCents: number
  outstandingCents: number
  createdAt: string
  /** Only while the fee is unsettled. */
  itemTitle: string | null
  /**
   * While an overdue fine still grows (its loan is open): what it grows by each charged day,
   * and the most it can reach (null: no cap), from the loan rule that applies to it.
   */
  growth: { perDayCents: number; capCents: number | null } | null
}

export async function listFees(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<{ owedCents: number; fees: FeeView[] }> {
  if (!(can(actor, 'patron.read') || (actor.type === 'patron' && actor.id === patronId)))
    throw forbidden('FORBIDDEN', 'Not your account.')
  await patronExists(ctx, patronId)
  const rows = await ctx.db
    .selectFrom('fees')
    .leftJoin('items', 'items.id', 'fees.item_id')
    .leftJoin('bib_records', 'bib_records.id', 'items.record_id')
    .leftJoin('loans', 'loans.id', 'fees.loan_id')
    .select([
      'fees.id',
      'fees.kind',
      'fees.status',
      'fees.amount_cents',
      'fees.outstanding_cents',
      'fees.created_at',
      'bib_records.title',
      'loans.branch',
      'loans.patron_category',
      'loans.item_type',
    ])
    .where('fees.patron_id', '=', patronId)
    .orderBy('fees.created_at', 'desc')
    .execute()
  const policy = rows.some((r) => r.status === 'accruing') ? await loadPolicy(ctx) : undefined
  const growth = (r: (typeof rows)[number]): FeeView['growth'] => {
    if (
      policy === undefined ||
      r.status !== 'accruing' ||
      r.branch === null ||
      r.patron_category === null ||
      r.item_type === null
    )
      return null
    const rule = policy.ruleFor(r.branch, r.patron_category, r.item_type)
    return { perDayCents: rule.fine_per_day_cents, capCents: rule.max_fine_cents }
  }
  if (actor.type === 'staff')
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      { action: 'patron.read', patronId, detail: { part: 'fees' } },
    ])
  return {
    owedCents: await owedCents(ctx.db, patronId),
    fees: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      amountCents: r.amount_cents,
      outstandingCents: r.outstanding_cents,
      createdAt: r.created_at,
      itemTitle: r.title,
      growth: growth(r),
    })),
  }
}

/** The daily job: brings every overdue loan's accruing fine up to date. */
export async function accrueOverdueFines(ctx: AppContext, batch = 500): Promise<{ loans: number }> {
  const now = ctx.clock.now()
  const at = now.toISOString()
  const policy = await loadPolicy(ctx)
  let after = ''
  let count = 0
  for (;;) {
    const loans = await ctx.db
      .selectFrom('loans')
      .select(['id', 'item_id', 'patron_id', 'branch', 'patron_category', 'item_type', 'due_at'])
      .where('returned_at', 'is', null)
      .where('due_at', '<', at)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute()
    if (loans.length === 0) return { loans: count }
    await ctx.db.transaction().execute(async (trx) => {
      for (const loan of loans) {
        if (loan.patron_id === null) continue
        // Read again under the loan's lock: a check-in since the list was read has closed the
        // loan and fixed its fine, which growing it again would turn back into a second,
        // accruing fine on a returned item.
        const still = await lockRows(
          trx.selectFrom('loans').select('returned_at').where('id', '=', loan.id),
          ctx.engine,
        ).executeTakeFirst()
        if (still === undefined || still.returned_at !== null) continue
        await chargeLoanFine(trx, policy, { ...loan, patron_id: loan.patron_id }, now, false)
      }
    })
    count += loans.length
    after = loans[loans.length - 1]?.id ?? after
  }
}
