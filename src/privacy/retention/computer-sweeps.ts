import type { RetentionRuleId } from '../retention-rules.js'
import type { Batch, SweepContext, TableSweep } from './sweeps.js'

/*
 * Backstops for the public computers' own sweep (the `computer-sweep` job, every ten minutes),
 * which ends sessions properly and counts them. Here, under the retention schedule, whatever
 * that job left is simply deleted. Sessions are not kept for a legal hold: a session row is the
 * state of a running session, not a record of one, and P13 says it goes within a day.
 */

const daySpan = (days: string[]): Batch => {
  const sorted = [...days].sort()
  return {
    count: days.length,
    ...(sorted.length > 0 && { from: sorted[0], to: sorted[sorted.length - 1] }),
  }
}

const staleSessions = (s: SweepContext) =>
  s.db
    .selectFrom('computer_sessions')
    .select(['id', 'started_at'])
    .where('started_at', '<', s.cutoff)

const oldMessages = (s: SweepContext) =>
  s.db
    .selectFrom('computer_messages')
    .select(['id', 'created_at'])
    .where('created_at', '<', s.cutoff)

const pastDays = (s: SweepContext) => s.cutoff.slice(0, 10)

export const COMPUTER_SWEEPS: Partial<Record<RetentionRuleId, TableSweep>> = {
  'computer-sessions': {
    count: async (s) => (await staleSessions(s).execute()).length,
    batch: async (s) => {
      const rows = await staleSessions(s).orderBy('id').limit(s.limit).execute()
      if (rows.length > 0)
        await s.db
          .deleteFrom('computer_sessions')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      return daySpan(rows.map((r) => r.started_at.slice(0, 10)))
    },
  },
  'computer-messages': {
    count: async (s) => (await oldMessages(s).execute()).length,
    batch: async (s) => {
      const rows = await oldMessages(s).orderBy('id').limit(s.limit).execute()
      if (rows.length > 0)
        await s.db
          .deleteFrom('computer_messages')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      return daySpan(rows.map((r) => r.created_at.slice(0, 10)))
    },
  },
  // Counters and their keys together: a day's counters are only meaningful with its key.
  'computer-allowance': {
    count: async (s) =>
      (
        await s.db
          .selectFrom('computer_day_keys')
          .select('day')
          .where('day', '<', pastDays(s))
          .execute()
      ).length,
    batch: async (s) => {
      const days = await s.db
        .selectFrom('computer_day_keys')
        .select('day')
        .where('day', '<', pastDays(s))
        .execute()
      await s.db.deleteFrom('computer_allowance').where('day', '<', pastDays(s)).execute()
      await s.db.deleteFrom('computer_day_keys').where('day', '<', pastDays(s)).execute()
      return daySpan(days.map((d) => d.day))
    },
  },
  'computer-counts': {
    count: async (s) =>
      (
        await s.db
          .selectFrom('computer_usage_counts')
          .select('day')
          .where('day', '<', pastDays(s))
          .execute()
      ).length,
    batch: async (s) => {
      const rows = await s.db
        .selectFrom('computer_usage_counts')
        .select('day')
        .where('day', '<', pastDays(s))
        .orderBy('day')
        .limit(s.limit)
        .execute()
      const days = [...new Set(rows.map((r) => r.day))]
      if (days.length === 0) return { count: 0 }
      const deleted = await s.db
        .deleteFrom('computer_usage_counts')
        .where('day', 'in', days)
        .executeTakeFirst()
      return { ...daySpan(days), count: Number(deleted.numDeletedRows) }
    },
  },
}
