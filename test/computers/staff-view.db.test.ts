import { expect, it } from 'vitest'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import { listComputers, setInService } from '../../src/computers/computer-registry.service.js'
import {
  endSessionByStaff,
  extendSessionByStaff,
  sendMessage,
  sessionStatus,
  startSession,
} from '../../src/computers/sessions.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { outcome } from '../harness/interleave.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

describeEngines('computers: what desk staff see and do', (env) => {
  it('shows who is on a computer only to roles that may see names, and audits staff acts without the patron', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const g = await computerGroup(ctx, { code: 'desk-a', computers: 2 })
    await rule(ctx, 'desk-a', '*', { session: 60 })
    const [a, b] = g.devices as [ComputerDevice, ComputerDevice]
    const p = await cardHolder(ctx, { familyName: 'Quennell' })
    await startSession(ctx, a, { kind: 'card', barcode: p.barcode, pin: PIN })
    const desk = await staffActor(ctx, 'circulation')
    const librarian = await staffActor(ctx, 'librarian')
    const privacy = await staffActor(ctx, 'privacy_officer')

    const seen = async (actor: typeof desk) =>
      (await listComputers(ctx, actor)).find((c) => c.id === a.id)?.session
    expect(await seen(desk)).toEqual({
      endsAt: '2026-01-15T17:00:00.000Z',
      guest: false,
      locked: false,
    })
    expect((await seen(librarian))?.patronName).toBe(`${p.givenName} Quennell`)
    expect(await outcome(listComputers(ctx, privacy))).toMatch(/^FORBIDDEN/)

    await extendSessionByStaff(ctx, desk, a.id, 20)
    expect(await sessionStatus(ctx, a)).toMatchObject({ minutesLeft: 80 })
    await sendMessage(ctx, desk, { groupId: g.groupId }, 'Printing is free today')
    expect((await sessionStatus(ctx, b)).messages).toEqual(['Printing is free today'])
    await setInService(ctx, desk, b.id, false)
    expect((await sessionStatus(ctx, b)).state).toBe('out_of_service')
    await endSessionByStaff(ctx, desk, a.id)
    expect((await sessionStatus(ctx, a)).state).toBe('idle')
    expect(await outcome(endSessionByStaff(ctx, desk, a.id))).toMatch(/^NO_SESSION/)

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patron_id', 'detail'])
      .where('action', 'like', 'computer.%')
      .where('actor_id', 'in', [desk.id, librarian.id])
      .execute()
    expect(audit.map((e) => e.action).sort()).toEqual([
      'computer.message',
      'computer.names_read',
      'computer.service',
      'computer.session_end',
      'computer.session_extend',
    ])
    expect(audit.every((e) => e.patron_id === null && !e.detail.includes(p.id))).toBe(true)
    expect(audit.find((e) => e.action === 'computer.names_read')?.detail).toBe('{"count":1}')
  })
})
