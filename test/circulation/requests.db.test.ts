import { expect, it } from 'vitest'
import {
  createRequest,
  listRequests,
  setRequestStatus,
} from '../../src/circulation/requests.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('purchase and interlibrary-loan requests', (env) => {
  it('stores requests encrypted and moves them through their statuses', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const self = { type: 'patron' as const, id: p.id }
    const made = await createRequest(ctx, self, {
      patronId: p.id,
      kind: 'purchase',
      title: 'Mushrooms of the Kankakee Valley',
      note: 'For my class',
    })
    const stored = await ctx.db
      .selectFrom('patron_requests')
      .selectAll()
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toMatch(/Mushrooms|class/)
    expect(await listRequests(ctx, self, { patronId: p.id })).toEqual([
      expect.objectContaining({ title: 'Mushrooms of the Kankakee Valley', status: 'submitted' }),
    ])
    const other = await lib.patron()
    await expect(
      listRequests(ctx, { type: 'patron', id: other.id }, { patronId: p.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })

    await setRequestStatus(ctx, lib.desk, made.id, { status: 'ordered' })
    await expect(
      setRequestStatus(ctx, lib.desk, made.id, { status: 'submitted' }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
    await setRequestStatus(ctx, lib.desk, made.id, { status: 'received' })
    await setRequestStatus(ctx, lib.desk, made.id, { status: 'fulfilled' })
    await expect(
      setRequestStatus(ctx, lib.desk, made.id, { status: 'cancelled' }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
    await expect(
      setRequestStatus(ctx, await staffActor(ctx, 'privacy_officer'), made.id, {
        status: 'cancelled',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })

    const ill = await createRequest(ctx, lib.desk, {
      patronId: p.id,
      kind: 'interlibrary_loan',
      title: 'Rare Atlas',
      author: 'Ortelius',
    })
    // An interlibrary loan is asked of another library, never ordered.
    await expect(
      setRequestStatus(ctx, lib.desk, ill.id, { status: 'ordered' }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
    const open = await listRequests(ctx, lib.desk, { status: 'submitted' })
    expect(open.map((r) => r.id)).toContain(ill.id)
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('patron_id', '=', p.id)
      .where('action', '=', 'request.read')
      .execute()
    expect(reads.length).toBeGreaterThanOrEqual(1)
  })
})
