import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { JOBS, runJob } from '../../src/jobs/scheduler.js'
import { tryLease } from '../../src/jobs/job-lock.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

const job = (name: string) => {
  const j = JOBS.find((x) => x.name === name)
  if (j === undefined) throw new Error(name)
  return j
}

describeEngines('scheduled jobs', (env) => {
  it('accrues the fine on an overdue loan daily, capped, and fixes it at check-in', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 40, maxFineCents: 300 })
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    clock.advance(6 * DAY)
    await runJob(ctx, job('overdue-fines'))
    expect((await listFees(ctx, lib.desk, p.id)).owedCents).toBe(0)
    clock.advance(3 * DAY)
    await runJob(ctx, job('overdue-fines'))
    const accruing = (await listFees(ctx, lib.desk, p.id)).fees[0]
    expect(accruing).toMatchObject({ status: 'accruing', kind: 'overdue' })
    const firstAmount = accruing?.amountCents ?? 0
    expect(firstAmount).toBeGreaterThan(0)
    clock.advance(30 * DAY)
    await runJob(ctx, job('overdue-fines'))
    expect((await listFees(ctx, lib.desk, p.id)).fees).toEqual([
      expect.objectContaining({ status: 'accruing', amountCents: 300 }),
    ])
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect((await listFees(ctx, lib.desk, p.id)).fees).toEqual([
      expect.objectContaining({ status: 'open', amountCents: 300, outstandingCents: 300 }),
    ])
  })

  it('lets only one process hold a job at a time', async () => {
    const { ctx, clock } = env()
    expect(await tryLease(ctx, 'test-job', 'host-a:1', 60)).toBe(true)
    expect(await tryLease(ctx, 'test-job', 'host-b:2', 60)).toBe(false)
    expect(
      await runJob(
        ctx,
        { name: 'test-job', pattern: '* * * * *', run: () => Promise.resolve({ ran: 1 }) },
        'host-b:2',
      ),
    ).toBeUndefined()
    clock.advance(61 * 60_000)
    expect(
      await runJob(
        ctx,
        { name: 'test-job', pattern: '* * * * *', run: () => Promise.resolve({ ran: 1 }) },
        'host-b:2',
      ),
    ).toEqual({ ran: 1 })
  })
})
