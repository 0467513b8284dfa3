import { randomBytes } from 'node:crypto'
import { beforeEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY, MINUTE } from '../../src/clock.js'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import {
  sessionStatus,
  startSession,
  tickSessions,
  type Credentials,
} from '../../src/computers/sessions.service.js'
import { usageBetween } from '../../src/computers/usage-counts.js'
import type { AppContext } from '../../src/context.js'
import { addClosedDay, saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { outcome } from '../harness/interleave.js'
import { cardHolder, computerGroup, openDaily, PIN, rule } from './computer-fixtures.js'

/** 10:00 in Chicago (the default library time zone), Thursday 15 January 2026. */
const TEN = '2026-01-15T16:00:00.000Z'
const at = (localTime: string, date = '2026-01-15') => {
  const [h, m] = localTime.split(':').map(Number)
  return new Date(
    Date.parse(`${date}T00:00:00.000Z`) + ((h ?? 0) + 6) * 3_600_000 + (m ?? 0) * MINUTE,
  )
}

async function setUp(
  ctx: AppContext,
  r: Parameters<typeof rule>[3],
  opts: { hours?: [string, string] } = {},
) {
  const branch = `b${randomBytes(3).toString('hex')}`
  await saveBranch(ctx, SYSTEM_ACTOR, { code: branch, name: `Branch ${branch}` })
  if (opts.hours !== undefined) await openDaily(ctx, branch, ...opts.hours)
  const code = `g${randomBytes(3).toString('hex')}`
  const g = await computerGroup(ctx, { branch, code, computers: 1 })
  await rule(ctx, code, '*', r)
  const p = await cardHolder(ctx)
  const pc = g.devices[0] as ComputerDevice
  const card: Credentials = { kind: 'card', barcode: p.barcode, pin: PIN }
  return { branch, code, pc, card, sign: () => startSession(ctx, pc, card) }
}

describeEngines('computers: time limits with a moving clock', (env) => {
  beforeEach(() => env().clock.set(TEN))

  it('uses up the daily allowance over sessions, and gives it back the next day', async () => {
    const { ctx, clock } = env()
    const s = await setUp(ctx, { daily: 90, session: 60 })
    expect((await s.sign()).minutesLeft).toBe(60)
    clock.advance(60 * MINUTE)
    expect(await tickSessions(ctx)).toBe(1)
    expect((await sessionStatus(ctx, s.pc)).state).toBe('idle')
    expect((await s.sign()).minutesLeft).toBe(30)
    clock.advance(30 * MINUTE)
    expect(await tickSessions(ctx)).toBe(1)
    expect(await outcome(s.sign())).toMatch(/^NO_TIME_LEFT/)
    clock.advance(DAY)
    expect((await s.sign()).minutesLeft).toBe(60)
  })

  it('cuts a session at closing time and refuses sign-ins when closed or on a closed day', async () => {
    const { ctx, clock } = env()
    const s = await setUp(ctx, { daily: 120, session: 60 }, { hours: ['09:00', '17:00'] })
    clock.set(at('16:30'))
    const view = await s.sign()
    expect(view.minutesLeft).toBe(30)
    expect(view.endsAt).toBe(at('17:00').toISOString())
    clock.set(at('17:00'))
    expect(await tickSessions(ctx)).toBe(1)
    clock.set(new Date(at('17:00').getTime() - 20_000))
    expect(await outcome(s.sign())).toMatch(/^LIBRARY_CLOSED/)
    clock.set(at('08:30'))
    expect(await outcome(s.sign())).toMatch(/^LIBRARY_CLOSED/)
    await addClosedDay(ctx, SYSTEM_ACTOR, { branch: s.branch, date: '2026-01-16' })
    clock.set(at('11:00', '2026-01-16'))
    expect(await outcome(s.sign())).toMatch(/^LIBRARY_CLOSED/)
  })

  it('extends a session automatically when nobody waits, within the allowance and closing time', async () => {
    const { ctx, clock } = env()
    const s = await setUp(
      ctx,
      { daily: 80, session: 60, extension: 15 },
      { hours: ['09:00', '21:00'] },
    )
    await s.sign()
    clock.advance(60 * MINUTE)
    expect(await tickSessions(ctx)).toBe(0)
    expect(await sessionStatus(ctx, s.pc)).toMatchObject({ state: 'in_session', minutesLeft: 15 })
    clock.advance(15 * MINUTE)
    expect(await tickSessions(ctx)).toBe(0)
    // Only 5 of the 80 minutes are left: the second extension is cut to them.
    expect(await sessionStatus(ctx, s.pc)).toMatchObject({ minutesLeft: 5, warning: 5 })
    clock.advance(5 * MINUTE)
    expect(await tickSessions(ctx)).toBe(1)
    const counts = await usageBetween(ctx.db, '2026-01-15', '2026-01-15')
    expect(counts.find((c) => c.groupCode === s.code)).toMatchObject({ sessions: 1, minutes: 80 })
  })

  it('ends a session the server was down for once, counted to its end, with no extension after the fact', async () => {
    const { ctx, clock } = env()
    const s = await setUp(ctx, { daily: 240, session: 60, extension: 15 })
    await s.sign()
    clock.advance(3 * 60 * MINUTE)
    expect(await tickSessions(ctx)).toBe(1)
    expect(await tickSessions(ctx)).toBe(0)
    const counts = await usageBetween(ctx.db, '2026-01-15', '2026-01-15')
    expect(counts.find((c) => c.groupCode === s.code)).toMatchObject({ sessions: 1, minutes: 60 })
    expect((await s.sign()).minutesLeft).toBe(60)
  })
})
