import { expect, it } from 'vitest'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import { logOff, startSession } from '../../src/computers/sessions.service.js'
import { describeEngines } from '../harness/engines.js'
import { describePostgresOnly, lockHolder, outcome } from '../harness/interleave.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

describeEngines('computers: one card, one computer at a time', (env) => {
  it('lets one of two simultaneous sign-ins of a card through', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const g = await computerGroup(ctx, { code: 'race-a', computers: 2 })
    await rule(ctx, 'race-a', '*')
    const p = await cardHolder(ctx)
    const card = { kind: 'card', barcode: p.barcode, pin: PIN } as const
    const results = await Promise.all(g.devices.map((d) => outcome(startSession(ctx, d, card))))
    expect(results.map((r) => r.split(':')[0]).sort()).toEqual(['ACCOUNT_IN_USE', 'done'])
  })
})

describePostgresOnly('computers: the patron index settles two sign-ins past each other', (env) => {
  it('refuses the second sign-in of a card at the unique index when both passed the check', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const g = await computerGroup(ctx, { code: 'race-b', computers: 2 })
    await rule(ctx, 'race-b', '*')
    const [a, b] = g.devices as [ComputerDevice, ComputerDevice]
    // Today's allowance key exists already, so the two sign-ins meet nowhere but the index.
    const warm = await cardHolder(ctx)
    await startSession(ctx, b, { kind: 'card', barcode: warm.barcode, pin: PIN })
    await logOff(ctx, b)

    const p = await cardHolder(ctx)
    const card = { kind: 'card', barcode: p.barcode, pin: PIN } as const
    const holder = await lockHolder(env())
    try {
      // The first sign-in stops after writing its session, at the row of computer A held here.
      await holder.client.query('begin')
      await holder.client.query('select id from computers where id = $1 for update', [a.id])
      const first = outcome(startSession(ctx, a, card))
      await holder.waiting(1)
      // The second has checked for a running session (none committed yet) and waits on the index.
      const second = outcome(startSession(ctx, b, card))
      await holder.waiting(2)
      await holder.client.query('commit')
      expect(await first).toBe('done')
      expect(await second).toMatch(/^ACCOUNT_IN_USE/)
    } finally {
      await holder.end()
    }
    const rows = await ctx.db
      .selectFrom('computer_sessions')
      .select('computer_id')
      .where('patron_id', '=', p.id)
      .execute()
    expect(rows).toEqual([{ computer_id: a.id }])
  })
})
