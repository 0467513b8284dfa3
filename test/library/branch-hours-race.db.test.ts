import pg from 'pg'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { getBranchDetails, saveBranchDetails } from '../../src/library/branch-details.service.js'
import { saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { describePostgresOnly, lockHolder, outcome } from '../harness/interleave.js'

const week = (n: number) => ({
  address: '48 Orchard Street',
  phone: `(312) 555-01${String(n).padStart(2, '0')}`,
  hours: [1, 2, 3].flatMap((weekday) => [
    { weekday, opens: `0${n}:00`, closes: '12:00' },
    { weekday, opens: '13:00', closes: '17:00' },
  ]),
})

describeEngines('saves of one branch’s week at the same time', (env) => {
  it('all succeed (from two processes on PostgreSQL), and the week kept is one whole week', async () => {
    const { ctx } = env()
    // SQLite is for one process at a time; PostgreSQL takes any number.
    const other = env().engine === 'postgres' ? await env().reopen() : ctx
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        outcome(saveBranchDetails(n % 2 === 0 ? ctx : other, SYSTEM_ACTOR, 'east', week(n))),
      ),
    )
    expect(outcomes).toEqual(Array(6).fill('done'))
    const saved = await getBranchDetails(ctx.db, 'east')
    const n = Number(saved.phone.slice(-2))
    expect(saved.hours).toEqual(
      [[], ...[1, 2, 3].map(() => week(n).hours.slice(0, 2)), [], [], []].map((day) =>
        day.map((s) => ({ opens: s.opens, closes: s.closes })),
      ),
    )
  })
})

describePostgresOnly('two saves of one branch’s week, interleaved [postgres only]', (env) => {
  it('[postgres only] the second waits on the branch row the first updated, then replaces its whole week', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'west', name: 'West Branch' })
    const locks = await lockHolder(env())
    // The week's table is held from a connection of its own (the holder's counts of waiting
    // transactions must not run inside a transaction, which would see one snapshot of them).
    const table = new pg.Client({ connectionString: env().databaseUrl })
    await table.connect()
    try {
      // The first save stops after updating the branch row, just before it deletes the old
      // week; the second then stops at that row.
      await table.query('begin')
      await table.query('lock table opening_hours in share mode')
      const first = outcome(saveBranchDetails(ctx, SYSTEM_ACTOR, 'west', week(7)))
      await locks.waiting(1)
      const second = outcome(saveBranchDetails(ctx, SYSTEM_ACTOR, 'west', week(8)))
      await locks.waiting(2)
      await table.query('commit')
      expect([await first, await second]).toEqual(['done', 'done'])
    } finally {
      await table.end()
      await locks.end()
    }
    const saved = await getBranchDetails(ctx.db, 'west')
    expect(saved.phone).toBe('(312) 555-0108')
    expect(saved.hours.slice(1, 4).flat()).toEqual(
      [1, 2, 3]
        .flatMap(() => week(8).hours.slice(0, 2))
        .map(({ opens, closes }) => ({ opens, closes })),
    )
  })
})
