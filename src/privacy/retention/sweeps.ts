import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { RecordsDb } from '../../db/schema.js'
import type { RetentionRuleId } from '../retention-rules.js'
import { dueMaildrop, sweepMaildrop } from '../../comms/maildrop.js'
import { destroySubscriptionKey } from '../../comms/newsletter-keys.js'
import { deleteSubscriptionRows, forgetMaildrop } from '../../comms/newsletter-store.js'
import type { KeystoreDb } from '../../db/schema.js'
import { INQUIRY_SWEEPS } from './inquiry-sweeps.js'
import { RECORDS_SWEEPS } from '../../records/records-sweeps.js'
import { COMPUTER_SWEEPS } from './computer-sweeps.js'
import { COMPUTER_QUEUE_SWEEPS } from '../../computers/queue-sweeps.js'

/** One batch of a sweep: what it disposed of and the span of dates that covered. */
export interface Batch {
  count: number
  from?: string
  to?: string
  /** The last key done, where the next batch starts. */
  last?: string | number
}

export interface SweepContext {
  db: Kysely<RecordsDb>
  /** Records dated before this are due. */
  cutoff: string
  /** Patrons under a legal hold: their records are left alone. */
  heldPatrons: readonly string[]
  limit: number
  /** The key store, for series whose disposal destroys keys (newsletter sign-ups); without it they are left alone. */
  keys?: Kysely<KeystoreDb>
  /** The data directory, for the series kept as files (the maildrop); without it they are left alone. */
  dataDir?: string
  /**
   * Keyset: each batch starts after the last key of the one before, so no batch walks again
   * over rows already done (or their dead versions), however long the backlog.
   */
  after?: string | number
}

type Db = Kysely<Record<string, Record<string, string | number | null>>>

/**
 * A delete sweep over one table: due rows one batch at a time, walking the key (ids are random,
 * so the walk is in no particular order of age; the date decides what is due).
 */
interface DeleteSweep {
  table: keyof RecordsDb
  /** The key column, when not `id`. */
  key?: string
  date: string
  /** Compare the date with the cutoff cut to this many characters (7: whole months only). */
  cutoffLength?: number
  patron?: string
  /** Extra conditions a due row must meet (raw SQL over the table's own columns). */
  where?: ReturnType<typeof sql<boolean>>
}

const DELETE_SWEEPS: Partial<Record<RetentionRuleId, DeleteSweep>> = {
  'card-record': {
    table: 'cards',
    date: 'status_changed_at',
    patron: 'patron_id',
    where: sql<boolean>`status = 'replaced'`,
  },
  'pin-failures': { table: 'pin_failures', date: 'failed_at' },
  'attempt-counts': { table: 'attempt_counts', date: 'minute' },
  'card-ledger': { table: 'card_ledger', date: 'created_at', patron: 'patron_id' },
  'audit-log': { table: 'audit_log', key: 'seq', date: 'at', patron: 'patron_id' },
  'loan-statistics': { table: 'circulation_counts', date: 'day', cutoffLength: 10 },
  'hold-statistics': { table: 'hold_counts', date: 'day', cutoffLength: 10 },
  'activity-statistics': { table: 'activity_counts', date: 'day', cutoffLength: 10 },
  // Closed holds are deleted when they close; this catches any left behind.
  // Closed holds are deleted when they close; this catches those kept under a legal hold.
  holds: {
    table: 'holds',
    date: 'placed_at',
    patron: 'patron_id',
    where: sql<boolean>`(status in ('fulfilled', 'cancelled') or (status = 'expired' and item_id is null))`,
  },
  // Settled fees are deleted when settled; this catches those kept under a legal hold.
  fees: {
    table: 'fees',
    date: 'created_at',
    patron: 'patron_id',
    where: sql<boolean>`status in ('paid', 'waived')`,
  },
  'fee-statistics': { table: 'fee_counts', date: 'month', cutoffLength: 7 },
  payments: {
    table: 'fee_payments',
    date: 'created_at',
    patron: 'patron_id',
    where: sql<boolean>`not exists (select 1 from fees where fees.patron_id = fee_payments.patron_id and fees.status in ('open', 'accruing'))`,
  },
  'patron-requests': {
    table: 'patron_requests',
    date: 'updated_at',
    patron: 'patron_id',
    where: sql<boolean>`status in ('fulfilled', 'declined', 'cancelled')`,
  },
  notices: { table: 'notice_outbox', date: 'created_at', patron: 'patron_id' },
  'legal-requests': {
    table: 'legal_requests',
    date: 'decided_at',
    patron: 'patron_id',
    where: sql<boolean>`status in ('refused', 'released')`,
  },
  'legal-holds': {
    table: 'legal_holds',
    date: 'lifted_at',
    where: sql<boolean>`lifted_at is not null`,
  },
  'sip-accounts': { table: 'sip_accounts', date: 'updated_at', where: sql<boolean>`active = 0` },
  // Finished issues delete their rows; this catches messages that failed and any left behind.
  'newsletter-deliveries': { table: 'newsletter_deliveries', date: 'created_on', cutoffLength: 10 },
}

function dueRows(s: SweepContext, d: DeleteSweep) {
  const db = s.db as unknown as Db
  let q = db
    .selectFrom(d.table)
    .select([`${d.key ?? 'id'} as id`, `${d.date} as at`])
    .where(d.date, '<', d.cutoffLength === undefined ? s.cutoff : s.cutoff.slice(0, d.cutoffLength))
  if (d.where !== undefined) q = q.where(d.where)
  if (s.after !== undefined) q = q.where(d.key ?? 'id', '>', s.after)
  if (d.patron !== undefined && s.heldPatrons.length > 0) {
    const patron = d.patron
    q = q.where((eb) => eb.or([eb(patron, 'is', null), eb(patron, 'not in', s.heldPatrons)]))
  }
  return q
}

function span(rows: { id: string | number | null; at: string | number | null }[]): Batch {
  const dates = rows.map((r) => String(r.at)).sort()
  const last = rows[rows.length - 1]?.id
  return {
    count: rows.length,
    ...(last !== undefined && last !== null && { last }),
    ...(dates.length > 0 && { from: dates[0], to: dates[dates.length - 1] }),
  }
}

async function deleteBatch(s: SweepContext, d: DeleteSweep): Promise<Batch> {
  const key = d.key ?? 'id'
  const rows = await dueRows(s, d).orderBy(key).limit(s.limit).execute()
  if (rows.length === 0) return { count: 0 }
  const ids = rows.map((r) => r.id as string | number)
  await (s.db as unknown as Db).deleteFrom(d.table).where(key, 'in', ids).execute()
  return span(rows)
}

async function countDue(s: SweepContext, d: DeleteSweep): Promise<number> {
  const row = await dueRows(s, d)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * P3 backstop: a returned loan with nothing owed whose patron keeps no history (or whose
 * account is gone) is deleted. Check-in and settlement delete them at once; this catches the rest.
 */
function linkedLoans(s: SweepContext, series: 'loan-link' | 'reading-history') {
  let q = s.db
    .selectFrom('loans')
    .innerJoin('patrons', 'patrons.id', 'loans.patron_id')
    .select(['loans.id', 'loans.returned_at as at'])
    .where('loans.returned_at', 'is not', null)
    .where('loans.returned_at', '<', s.cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('fees').select('fees.id').whereRef('fees.loan_id', '=', 'loans.id'),
        ),
      ),
    )
  q =
    series === 'loan-link'
      ? q.where('patrons.keep_history', '=', 0).where('patrons.status', '=', 'active')
      : q.where('patrons.status', '=', 'erased')
  if (s.heldPatrons.length > 0) q = q.where('loans.patron_id', 'not in', s.heldPatrons)
  if (s.after !== undefined) q = q.where('loans.id', '>', String(s.after))
  return q
}

async function forgetBatch(
  s: SweepContext,
  series: 'loan-link' | 'reading-history',
): Promise<Batch> {
  const rows = await linkedLoans(s, series).orderBy('loans.id').limit(s.limit).execute()
  if (rows.length === 0) return { count: 0 }
  await s.db
    .deleteFrom('loans')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  return span(rows)
}

/** Notes of accounts erased before the cutoff (their text was unreadable from the moment of erasure). */
function closedNotes(s: SweepContext) {
  return s.db
    .selectFrom('account_notes')
    .innerJoin('patrons', 'patrons.id', 'account_notes.patron_id')
    .select(['account_notes.id', 'patrons.erased_at as at'])
    .where('patrons.status', '=', 'erased')
    .where('patrons.erased_at', '<', s.cutoff)
    .$if(s.after !== undefined, (q) => q.where('account_notes.id', '>', String(s.after)))
}

/** Former staff: switched off before the cutoff; what they authored keeps its content, not their name. */
function formerStaff(s: SweepContext) {
  return s.db
    .selectFrom('staff')
    .select(['id', 'updated_at as at'])
    .where('active', '=', 0)
    .where('updated_at', '<', s.cutoff)
    .$if(s.after !== undefined, (q) => q.where('id', '>', String(s.after)))
}

export interface TableSweep {
  count(s: SweepContext): Promise<number>
  batch(s: SweepContext): Promise<Batch>
}

async function countOf<O>(
  db: Kysely<RecordsDb>,
  q: SelectQueryBuilder<RecordsDb, keyof RecordsDb, O>,
): Promise<number> {
  const row = await db
    .selectFrom(q.as('due'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

function maildropSweep(s: SweepContext) {
  return {
    beforeDay: s.cutoff.slice(0, 10),
    heldPatrons: s.heldPatrons,
    ...(typeof s.after === 'string' && { after: s.after }),
  }
}

/** Newsletter sign-ups never confirmed: asked for before the cutoff day and still pending. */
function unconfirmedSignUps(s: SweepContext) {
  let q = s.db
    .selectFrom('newsletter_subscriptions')
    .select(['id', 'email_enc', 'requested_on as at'])
    .where('status', '=', 'pending')
    .where('requested_on', '<', s.cutoff.slice(0, 10))
  if (s.heldPatrons.length > 0)
    q = q.where((eb) =>
      eb.or([eb('patron_id', 'is', null), eb('patron_id', 'not in', s.heldPatrons)]),
    )
  if (s.after !== undefined) q = q.where('id', '>', String(s.after))
  return q
}

/** Sweeps for every series that has rows of its own to dispose of (registration erasure lives in retention.service). */
export const TABLE_SWEEPS: Partial<Record<RetentionRuleId, TableSweep>> = {
  ...INQUIRY_SWEEPS,
  ...Object.fromEntries(
    Object.entries(DELETE_SWEEPS).map(([series, d]) => [
      series,
      { count: (s: SweepContext) => countDue(s, d), batch: (s: SweepContext) => deleteBatch(s, d) },
    ]),
  ),
  'loan-link': {
    count: (s) => countOf(s.db, linkedLoans(s, 'loan-link')),
    batch: (s) => forgetBatch(s, 'loan-link'),
  },
  'reading-history': {
    count: (s) => countOf(s.db, linkedLoans(s, 'reading-history')),
    batch: (s) => forgetBatch(s, 'reading-history'),
  },
  // Files, not rows: named by local day and patron, so the due ones are found without opening any.
  maildrop: {
    count: (s) =>
      Promise.resolve(
        s.dataDir === undefined ? 0 : dueMaildrop(s.dataDir, maildropSweep(s)).length,
      ),
    batch: (s) => {
      const done =
        s.dataDir === undefined
          ? []
          : sweepMaildrop(s.dataDir, { ...maildropSweep(s), limit: s.limit })
      const days = done.map((e) => e.day).sort()
      const last = done.at(-1)?.name
      return Promise.resolve({
        count: done.length,
        ...(last !== undefined && { last }),
        ...(days.length > 0 && { from: days[0], to: days[days.length - 1] }),
      })
    },
  },
  // Keys first (crypto-shredding: no copy of the address stays readable), then the rows.
  'newsletter-pending': {
    count: (s) =>
      s.keys === undefined ? Promise.resolve(0) : countOf(s.db, unconfirmedSignUps(s)),
    batch: async (s) => {
      const keys = s.keys
      if (keys === undefined) return { count: 0 }
      const rows = await unconfirmedSignUps(s).orderBy('id').limit(s.limit).execute()
      for (const r of rows) if (r.email_enc !== null) await destroySubscriptionKey(keys, r.id)
      await deleteSubscriptionRows(
        s.db,
        rows.map((r) => r.id),
      )
      forgetMaildrop(
        s.dataDir,
        rows.filter((r) => r.email_enc !== null).map((r) => r.id),
      )
      return span(rows)
    },
  },
  ...RECORDS_SWEEPS,
  ...COMPUTER_SWEEPS,
  ...COMPUTER_QUEUE_SWEEPS,
  'account-notes': {
    count: (s) => countOf(s.db, closedNotes(s)),
    batch: async (s) => {
      const rows = await closedNotes(s).orderBy('account_notes.id').limit(s.limit).execute()
      if (rows.length > 0)
        await s.db
          .deleteFrom('account_notes')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      return span(rows)
    },
  },
  'staff-account': {
    count: (s) => countOf(s.db, formerStaff(s)),
    batch: async (s) => {
      const rows = await formerStaff(s).orderBy('id').limit(s.limit).execute()
      const ids = rows.map((r) => r.id)
      if (ids.length > 0) {
        await s.db
          .updateTable('card_ledger')
          .set({ staff_id: null })
          .where('staff_id', 'in', ids)
          .execute()
        await s.db
          .updateTable('account_notes')
          .set({ author_staff_id: null })
          .where('author_staff_id', 'in', ids)
          .execute()
        await s.db
          .updateTable('fee_payments')
          .set({ staff_id: null })
          .where('staff_id', 'in', ids)
          .execute()
        await s.db.deleteFrom('staff').where('id', 'in', ids).execute()
      }
      return span(rows)
    },
  },
}
