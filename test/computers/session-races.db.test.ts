import { expect, it } from 'vitest'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import { createGuestPasses } from '../../src/computers/guest-passes.service.js'
import { endSessionByStaff, logOff, startSession } from '../../src/computers/sessions.service.js'
import { usageBetween } from '../../src/computers/usage-counts.js'
import { staffActor } from '../harness/factories.js'
import { describePostgresOnly, lockHolder, outcome } from '../harness/interleave.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

const MORNING = '2026-01-15T16:00:00.000Z'

describePostgresOnly('computers: the database settles sign-ins and endings that cross', (env) => {
  /** Two computers of a fresh group, with today's allowance key already made. */
  async function twoComputers(code: string) {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const g = await computerGroup(ctx, { code, computers: 2 })
    await rule(ctx, code, '*')
    const [a, b] = g.devices as [ComputerDevice, ComputerDevice]
    const warm = await cardHolder(ctx)
    await startSession(ctx, b, { kind: 'card', barcode: warm.barcode, pin: PIN })
    await logOff(ctx, b)
    return { a, b }
  }

  it('two cards on one computer at once: the computer index keeps the first, the second is told it is in use', async () => {
    const { ctx } = env()
    const { a } = await twoComputers('cross-a')
    const [p, q] = [await cardHolder(ctx), await cardHolder(ctx)]
    const holder = await lockHolder(env())
    try {
      await holder.client.query('begin')
      await holder.client.query('select id from computers where id = $1 for update', [a.id])
      // The first writes its session, then waits at the computer's row held here.
      const first = outcome(startSession(ctx, a, { kind: 'card', barcode: p.barcode, pin: PIN }))
      await holder.waiting(1)
      // The second found the computer free too, and waits on the session index.
      const second = outcome(startSession(ctx, a, { kind: 'card', barcode: q.barcode, pin: PIN }))
      await holder.waiting(2)
      await holder.client.query('commit')
      expect(await first).toBe('done')
      expect(await second).toMatch(/^COMPUTER_IN_USE/)
    } finally {
      await holder.end()
    }
    const rows = await ctx.db
      .selectFrom('computer_sessions')
      .select('patron_id')
      .where('computer_id', '=', a.id)
      .execute()
    expect(rows).toEqual([{ patron_id: p.id }])
  })

  it('one guest pass on two computers at once: one session, the other refused', async () => {
    const { ctx } = env()
    const { a, b } = await twoComputers('cross-g')
    await rule(ctx, 'cross-g', 'guest')
    const desk = await staffActor(ctx, 'circulation')
    const [pass] = await createGuestPasses(ctx, desk, { branch: 'main', count: 1 })
    const guest = { kind: 'guest', code: pass?.code ?? '' } as const
    const holder = await lockHolder(env())
    try {
      await holder.client.query('begin')
      await holder.client.query('select id from computers where id = $1 for update', [a.id])
      const first = outcome(startSession(ctx, a, guest))
      await holder.waiting(1)
      const second = outcome(startSession(ctx, b, guest))
      await holder.waiting(2)
      await holder.client.query('commit')
      expect(await first).toBe('done')
      expect(await second).toMatch(/^GUEST_PASS_INVALID/)
    } finally {
      await holder.end()
    }
    const rows = await ctx.db
      .selectFrom('computer_sessions')
      .select('computer_id')
      .where('guest_pass_id', 'is not', null)
      .execute()
    expect(rows).toEqual([{ computer_id: a.id }])
  })

  it('a log-off and a staff ending at once end the session once: one session and its minutes counted', async () => {
    const { ctx, clock } = env()
    const { a } = await twoComputers('cross-e')
    const p = await cardHolder(ctx)
    await startSession(ctx, a, { kind: 'card', barcode: p.barcode, pin: PIN })
    clock.advance(20 * 60_000)
    const desk = await staffActor(ctx, 'librarian')
    const before = await usageBetween(ctx.db, '2026-01-15', '2026-01-15')
    const holder = await lockHolder(env())
    try {
      await holder.client.query('begin')
      await holder.client.query(
        'select id from computer_sessions where computer_id = $1 for update',
        [a.id],
      )
      // Both have read the running session and wait to delete it.
      const patron = outcome(logOff(ctx, a))
      await holder.waiting(1)
      const staff = outcome(endSessionByStaff(ctx, desk, a.id))
      await holder.waiting(2)
      await holder.client.query('commit')
      expect([await patron, await staff].filter((r) => r === 'done').length).toBeGreaterThan(0)
    } finally {
      await holder.end()
    }
    const after = await usageBetween(ctx.db, '2026-01-15', '2026-01-15')
    const total = (rows: typeof after, key: 'sessions' | 'minutes') =>
      rows.filter((r) => r.groupCode === 'cross-e').reduce((n, r) => n + r[key], 0)
    expect(total(after, 'sessions') - total(before, 'sessions')).toBe(1)
    expect(total(after, 'minutes') - total(before, 'minutes')).toBe(20)
  })
})
