// The retention schedule's backstop for the public computers (P13): whatever the computers' own
// sweep left behind (it did not run: the server was down for days) is deleted by the retention
// run, and each disposal record covers exactly the days of the rows it disposed of. Row ids are
// random, so the rows come back in no order of days: the record's dates must not depend on it.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { computerGroup } from '../computers/computer-fixtures.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '24-017', item: String(100 + i) },
  ]),
)

/** Ids that sort the other way round from the days they are given. */
const idFor = (n: number) => `0190000${9 - n}-0000-4000-8000-000000000000`

describeEngines(
  'computers: the retention backstop (P13, P5)',
  (env) => {
    it('deletes sessions, messages and day counts left past their day, and records the days they covered', async () => {
      const { ctx, clock } = env()
      clock.set('2026-03-20T12:00:00.000Z')
      const officer = await staffActor(ctx, 'privacy_officer')
      // One session per computer at a time: a computer for each day's session.
      const { devices } = await computerGroup(ctx, { code: 'backstop', computers: 3 })
      const computer = devices[0]!.id
      const days = ['2026-03-10', '2026-03-12', '2026-03-15']
      const at = (day: string) => `${day}T15:30:00.000Z`
      await ctx.db
        .insertInto('computer_sessions')
        .values(
          days.map((day, n) => ({
            id: idFor(n),
            computer_id: devices[n]!.id,
            patron_id: null,
            guest_pass_id: null,
            category: 'adult',
            started_at: at(day),
            ends_at: at(day),
            extensions: 0,
            lock_code_hash: null,
            locked_until: null,
          })),
        )
        .execute()
      await ctx.db
        .insertInto('computer_messages')
        .values(
          days.map((day, n) => ({
            id: idFor(n),
            computer_id: computer,
            body: 'Closing in ten minutes',
            created_at: at(day),
          })),
        )
        .execute()
      await ctx.db
        .insertInto('computer_day_keys')
        .values(days.map((day, n) => ({ day, key: `k${n}` })))
        .execute()
      await ctx.db
        .insertInto('computer_allowance')
        .values(days.map((day, n) => ({ day, subject: `s${n}`, minutes_used: 30 })))
        .execute()
      // Today's rows are still in their day and stay.
      const today = '2026-03-20'
      await ctx.db
        .insertInto('computer_messages')
        .values({ id: idFor(5), computer_id: computer, body: 'Today', created_at: at(today) })
        .execute()
      await ctx.db.insertInto('computer_day_keys').values({ day: today, key: 'today' }).execute()
      await ctx.db
        .insertInto('computer_allowance')
        .values({ day: today, subject: 'today', minutes_used: 10 })
        .execute()

      const run = await runRetention(ctx, officer)
      const disposed = Object.fromEntries(run.map((r) => [r.series, r.disposed]))
      expect(disposed).toMatchObject({
        'computer-sessions': 3,
        'computer-messages': 3,
        'computer-allowance': 3,
      })
      expect(await ctx.db.selectFrom('computer_sessions').select('id').execute()).toEqual([])
      expect(await ctx.db.selectFrom('computer_messages').select('id').execute()).toEqual([
        { id: idFor(5) },
      ])
      expect(await ctx.db.selectFrom('computer_day_keys').select('day').execute()).toEqual([
        { day: today },
      ])
      expect(await ctx.db.selectFrom('computer_allowance').select('day').execute()).toEqual([
        { day: today },
      ])

      const records = await ctx.db
        .selectFrom('disposal_records')
        .select(['series', 'count', 'covered_from', 'covered_to'])
        .where('series', 'in', ['computer-sessions', 'computer-messages', 'computer-allowance'])
        .orderBy('series')
        .execute()
      expect(records).toEqual(
        ['computer-allowance', 'computer-messages', 'computer-sessions'].map((series) => ({
          series,
          count: 3,
          covered_from: '2026-03-10',
          covered_to: '2026-03-15',
        })),
      )

      // A day later nothing more is due, and a second run disposes of nothing.
      clock.advance(DAY / 2)
      const again = await runRetention(ctx, officer)
      for (const series of ['computer-sessions', 'computer-messages', 'computer-allowance'])
        expect(again.find((r) => r.series === series)?.disposed, series).toBe(0)
    })

    it('deletes the day counts older than their five years, each row of those days, and no others', async () => {
      const { ctx, clock } = env()
      clock.set('2026-04-02T12:00:00.000Z')
      const officer = await staffActor(ctx, 'privacy_officer')
      const dayBefore = (days: number) =>
        new Date(clock.now().getTime() - (5 * 365 + days) * DAY).toISOString().slice(0, 10)
      const [older, old, cutoffDay] = [dayBefore(20), dayBefore(10), dayBefore(0)]
      const count = (day: string, hour: number) => ({
        day,
        hour,
        branch: 'main',
        group_code: 'backstop',
        category: 'adult',
        sessions: 2,
        minutes: 90,
      })
      // Inserted newest first: the batch must not rely on the order rows come back in.
      await ctx.db
        .insertInto('computer_usage_counts')
        .values([count(cutoffDay, 10), count(old, 15), count(older, 9), count(older, 14)])
        .execute()

      const run = await runRetention(ctx, officer)
      expect(run.find((r) => r.series === 'computer-counts')?.disposed).toBe(3)
      expect(
        await ctx.db.selectFrom('computer_usage_counts').select(['day', 'hour']).execute(),
      ).toEqual([{ day: cutoffDay, hour: 10 }])
      expect(
        await ctx.db
          .selectFrom('disposal_records')
          .select(['count', 'covered_from', 'covered_to'])
          .where('series', '=', 'computer-counts')
          .executeTakeFirstOrThrow(),
      ).toEqual({ count: 3, covered_from: older, covered_to: old })
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
