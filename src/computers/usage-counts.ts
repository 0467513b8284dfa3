/**
 * What stays of computer use: sessions and minutes per day, hour, branch, group and category.
 * No id, no instant: a count cannot be joined back to a session, a patron or an audit entry.
 */
import { sql, type Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'

export interface UsageKey {
  day: string
  hour: number
  branch: string
  groupCode: string
  category: string
}

export async function addUsage(
  db: Kysely<RecordsDb>,
  key: UsageKey,
  sessions: number,
  minutes: number,
): Promise<void> {
  await db
    .insertInto('computer_usage_counts')
    .values({
      day: key.day,
      hour: key.hour,
      branch: key.branch,
      group_code: key.groupCode,
      category: key.category,
      sessions,
      minutes,
    })
    .onConflict((oc) =>
      oc.columns(['day', 'hour', 'branch', 'group_code', 'category']).doUpdateSet({
        sessions: sql<number>`computer_usage_counts.sessions + ${sessions}`,
        minutes: sql<number>`computer_usage_counts.minutes + ${minutes}`,
      }),
    )
    .execute()
}

export interface UsageRow extends UsageKey {
  sessions: number
  minutes: number
}

/** Counts between two local dates, both included. */
export async function usageBetween(
  db: Kysely<RecordsDb>,
  from: string,
  to: string,
): Promise<UsageRow[]> {
  const rows = await db
    .selectFrom('computer_usage_counts')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('hour')
    .orderBy('branch')
    .orderBy('group_code')
    .orderBy('category')
    .execute()
  return rows.map((r) => ({
    day: r.day,
    hour: r.hour,
    branch: r.branch,
    groupCode: r.group_code,
    category: r.category,
    sessions: r.sessions,
    minutes: r.minutes,
  }))
}
