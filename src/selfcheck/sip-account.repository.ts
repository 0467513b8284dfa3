import type { Kysely, Selectable, Updateable } from 'kysely'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import type { SipAccountsTable } from './sip-account.tables.js'

export type SipAccountRow = Selectable<SipAccountsTable>

export async function findSipAccountByLogin(
  db: Kysely<RecordsDb>,
  login: string,
): Promise<SipAccountRow | undefined> {
  return db.selectFrom('sip_accounts').selectAll().where('login', '=', login).executeTakeFirst()
}

const byId = precompiled((db: Kysely<RecordsDb>, v: { id: string }) =>
  db.selectFrom('sip_accounts').selectAll().where('id', '=', v.id),
)

/** Read on every message a terminal sends, so one precompiled statement. */
export async function findSipAccountById(
  db: Kysely<RecordsDb>,
  id: string,
): Promise<SipAccountRow | undefined> {
  const {
    rows: [row],
  } = await byId(db, { id })
  return row
}

export async function oldestActiveSipAccount(
  db: Kysely<RecordsDb>,
): Promise<SipAccountRow | undefined> {
  return db
    .selectFrom('sip_accounts')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

export async function listSipAccountRows(db: Kysely<RecordsDb>): Promise<SipAccountRow[]> {
  return db.selectFrom('sip_accounts').selectAll().orderBy('login').execute()
}

export async function insertSipAccount(db: Kysely<RecordsDb>, row: SipAccountRow): Promise<void> {
  await db.insertInto('sip_accounts').values(row).execute()
}

export async function updateSipAccountRow(
  db: Kysely<RecordsDb>,
  id: string,
  patch: Omit<Updateable<SipAccountsTable>, 'id' | 'login' | 'created_at'>,
): Promise<void> {
  await db.updateTable('sip_accounts').set(patch).where('id', '=', id).execute()
}
