// The scheduled forgetting of the waiting list and the guest passes: the job `carrel jobs run
// computer-queue-sweep` runs, and the retention series `computer-queue` and `guest-passes` dispose
// of what is left with a disposal record of counts and days only.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { createGuestPasses } from '../../src/computers/guest-passes.service.js'
import { joinQueue } from '../../src/computers/queue-join.js'
import { runJobNow } from '../../src/jobs/jobs.service.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { computerFixtures, PIN } from './queue-fixtures.js'

const AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s) => [
    s,
    { application: '26-014', item: s },
  ]),
)

const rows = async (ctx: AppContext) => ({
  places: (await ctx.db.selectFrom('computer_queue').select('id').execute()).length,
  tickets: (await ctx.db.selectFrom('computer_queue_tickets').select('day').execute()).length,
  passes: (await ctx.db.selectFrom('guest_passes').select('id').execute()).length,
})

async function busyDay(ctx: AppContext) {
  const f = computerFixtures(ctx)
  const group = await f.group('main')
  await f.occupy((await f.computer(group)).id)
  for (let i = 0; i < 3; i++)
    await joinQueue(ctx, { groupId: group.id, barcode: (await f.patron()).barcode, pin: PIN })
  await createGuestPasses(ctx, await staffActor(ctx, 'circulation'), { branch: 'main', count: 2 })
}

describeEngines(
  'forgetting the waiting list and the guest passes',
  (env) => {
    it('the job deletes nothing of today, and everything once the day is over', async () => {
      const { ctx, clock } = env()
      clock.set('2026-02-02T15:00:00.000Z')
      await busyDay(ctx)
      const run = () => runJobNow(ctx, SYSTEM_ACTOR, 'computer-queue-sweep', 'cli')
      expect((await run()).counts).toEqual({ places: 0, guestPasses: 0 })
      expect(await rows(ctx)).toEqual({ places: 3, tickets: 1, passes: 2 })
      clock.set('2026-02-03T06:05:00.000Z') // 00:05 the next day in Chicago
      expect((await run()).counts).toEqual({ places: 3, guestPasses: 2 })
      expect(await rows(ctx)).toEqual({ places: 0, tickets: 0, passes: 0 })
    })

    it('the retention sweep disposes of a past day’s places and passes, recording days and counts', async () => {
      const { ctx, clock } = env()
      clock.set('2026-03-02T15:00:00.000Z')
      await busyDay(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const due = async () =>
        Object.fromEntries((await previewRetention(ctx, officer)).map((s) => [s.series, s.due]))
      expect(await due()).toMatchObject({ 'computer-queue': 0, 'guest-passes': 0 })
      clock.advance(2 * DAY)
      expect(await due()).toMatchObject({ 'computer-queue': 3, 'guest-passes': 2 })
      await runRetention(ctx, officer)
      expect(await rows(ctx)).toEqual({ places: 0, tickets: 0, passes: 0 })
      const records = await ctx.db
        .selectFrom('disposal_records')
        .selectAll()
        .where('series', 'in', ['computer-queue', 'guest-passes'])
        .orderBy('series')
        .execute()
      expect(records.map((r) => [r.series, r.count, r.covered_from, r.covered_to])).toEqual([
        ['computer-queue', 3, '2026-03-02', '2026-03-02'],
        ['guest-passes', 2, '2026-03-02', '2026-03-02'],
      ])
    })
  },
  { retention: { authorities: AUTHORITIES } },
)
