import { sql, type Kysely } from 'kysely'

/**
 * One open hold per patron and title, enforced by the database: two requests placing the same
 * hold at once cannot both get in, on either engine. Any duplicates already there are closed
 * first (the earliest keeps its place).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from holds where status in ('queued', 'in_transit', 'ready') and exists (
    select 1 from holds earlier
    where earlier.patron_id = holds.patron_id and earlier.record_id = holds.record_id
      and earlier.status in ('queued', 'in_transit', 'ready')
      and (earlier.placed_at < holds.placed_at
        or (earlier.placed_at = holds.placed_at and earlier.id < holds.id)))`.execute(db)
  await sql`create unique index holds_open_patron_record on holds (patron_id, record_id)
    where status in ('queued', 'in_transit', 'ready')`.execute(db)
}
