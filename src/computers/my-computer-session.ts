import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'

/**
 * The patron's running computer session, for My data and for a legal request: the only thing
 * Carrel holds that ties them to a computer, and only while it runs.
 */
export async function currentComputerSession(
  db: Kysely<RecordsDb>,
  patronId: string,
): Promise<{ computer: string; branch: string; started_at: string; ends_at: string }[]> {
  return db
    .selectFrom('computer_sessions')
    .innerJoin('computers', 'computers.id', 'computer_sessions.computer_id')
    .select([
      'computers.name as computer',
      'computers.branch',
      'computer_sessions.started_at',
      'computer_sessions.ends_at',
    ])
    .where('computer_sessions.patron_id', '=', patronId)
    .execute()
}
