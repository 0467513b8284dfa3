import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { seedBranchDetails } from '../../src/demo/demo-branches.js'
import { listBranchDetails } from '../../src/library/branch-details.service.js'
import { listClosedDays, saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'

describeEngines('demo library: branch details', (env) => {
  it('gives every demo branch an invented address, a 555-01xx number and hours', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    for (const [code, name] of [
      ['east', 'East Branch'],
      ['north', 'North Branch'],
    ])
      await saveBranch(ctx, SYSTEM_ACTOR, { code, name })
    await seedBranchDetails(ctx)
    const branches = await listBranchDetails(ctx.db)
    expect(branches.map((b) => b.code).sort()).toEqual(['east', 'main', 'north'])
    for (const b of branches) {
      expect(b.address, b.code).toMatch(/\n.*, IL \d{5}$/)
      expect(b.phone, b.code).toMatch(/^\(\d{3}\) 555-01\d{2}$/)
      expect(b.hours.flat().length, b.code).toBeGreaterThan(0)
    }
    // East closes for lunch: two spans on a weekday.
    expect(branches.find((b) => b.code === 'east')?.hours[1]).toHaveLength(2)
    const closed = await listClosedDays(ctx.db)
    expect(closed).toContainEqual(
      expect.objectContaining({
        branch: 'north',
        on_date: '2026-01-31',
        note: 'Staff training day',
      }),
    )
  })
})
