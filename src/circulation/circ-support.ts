import type { Kysely, Selectable } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound, ruleViolation } from '../errors.js'
import { newId } from '../ids.js'
import { closedDayTest, localDate } from '../library/calendar.js'
import { pickRule, type LoanRule } from '../library/loan-rules.js'
import type { ClosedDaysTable } from '../library/library.tables.js'
import type { LoansTable } from './circulation.tables.js'

export type LoanRow = Selectable<LoansTable>

/** The loan rules and calendar, read once per operation (both tables are small). */
export interface CircPolicy {
  rules: LoanRule[]
  closed: ClosedDaysTable[]
  tz: string
  ruleFor(branch: string, patronCategory: string, itemType: string): LoanRule
  isClosed(branch: string): (date: string) => boolean
  today(now: Date): string
}

export async function loadPolicy(
  ctx: AppContext,
  db: Kysely<RecordsDb> = ctx.db,
): Promise<CircPolicy> {
  const [rules, closed] = await Promise.all([
    db.selectFrom('loan_rules').selectAll().execute(),
    db.selectFrom('closed_days').selectAll().execute(),
  ])
  const tz = ctx.config.library.timezone
  return {
    rules,
    closed,
    tz,
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

/**
 * P3: a returned loan with nothing owed on it loses its patron, unless the patron keeps a reading
 * history. Its times are cut to the day, so they cannot be matched against other timestamped
 * records to find the patron again.
 */
export async function forgetLoanIfSettled(
  trx: Kysely<RecordsDb>,
  loanId: string,
): Promise<boolean> {
  const loan = await trx.selectFrom('loans').selectAll().where('id', '=', loanId).executeTakeFirst()
  if (loan === undefined || loan.returned_at === null || loan.patron_id === null) return false
  const unsettled = await trx
    .selectFrom('fees')
    .select('id')
    .where('loan_id', '=', loanId)
    .where('status', 'in', ['open', 'accruing'])
    .limit(1)
    .execute()
  if (unsettled.length > 0) return false
  const patron = await trx
    .selectFrom('patrons')
    .select('keep_history')
    .where('id', '=', loan.patron_id)
    .executeTakeFirst()
  if (patron?.keep_history === 1) return false
  await trx.updateTable('loans').set(anonymisedLoan(loan)).where('id', '=', loanId).execute()
  return true
}

export function anonymisedLoan(loan: LoanRow): Partial<LoanRow> {
  return {
    patron_id: null,
    checked_out_at: loan.checked_out_at.slice(0, 10),
    due_at: loan.due_at.slice(0, 10),
    returned_at: loan.returned_at?.slice(0, 10) ?? null,
  }
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

export async function openLoanForItem(
  db: Kysely<RecordsDb>,
  itemId: string,
): Promise<LoanRow | undefined> {
  return db
    .selectFrom('loans')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('returned_at', 'is', null)
    .executeTakeFirst()
}

export async function cardHolder(db: Kysely<RecordsDb>, barcode: string) {
  const row = await db
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
    .where('cards.barcode', '=', barcode.trim())
    .executeTakeFirst()
  if (row === undefined) throw notFound('CARD_NOT_FOUND', 'No card has that number.')
  return row
}
