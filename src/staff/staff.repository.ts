import type { Kysely, Selectable } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { StaffTable } from './staff.tables.js'

export type StaffRow = Selectable<StaffTable>

export async function findStaffByUsername(
  db: Kysely<RecordsDb>,
  username: string,
): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst()
}

export async function findStaffById(
  db: Kysely<RecordsDb>,
  id: string,
): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listStaff(db: Kysely<RecordsDb>): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('username').execute()
}

export async function insertStaff(db: Kysely<RecordsDb>, row: StaffRow): Promise<void> {
  await db.insertInto('staff').values(row).execute()
}

export async function updateStaffRow(
  db: Kysely<RecordsDb>,
  id: string,
  patch: Partial<
    Pick<StaffRow, 'display_name' | 'password_hash' | 'role' | 'active' | 'updated_at'>
  >,
): Promise<void> {
  await db.updateTable('staff').set(patch).where('id', '=', id).execute()
}

/** Ends every desk (web) session of the account: their cookies carry an older number from now on. */
export async function raiseStaffSessionVersion(db: Kysely<RecordsDb>, id: string): Promise<void> {
  await db
    .updateTable('staff')
    .set((eb) => ({ session_version: eb('session_version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}
