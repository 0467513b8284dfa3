import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import {
  sendMessage,
  startSession,
  sweepComputerLinks,
} from '../../src/computers/sessions.service.js'
import { usageBetween } from '../../src/computers/usage-counts.js'
import { runJobNow } from '../../src/jobs/jobs.service.js'
import { describeEngines } from '../harness/engines.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

describeEngines('computers: forgotten within a day (P13)', (env) => {
  it('leaves no link between a patron and a computer a day after the session, only counts', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const g = await computerGroup(ctx, { code: 'sweep-a', computers: 2 })
    await rule(ctx, 'sweep-a', '*', { session: 60 })
    const [a, b] = g.devices as [ComputerDevice, ComputerDevice]
    const p = await cardHolder(ctx)
    await startSession(ctx, a, { kind: 'card', barcode: p.barcode, pin: PIN })
    await sendMessage(ctx, SYSTEM_ACTOR, { computerId: b.id }, 'Nobody reads this')
    // The minute job never ran (the server was down): the sweep alone must forget.
    clock.advance(ctx.config.computers.sweepHours * 60 * MINUTE - MINUTE)
    expect((await sweepComputerLinks(ctx)).sessions).toBe(0)
    clock.advance(MINUTE)
    const run = await runJobNow(ctx, SYSTEM_ACTOR, 'computer-sweep', 'cli')
    expect(run.counts).toMatchObject({ sessions: 1, allowance: 1, dayKeys: 1, messages: 1 })

    for (const table of [
      'computer_sessions',
      'computer_allowance',
      'computer_day_keys',
      'computer_messages',
    ] as const) {
      expect(await ctx.db.selectFrom(table).selectAll().execute(), table).toEqual([])
    }
    const counts = await usageBetween(ctx.db, '2026-01-15', '2026-01-16')
    expect(counts.filter((c) => c.groupCode === 'sweep-a')).toEqual([
      expect.objectContaining({ day: '2026-01-15', hour: 10, sessions: 1, minutes: 60 }),
    ])
    expect(JSON.stringify(counts)).not.toContain(p.id)
  })
})
