// Staff looking at a patron's fees is a reading of that patron's record, and the audit log says
// so and which part; the patron looking at their own fees is not.
import { expect, it } from 'vitest'
import { listFees } from '../../src/circulation/fees.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('reading a patron’s fees', (env) => {
  it('records a staff reading of the fees, naming the part, and no reading by the patron', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const readings = () =>
      ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type', 'detail'])
        .where('patron_id', '=', p.id)
        .where('action', '=', 'patron.read')
        .execute()

    await listFees(ctx, { type: 'patron', id: p.id }, p.id)
    expect(await readings()).toEqual([])

    await listFees(ctx, lib.desk, p.id)
    const rows = await readings()
    expect(rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }))).toEqual([
      { action: 'patron.read', actor_type: 'staff', detail: { part: 'fees' } },
    ])
  })
})
