import type { Kysely, Selectable } from 'kysely'
import type { AppContext } from '../context.js'
import { lockRows } from '../db/dialect.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound, ruleViolation } from '../errors.js'
import { newId } from '../ids.js'
import { closedDayTest, localDate } from '../library/calendar.js'
import { pickRule, type LoanRule } from '../library/loan-rules.js'
import type { ClosedDaysTable } from '../library/library.tables.js'
import type { HoldStatus, LoansTable } from './circulation.tables.js'
import type { RetentionRuleId } from '../privacy/retention-rules.js'
import { versioned } from '../library/structure-cache.js'

export type LoanRow = Selectable<LoansTable>

/** The loan rules, calendar and the item-type and category limits, for one operation. */
export interface CircPolicy {
  rules: readonly LoanRule[]
  closed: readonly ClosedDaysTable[]
  tz: string
  /** False for an item type that may not leave the building. */
  lendable(itemType: string): boolean
  /** Most a patron of the category may owe and still borrow (0 for an unknown category). */
  maxOwedCents(patronCategory: string): number
  /** The branch exists. */
  hasBranch(branch: string): boolean
  ruleFor(branch: string, patronCategory: string, itemType: string): LoanRule
  isClosed(branch: string): (date: string) => boolean
  today(now: Date): string
}

export async function loadPolicy(
  ctx: AppContext,
  db: Kysely<RecordsDb> = ctx.db,
): Promise<CircPolicy> {
  const { rules, closed, notForLoan, maxOwed, branches } = await versioned(
    db,
    'circulation',
    readPolicy,
  )
  const tz = ctx.config.library.timezone
  return {
    rules,
    closed,
    tz,
    lendable: (itemType) => notForLoan[itemType] !== true,
    maxOwedCents: (patronCategory) => maxOwed[patronCategory] ?? 0,
    hasBranch: (branch) => branches.includes(branch),
    ruleFor(branch, patronCategory, itemType) {
      const rule = pickRule(rules, { branch, patronCategory, itemType })
      if (rule === undefined)
        throw ruleViolation('NO_LOAN_RULE', 'No loan rule covers this item; add a catch-all rule.')
      return rule
    },
    isClosed: (branch) => closedDayTest(closed, branch),
    today: (now) => localDate(now, tz),
  }
}

/** The set-up tables circulation reads, kept in memory while their version is unchanged. */
async function readPolicy(db: Kysely<RecordsDb>) {
  const [rules, closed, types, categories, branches] = await Promise.all([
    db.selectFrom('loan_rules').selectAll().execute(),
    db.selectFrom('closed_days').selectAll().execute(),
    db.selectFrom('item_types').select(['code', 'not_for_loan']).execute(),
    db.selectFrom('patron_categories').select(['code', 'max_owed_cents']).execute(),
    db.selectFrom('branches').select('code').execute(),
  ])
  return {
    rules,
    closed,
    branches: branches.map((b) => b.code),
    notForLoan: Object.fromEntries(types.map((t) => [t.code, t.not_for_loan === 1])),
    maxOwed: Object.fromEntries(categories.map((c) => [c.code, c.max_owed_cents])),
  }
}

/** What the patron owes now and how many items they have out, in one read (checkout's blocks). */
const owedAndOutRow = precompiled((db: Kysely<RecordsDb>, v: { patronId: string }) =>
  db.selectNoFrom((eb) => [
    eb
      .selectFrom('fees')
      .select((f) => f.fn.coalesce(f.fn.sum<number>('outstanding_cents'), f.lit(0)).as('o'))
      .where('patron_id', '=', v.patronId)
      .where('status', 'in', ['open', 'accruing'])
      .as('owed'),
    eb
      .selectFrom('loans')
      .select((l) => l.fn.countAll<number>().as('n'))
      .where('patron_id', '=', v.patronId)
      .where('returned_at', 'is', null)
      .as('out'),
  ]),
)

export async function owedAndOut(
  db: Kysely<RecordsDb>,
  patronId: string,
): Promise<{ owedCents: number; out: number }> {
  const {
    rows: [row],
  } = await owedAndOutRow(db, { patronId })
  return { owedCents: Number(row?.owed ?? 0), out: Number(row?.out ?? 0) }
}

/** What the patron owes now: open fees and fines still accruing. */
export async function owedCents(db: Kysely<RecordsDb>, patronId: string): Promise<number> {
  const row = await db
    .selectFrom('fees')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('outstanding_cents'), eb.lit(0)).as('owed'))
    .where('patron_id', '=', patronId)
    .where('status', 'in', ['open', 'accruing'])
    .executeTakeFirstOrThrow()
  return Number(row.owed)
}

const deleteSettledLoan = precompiled((db: Kysely<RecordsDb>, v: { loanId: string }) => {
  const series: RetentionRuleId = 'loan-link'
  return db
    .deleteFrom('loans')
    .where('id', '=', v.loanId)
    .where('returned_at', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(
            eb.selectFrom('fees').select('fees.id').whereRef('fees.loan_id', '=', 'loans.id'),
          ),
          eb.exists(
            eb
              .selectFrom('patrons')
              .select('patrons.id')
              .whereRef('patrons.id', '=', 'loans.patron_id')
              .where('patrons.keep_history', '=', 1)
              .where('patrons.status', '=', 'active'),
          ),
          eb.exists(
            eb
              .selectFrom('legal_holds')
              .select('legal_holds.id')
              .where('legal_holds.lifted_at', 'is', null)
              .where((h) =>
                h.or([
                  h('legal_holds.series', '=', series),
                  h('legal_holds.patron_id', '=', eb.ref('loans.patron_id')),
                ]),
              ),
          ),
        ]),
      ),
    )
})

/**
 * P3: a returned loan with nothing owed on it is deleted, unless the patron keeps a reading
 * history. Nothing of it is kept: its statistics were counted when it happened (counts.ts), so no
 * id, date, order or amount is left to match against the audit log or anything else.
 */
export async function forgetLoanIfSettled(
  trx: Kysely<RecordsDb>,
  loanId: string,
): Promise<boolean> {
  // One statement for the common case: returned, no fee on it (owed, or settled but kept under a
  // legal hold), a borrower who keeps no history, and no legal hold on the series or the borrower.
  const gone = await deleteSettledLoan(trx, { loanId })
  if (Number(gone.numAffectedRows ?? 0) > 0) return true
  // Kept, or already gone (settling its last fee in this same transaction forgot it).
  const still = await trx
    .selectFrom('loans')
    .select('id')
    .where('id', '=', loanId)
    .executeTakeFirst()
  return still === undefined
}

/**
 * A legal hold on a series, or on a patron, stops even the forgetting that P3 does at once:
 * the rows stay as they are until the hold is lifted, and the next retention sweep deletes them.
 */
export async function underLegalHold(
  trx: Kysely<RecordsDb>,
  series: RetentionRuleId,
  patronId: string | null,
): Promise<boolean> {
  const held = await trx
    .selectFrom('legal_holds')
    .select('id')
    .where('lifted_at', 'is', null)
    .where((eb) =>
      patronId === null
        ? eb('series', '=', series)
        : eb.or([eb('series', '=', series), eb('patron_id', '=', patronId)]),
    )
    .limit(1)
    .execute()
  return held.length > 0
}

/**
 * Payments and waivers name the patron only while something is still owed (they are the
 * account's answer to "what did I pay?" while there is a balance); once the balance is zero they
 * are deleted — their totals were counted when they were taken.
 */
export async function forgetPaymentsIfClear(
  trx: Kysely<RecordsDb>,
  patronId: string,
): Promise<void> {
  // Anything still open (owed or accruing, even at zero) keeps the payments toward it.
  const open = await trx
    .selectFrom('fees')
    .select('id')
    .where('patron_id', '=', patronId)
    .where('status', 'in', ['open', 'accruing'])
    .limit(1)
    .execute()
  if (open.length > 0) return
  if (await underLegalHold(trx, 'payments', patronId)) return
  await trx.deleteFrom('fee_payments').where('patron_id', '=', patronId).execute()
}

/** A row for the notices outbox; sending is a later concern. Payloads carry no titles. */
export async function enqueueNotice(
  trx: Kysely<RecordsDb>,
  patronId: string,
  kind: string,
  payload: Record<string, string | number>,
  at: string,
): Promise<void> {
  await trx
    .insertInto('notice_outbox')
    .values({
      id: newId(),
      patron_id: patronId,
      kind,
      payload: JSON.stringify(payload),
      created_at: at,
      sent_at: null,
    })
    .execute()
}

const openLoanRow = precompiled((db: Kysely<RecordsDb>, v: { itemId: string }) =>
  db
    .selectFrom('loans')
    .selectAll()
    .where('item_id', '=', v.itemId)
    .where('returned_at', 'is', null),
)

export async function openLoanForItem(
  db: Kysely<RecordsDb>,
  itemId: string,
): Promise<LoanRow | undefined> {
  const {
    rows: [loan],
  } = await openLoanRow(db, { itemId })
  return loan
}

const lockedItemRow = precompiled((db: Kysely<RecordsDb>, v: { barcode: string }, engine) =>
  lockRows(db.selectFrom('items').selectAll().where('barcode', '=', v.barcode), engine),
)

/** The copy with this barcode, locked for the transaction on PostgreSQL; undefined if none. */
export async function lockItemByBarcode(trx: Kysely<RecordsDb>, barcode: string) {
  const {
    rows: [item],
  } = await lockedItemRow(trx, { barcode: barcode.trim() })
  return item
}

const cardHolderRow = precompiled((db: Kysely<RecordsDb>, v: { barcode: string }) =>
  db
    .selectFrom('cards')
    .innerJoin('patrons', 'patrons.id', 'cards.patron_id')
    .select([
      'cards.id as card_id',
      'cards.status as card_status',
      'patrons.id as patron_id',
      'patrons.status as patron_status',
      'patrons.category',
      'patrons.expires_on',
      'patrons.keep_history',
    ])
    .where('cards.barcode', '=', v.barcode),
)

export async function cardHolder(db: Kysely<RecordsDb>, barcode: string) {
  const {
    rows: [row],
  } = await cardHolderRow(db, { barcode: barcode.trim() })
  if (row === undefined) throw notFound('CARD_NOT_FOUND', 'No card has that number.')
  return row
}

/**
 * A hold that has done its work (filled or cancelled) is deleted; only the day's count remains.
 * Under a legal hold it is kept, closed, until the hold is lifted and a sweep deletes it.
 */
export async function closeHold(
  trx: Kysely<RecordsDb>,
  hold: { id: string; patron_id: string | null; status: HoldStatus },
  status: 'fulfilled' | 'cancelled',
  at: string,
): Promise<boolean> {
  const res = (await underLegalHold(trx, 'holds', hold.patron_id))
    ? await trx
        .updateTable('holds')
        .set({ status, item_id: null, pickup_code: null, closed_at: at })
        .where('id', '=', hold.id)
        .where('status', '=', hold.status)
        .executeTakeFirst()
        .then((r) => r.numUpdatedRows)
    : await trx
        .deleteFrom('holds')
        .where('id', '=', hold.id)
        .where('status', '=', hold.status)
        .executeTakeFirst()
        .then((r) => r.numDeletedRows)
  return res > 0n
}
