import type { Kysely, Selectable } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { NoticeOutboxTable } from './outbox.tables.js'

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/** What a notice says that is looked up as it is written, never stored with it. */
export interface NoticeFacts {
  /** The titles it is about; empty unless the patron chose titles. */
  titles: string[]
  /** A lost item's charge, read from the charge itself. */
  amountCents?: number
  /** Why there is nothing left to tell (the charge is no longer owed). */
  stale?: string
}

/**
 * The titles a notice is about (only for a patron who chose titles), and a lost item's charge,
 * looked up as the notice is written and never stored with it (P10, P3): the payload holds only
 * loan ids, a charge id or a pickup code. Only the patron's own loans, holds and charges are
 * read. A lost-item charge no longer owed (the copy came back and it was forgiven) leaves
 * nothing to tell.
 */
export async function noticeFacts(
  db: Kysely<RecordsDb>,
  row: Pick<Selectable<NoticeOutboxTable>, 'kind' | 'patron_id' | 'payload'>,
  wantsTitles: boolean,
): Promise<NoticeFacts> {
  const p = JSON.parse(row.payload ?? '{}') as Record<string, unknown>
  if (row.kind === 'lost_billed') {
    const fee = await db
      .selectFrom('fees')
      .leftJoin('items', 'items.id', 'fees.item_id')
      .leftJoin('bib_records', 'bib_records.id', 'items.record_id')
      .select(['fees.amount_cents', 'fees.status', 'bib_records.title'])
      .where('fees.id', '=', text(p.feeId))
      .where('fees.patron_id', '=', row.patron_id)
      .executeTakeFirst()
    if (fee === undefined || fee.status !== 'open')
      return { titles: [], stale: 'The charge is no longer owed.' }
    return {
      titles: wantsTitles && fee.title !== null ? [fee.title] : [],
      amountCents: fee.amount_cents,
    }
  }
  return { titles: wantsTitles ? await titlesOf(db, row.kind, row.patron_id, p) : [] }
}

async function titlesOf(
  db: Kysely<RecordsDb>,
  kind: string,
  patronId: string,
  p: Record<string, unknown>,
): Promise<string[]> {
  let found: { title: string }[]
  switch (kind) {
    case 'courtesy':
    case 'overdue_first':
    case 'overdue_second': {
      const ids = text(p.loanIds)
        .split(',')
        .filter((s) => s !== '')
      if (ids.length === 0) return []
      found = await db
        .selectFrom('loans')
        .innerJoin('bib_records', 'bib_records.id', 'loans.record_id')
        .select('bib_records.title')
        .where('loans.id', 'in', ids)
        .where('loans.patron_id', '=', patronId)
        .orderBy('bib_records.title')
        .execute()
      break
    }
    case 'hold_ready':
      if (text(p.pickupCode) === '') return []
      found = await db
        .selectFrom('holds')
        .innerJoin('bib_records', 'bib_records.id', 'holds.record_id')
        .select('bib_records.title')
        .where('holds.patron_id', '=', patronId)
        .where('holds.pickup_code', '=', text(p.pickupCode))
        .execute()
      break
    default:
      return []
  }
  return found.map((f) => f.title)
}
