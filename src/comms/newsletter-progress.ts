import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { today } from './newsletter-store.js'

/** Counts of an issue's deliveries still in the table, by outcome. */
export async function liveCounts(
  db: Kysely<RecordsDb>,
  ids: readonly string[],
): Promise<Map<string, { sent: number; failed: number; queued: number }>> {
  const out = new Map<string, { sent: number; failed: number; queued: number }>()
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('newsletter_deliveries')
    .select((eb) => ['issue_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('issue_id', 'in', ids)
    .groupBy(['issue_id', 'status'])
    .execute()
  for (const r of rows) {
    if (r.issue_id === null) continue
    const c = out.get(r.issue_id) ?? { sent: 0, failed: 0, queued: 0 }
    const n = Number(r.n)
    if (r.status === 'sent') c.sent += n
    else if (r.status === 'failed') c.failed += n
    else c.queued += n
    out.set(r.issue_id, c)
  }
  return out
}

/**
 * Closes issues whose every delivery is done: keeps the counts on the issue and deletes the rows
 * (no list of who got it remains). The conditional update decides between workers racing.
 */
export async function finishIssues(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<number> {
  const sending = await ctx.db
    .selectFrom('newsletter_issues')
    .select('id')
    .where('status', '=', 'sending')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('newsletter_deliveries')
            .select('newsletter_deliveries.id')
            .whereRef('newsletter_deliveries.issue_id', '=', 'newsletter_issues.id')
            .where('newsletter_deliveries.status', 'in', ['queued', 'sending']),
        ),
      ),
    )
    .execute()
  let finished = 0
  for (const { id } of sending) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('newsletter_issues')
        .set({ status: 'sent', sent_on: today(ctx) })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('newsletter_deliveries')
                .select('newsletter_deliveries.id')
                .where('newsletter_deliveries.issue_id', '=', id)
                .where('newsletter_deliveries.status', 'in', ['queued', 'sending']),
            ),
          ),
        )
        .executeTakeFirst()
      if (res.numUpdatedRows === 0n) return false
      const counts = (await liveCounts(trx, [id])).get(id) ?? { sent: 0, failed: 0, queued: 0 }
      await trx
        .updateTable('newsletter_issues')
        .set({ sent_count: counts.sent, failed_count: counts.failed })
        .where('id', '=', id)
        .execute()
      await trx.deleteFrom('newsletter_deliveries').where('issue_id', '=', id).execute()
      return true
    })
    if (done) finished += 1
  }
  return finished
}
