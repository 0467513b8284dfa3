import type { Kysely, Selectable, Updateable } from 'kysely'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import type { LookupDigest } from './normalise.js'
import type { CardsTable, LookupKind, PatronsTable } from './patron.tables.js'

export type PatronRow = Selectable<PatronsTable>
export type CardRow = Selectable<CardsTable>

export async function insertPatron(db: Kysely<RecordsDb>, row: PatronRow): Promise<void> {
  await db.insertInto('patrons').values(row).execute()
}

// Read on every self-check message about a patron: each built and compiled once (db/precompiled.ts).
const patronById = precompiled((db: Kysely<RecordsDb>, v: { id: string }) =>
  db.selectFrom('patrons').selectAll().where('id', '=', v.id),
)
const cardByBarcode = precompiled((db: Kysely<RecordsDb>, v: { barcode: string }) =>
  db.selectFrom('cards').selectAll().where('barcode', '=', v.barcode),
)
const cardsOfPatron = precompiled((db: Kysely<RecordsDb>, v: { patronId: string }) =>
  db.selectFrom('cards').selectAll().where('patron_id', '=', v.patronId).orderBy('issued_at'),
)

export async function findPatron(
  db: Kysely<RecordsDb>,
  id: string,
): Promise<PatronRow | undefined> {
  const {
    rows: [patron],
  } = await patronById(db, { id })
  return patron
}

export async function findPatrons(
  db: Kysely<RecordsDb>,
  ids: readonly string[],
): Promise<PatronRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('patrons').selectAll().where('id', 'in', ids).execute()
}

export async function updatePatronRow(
  db: Kysely<RecordsDb>,
  id: string,
  patch: Updateable<PatronsTable>,
): Promise<void> {
  await db.updateTable('patrons').set(patch).where('id', '=', id).execute()
}

export async function replaceLookups(
  db: Kysely<RecordsDb>,
  patronId: string,
  digests: readonly LookupDigest[],
  kinds?: readonly LookupKind[],
): Promise<void> {
  let del = db.deleteFrom('patron_lookup').where('patron_id', '=', patronId)
  if (kinds !== undefined) {
    if (kinds.length === 0) return
    del = del.where('kind', 'in', kinds)
  }
  await del.execute()
  const rows = digests
    .filter((d) => kinds === undefined || kinds.includes(d.kind))
    .map((d) => ({ patron_id: patronId, ...d }))
  if (rows.length > 0) await db.insertInto('patron_lookup').values(rows).execute()
}

export async function findPatronIdsByDigest(
  db: Kysely<RecordsDb>,
  kind: LookupKind,
  digest: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('patron_lookup')
    .select('patron_id')
    .where('kind', '=', kind)
    .where('digest', '=', digest)
    .limit(limit)
    .execute()
  return rows.map((r) => r.patron_id)
}

export async function deleteLookups(db: Kysely<RecordsDb>, patronId: string): Promise<void> {
  await db.deleteFrom('patron_lookup').where('patron_id', '=', patronId).execute()
}

export async function insertCard(db: Kysely<RecordsDb>, row: CardRow): Promise<void> {
  await db.insertInto('cards').values(row).execute()
}

export async function findCardByBarcode(
  db: Kysely<RecordsDb>,
  barcode: string,
): Promise<CardRow | undefined> {
  const {
    rows: [card],
  } = await cardByBarcode(db, { barcode })
  return card
}

export async function listCards(
  db: Kysely<RecordsDb>,
  patronIds: readonly string[],
): Promise<CardRow[]> {
  if (patronIds.length === 0) return []
  const [only] = patronIds
  if (patronIds.length === 1 && only !== undefined)
    return (await cardsOfPatron(db, { patronId: only })).rows
  return db
    .selectFrom('cards')
    .selectAll()
    .where('patron_id', 'in', patronIds)
    .orderBy('issued_at')
    .execute()
}

export async function updateCard(
  db: Kysely<RecordsDb>,
  id: string,
  patch: Partial<Omit<CardRow, 'id'>>,
): Promise<void> {
  await db.updateTable('cards').set(patch).where('id', '=', id).execute()
}

export async function balanceCents(db: Kysely<RecordsDb>, patronId: string): Promise<number> {
  const row = await db
    .selectFrom('card_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('balance'))
    .where('patron_id', '=', patronId)
    .executeTakeFirstOrThrow()
  return Number(row.balance)
}
