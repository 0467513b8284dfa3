import type { Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { conflict, forbidden, validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit, type AuditEvent } from '../privacy/audit.js'
import { getItemByBarcode, getRecordRow } from '../catalog/catalog.service.js'
import { can } from '../staff/roles.js'
import { check } from '../validate.js'
import { enforceBlocks, type BlockCode } from './blocks.js'
import {
  cardHolder,
  closeHold,
  loadPolicy,
  lockItemByBarcode,
  owedAndOut,
  type LoanRow,
} from './circ-support.js'
import { CheckoutSchema } from './circulation.schemas.js'
import { countCirculation, countHold } from './counts.js'
import { dueDate } from './loan-policy.js'

export interface CheckoutResult {
  loanId: string
  patronId: string
  itemBarcode: string
  title: string
  dueAt: string
  overridden: BlockCode[]
}

// The statements every checkout runs, each built and compiled once (db/precompiled.ts).
const holdOnItem = precompiled((db: Kysely<RecordsDb>, v: { itemId: string }) =>
  db
    .selectFrom('holds')
    .select(['id', 'patron_id', 'status'])
    .where('item_id', '=', v.itemId)
    .where('status', 'in', ['ready', 'in_transit']),
)
const insertLoan = precompiled((db: Kysely<RecordsDb>, v: LoanRow) =>
  db.insertInto('loans').values({
    id: v.id,
    item_id: v.item_id,
    record_id: v.record_id,
    item_type: v.item_type,
    branch: v.branch,
    patron_category: v.patron_category,
    patron_id: v.patron_id,
    checked_out_at: v.checked_out_at,
    due_at: v.due_at,
    returned_at: v.returned_at,
    renewals: v.renewals,
    notice_stage: v.notice_stage,
  }),
)
// The copy is not dated: a time on it would match the audit entry naming the borrower.
const markLent = precompiled((db: Kysely<RecordsDb>, v: { itemId: string }) =>
  db
    .updateTable('items')
    .set((eb) => ({ status: 'on_loan', transit_to: null, times_lent: eb('times_lent', '+', 1) }))
    .where('id', '=', v.itemId),
)

/** Lends an item to the holder of a card, after every block the desk would check. */
export async function checkout(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<CheckoutResult> {
  if (!can(actor, 'circ.desk')) throw forbidden('FORBIDDEN', 'Your role may not check items out.')
  const input = check(CheckoutSchema, raw)
  // Only a self-check machine replaying its offline transactions (or the system) may say when a loan began.
  if (input.at !== undefined && actor.type !== 'sip' && actor.type !== 'system')
    throw forbidden('FORBIDDEN', 'Only an offline self-check transaction may give its own time.')
  const now = input.at === undefined ? ctx.clock.now() : new Date(input.at)
  if (Number.isNaN(now.getTime())) throw validation('INVALID_TIME', 'That is not a valid time.')
  const at = now.toISOString()

  return ctx.db.transaction().execute(async (trx) => {
    const policy = await loadPolicy(ctx, trx)
    if (!policy.hasBranch(input.branch)) throw validation('UNKNOWN_BRANCH', 'No such branch.')
    const patron = await cardHolder(trx, input.patronBarcode)
    if (patron.patron_status !== 'active')
      throw conflict('PATRON_ERASED', "This patron's personal data has been erased.")
    const item = await lockItemByBarcode(trx, input.itemBarcode)
    if (item === undefined) await getItemByBarcode(trx, input.itemBarcode)
    if (item === undefined) throw new Error('unreachable')
    const record = await getRecordRow(trx, item.record_id)
    const rule = policy.ruleFor(input.branch, patron.category, item.item_type)

    const blocks: BlockCode[] = []
    if (patron.card_status === 'lost' || patron.card_status === 'replaced') blocks.push('CARD_LOST')
    if (patron.card_status === 'expired' || patron.expires_on < policy.today(now))
      blocks.push('CARD_EXPIRED')
    const owing = await owedAndOut(trx, patron.patron_id)
    if (owing.owedCents > policy.maxOwedCents(patron.category)) blocks.push('FINES_OVER_LIMIT')
    if (owing.out >= rule.max_items) blocks.push('TOO_MANY_ITEMS')
    if (item.status === 'on_loan') blocks.push('ITEM_ALREADY_ON_LOAN')
    if (
      ['lost', 'withdrawn', 'not_for_loan'].includes(item.status) ||
      !policy.lendable(item.item_type)
    )
      blocks.push('ITEM_NOT_FOR_LOAN')
    const {
      rows: [heldFor],
    } = await holdOnItem(trx, { itemId: item.id })
    if (heldFor !== undefined && heldFor.patron_id !== patron.patron_id)
      blocks.push('ITEM_ON_HOLD_FOR_ANOTHER')
    const offline = input.noBlock === true && (actor.type === 'sip' || actor.type === 'system')
    const requested = offline
      ? blocks.filter((b) => b !== 'ITEM_ALREADY_ON_LOAN')
      : actor.type === 'sip'
        ? []
        : (input.override ?? [])
    const overridden = enforceBlocks(actor, blocks, requested)

    const loan: LoanRow = {
      id: newId(),
      item_id: item.id,
      record_id: item.record_id,
      item_type: item.item_type,
      branch: input.branch,
      patron_category: patron.category,
      patron_id: patron.patron_id,
      checked_out_at: at,
      due_at: dueDate(rule, now, policy.tz, policy.isClosed(input.branch)).toISOString(),
      returned_at: null,
      renewals: 0,
      notice_stage: 0,
    }
    try {
      await insertLoan(trx, loan)
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict('ITEM_ALREADY_ON_LOAN', 'This item is already on loan.')
      throw err
    }
    await markLent(trx, { itemId: item.id })
    const day = policy.today(now)
    await countCirculation(
      trx,
      { day, branch: input.branch, itemType: item.item_type, patronCategory: patron.category },
      'checkout',
    )
    if (heldFor !== undefined && heldFor.patron_id === patron.patron_id) {
      // Fulfilled: the hold has done its work and is deleted; only the count remains.
      await closeHold(trx, heldFor, 'fulfilled', at)
      await countHold(trx, { day, branch: input.branch }, 'fulfilled')
    } else if (heldFor !== undefined) {
      // Overridden: the other patron keeps their place in the queue for the next copy.
      await trx
        .updateTable('holds')
        .set({
          status: 'queued',
          item_id: null,
          pickup_code: null,
          ready_at: null,
          expires_on: null,
        })
        .where('id', '=', heldFor.id)
        .execute()
    }
    const events: AuditEvent[] = [
      { action: 'circ.checkout', patronId: patron.patron_id, detail: { branch: input.branch } },
    ]
    for (const block of overridden)
      events.push({ action: 'circ.override', patronId: patron.patron_id, detail: { block } })
    await appendAudit(trx, ctx.engine, ctx.clock, actor, events)
    return {
      loanId: loan.id,
      patronId: patron.patron_id,
      itemBarcode: item.barcode,
      title: record.title,
      dueAt: loan.due_at,
      overridden,
    }
  })
}
