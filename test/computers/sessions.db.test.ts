import { beforeEach, expect, it } from 'vitest'
import { MINUTE } from '../../src/clock.js'
import {
  logOff,
  sessionStatus,
  startSession,
  tickSessions,
  lockScreen,
  unlockScreen,
} from '../../src/computers/sessions.service.js'
import { setInService } from '../../src/computers/computer-registry.service.js'
import { usageBetween } from '../../src/computers/usage-counts.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { describeEngines } from '../harness/engines.js'
import { outcome } from '../harness/interleave.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

/** 10:00 in Chicago (the default library time zone) on a Thursday. */
const MORNING = '2026-01-15T16:00:00.000Z'

describeEngines('computers: signing in and out', (env) => {
  beforeEach(() => env().clock.set(MORNING))

  it('signs a card holder in with card and PIN, reports the time left, and counts the session at log-off', async () => {
    const { ctx, clock } = env()
    const g = await computerGroup(ctx, { code: 'adult-a' })
    await rule(ctx, 'adult-a', 'adult', { daily: 120, session: 60 })
    const p = await cardHolder(ctx)
    const [pc] = g.devices
    if (pc === undefined) throw new Error('no computer')

    const view = await startSession(ctx, pc, { kind: 'card', barcode: p.barcode, pin: PIN })
    expect(view).toEqual({
      endsAt: new Date(Date.parse(MORNING) + 60 * MINUTE).toISOString(),
      minutesLeft: 60,
      guest: false,
      firstName: p.givenName,
    })
    clock.advance(56 * MINUTE)
    expect(await sessionStatus(ctx, pc)).toMatchObject({
      state: 'in_session',
      minutesLeft: 4,
      warning: 5,
      messages: [],
    })
    await logOff(ctx, pc)
    expect(await sessionStatus(ctx, pc)).toEqual({ state: 'idle', messages: [] })
    const counts = await usageBetween(ctx.db, '2026-01-15', '2026-01-15')
    expect(counts.filter((c) => c.groupCode === 'adult-a')).toEqual([
      {
        day: '2026-01-15',
        hour: 10,
        branch: 'main',
        groupCode: 'adult-a',
        category: 'adult',
        sessions: 1,
        minutes: 56,
      },
    ])
    // No PIN and no card number anywhere in the session's traces.
    const dump = JSON.stringify([
      await ctx.db.selectFrom('computer_allowance').selectAll().execute(),
      await ctx.db.selectFrom('computer_usage_counts').selectAll().execute(),
    ])
    expect(dump).not.toContain(p.barcode)
    expect(dump).not.toContain(p.id)
  })

  it('refuses a wrong PIN, a category the group does not allow, a busy computer and a second computer for one card', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'kids-b' })
    await rule(ctx, 'kids-b', 'child')
    await rule(ctx, 'kids-b', 'adult', { allowed: false })
    const adult = await cardHolder(ctx)
    const child = await cardHolder(ctx, { category: 'child', birthDate: '2016-05-02' })
    const [a, b] = g.devices
    if (a === undefined || b === undefined) throw new Error('no computers')
    const card = (x: { barcode: string }, pin = PIN) =>
      ({ kind: 'card', barcode: x.barcode, pin }) as const

    expect(await outcome(startSession(ctx, a, card(child, '9999')))).toMatch(/^INVALID_CREDENTIALS/)
    expect(await outcome(startSession(ctx, a, card(adult)))).toMatch(/^NOT_ALLOWED/)
    expect(await outcome(startSession(ctx, a, card(child)))).toBe('done')
    expect(await outcome(startSession(ctx, b, card(child)))).toMatch(/^ACCOUNT_IN_USE/)
    await setInService(ctx, SYSTEM_ACTOR, b.id, false)
    expect(await outcome(startSession(ctx, { ...b, inService: true }, card(child)))).toMatch(
      /^COMPUTER_OUT_OF_SERVICE/,
    )
    await setInService(ctx, SYSTEM_ACTOR, b.id, true)
    const other = await cardHolder(ctx, { category: 'child', birthDate: '2015-01-02' })
    expect(await outcome(startSession(ctx, a, card(other)))).toMatch(/^COMPUTER_IN_USE/)
    await logOff(ctx, a)
  })

  it('locks the screen with a code, unlocks with it, and ends the session after five wrong codes', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'adult-c', computers: 1 })
    await rule(ctx, 'adult-c', '*')
    const p = await cardHolder(ctx)
    const [pc] = g.devices
    if (pc === undefined) throw new Error('no computer')
    await startSession(ctx, pc, { kind: 'card', barcode: p.barcode, pin: PIN })
    await lockScreen(ctx, pc, '2468')
    expect((await sessionStatus(ctx, pc)).state).toBe('locked')
    expect(await outcome(unlockScreen(ctx, pc, '1111'))).toMatch(/^UNLOCK_CODE_WRONG/)
    await unlockScreen(ctx, pc, '2468')
    expect((await sessionStatus(ctx, pc)).state).toBe('in_session')
    await lockScreen(ctx, pc, '2468')
    for (let i = 0; i < 4; i++)
      expect(await outcome(unlockScreen(ctx, pc, `000${i}`))).toMatch(/^UNLOCK_CODE_WRONG/)
    expect(await outcome(unlockScreen(ctx, pc, '0009'))).toMatch(/^UNLOCK_ATTEMPTS_EXHAUSTED/)
    expect((await sessionStatus(ctx, pc)).state).toBe('idle')
  })

  it('ends a locked session when the lock runs out (computers.lockMinutes)', async () => {
    const { ctx, clock } = env()
    const g = await computerGroup(ctx, { code: 'adult-d', computers: 1 })
    await rule(ctx, 'adult-d', '*')
    const p = await cardHolder(ctx)
    const [pc] = g.devices
    if (pc === undefined) throw new Error('no computer')
    await startSession(ctx, pc, { kind: 'card', barcode: p.barcode, pin: PIN })
    await lockScreen(ctx, pc, 'abcd')
    clock.advance(ctx.config.computers.lockMinutes * MINUTE - 1000)
    expect(await tickSessions(ctx)).toBe(0)
    clock.advance(1000)
    expect(await tickSessions(ctx)).toBe(1)
    expect((await sessionStatus(ctx, pc)).state).toBe('idle')
  })
})
