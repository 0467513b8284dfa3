import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import { createGuestPasses } from '../../src/computers/guest-passes.service.js'
import { joinQueue } from '../../src/computers/queue-join.js'
import { sessionStatus, startSession, tickSessions } from '../../src/computers/sessions.service.js'
import { usageBetween } from '../../src/computers/usage-counts.js'
import { saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { outcome } from '../harness/interleave.js'
import { cardHolder, computerGroup, openDaily, PIN, rule } from './computer-fixtures.js'

describeEngines('computers: sessions and the waiting list', (env) => {
  it('does not extend a session someone waits for: it ends, and the computer is held for the one called', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const code = `q${randomBytes(3).toString('hex')}`
    const g = await computerGroup(ctx, { code, computers: 1 })
    await rule(ctx, code, '*', { daily: 240, session: 60, extension: 15 })
    const pc = g.devices[0] as ComputerDevice
    const [first, waiting, other] = [
      await cardHolder(ctx),
      await cardHolder(ctx),
      await cardHolder(ctx),
    ]
    const card = (p: { barcode: string }) =>
      ({ kind: 'card', barcode: p.barcode, pin: PIN }) as const
    await startSession(ctx, pc, card(first))
    const ticket = await joinQueue(ctx, { groupId: g.groupId, barcode: waiting.barcode, pin: PIN })

    clock.advance(60 * MINUTE)
    expect(await tickSessions(ctx)).toBe(1)
    const held = await sessionStatus(ctx, pc)
    expect(held).toMatchObject({ state: 'reserved', reservedFor: { ticket: ticket.ticket } })
    expect(await outcome(startSession(ctx, pc, card(other)))).toMatch(/^RESERVED_FOR_OTHER/)
    expect(await outcome(startSession(ctx, pc, card(waiting)))).toBe('done')
    expect(await ctx.db.selectFrom('computer_queue').selectAll().execute()).toEqual([])

    // With nobody left waiting, the same rule extends the next session at its end.
    clock.advance(60 * MINUTE)
    expect(await tickSessions(ctx)).toBe(0)
    expect(await sessionStatus(ctx, pc)).toMatchObject({ state: 'in_session', minutesLeft: 15 })
  })

  it('signs in with a guest pass once, counted under the guest category', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const branch = `gb${randomBytes(2).toString('hex')}`
    await saveBranch(ctx, SYSTEM_ACTOR, { code: branch, name: 'Guest branch' })
    await openDaily(ctx, branch, '09:00', '18:00')
    const code = `g${randomBytes(3).toString('hex')}`
    const g = await computerGroup(ctx, { branch, code, computers: 2 })
    await rule(ctx, code, 'guest', { daily: 60, session: 30 })
    const [a, b] = g.devices as [ComputerDevice, ComputerDevice]
    const [pass] = await createGuestPasses(ctx, SYSTEM_ACTOR, { branch, count: 1 })
    const guest = { kind: 'guest', code: pass?.code ?? '' } as const
    const view = await startSession(ctx, a, guest)
    expect(view).toMatchObject({ guest: true, minutesLeft: 30 })
    expect(view.firstName).toBeUndefined()
    expect(await outcome(startSession(ctx, b, guest))).toMatch(/^GUEST_PASS_INVALID/)
    expect(await outcome(startSession(ctx, b, { kind: 'guest', code: 'NOPE-NOPE' }))).toMatch(
      /^GUEST_PASS_INVALID/,
    )
    clock.advance(30 * MINUTE)
    expect(await tickSessions(ctx)).toBe(1)
    const counts = await usageBetween(ctx.db, '2026-01-15', '2026-01-15')
    expect(counts.find((c) => c.groupCode === code)).toMatchObject({
      category: 'guest',
      sessions: 1,
      minutes: 30,
    })
  })
})
