// Two workers racing on one PostgreSQL outbox never send a notice twice: the claim is one
// conditional UPDATE over rows locked with `for update skip locked`, decided by the database.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import type { AppContext } from '../../src/context.js'
import { deliverNotices, type WorkerRun } from '../../src/comms/outbox-worker.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describePostgresOnly, lockHolder } from '../harness/interleave.js'
import { patronInput } from '../harness/factories.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

async function queued(ctx: AppContext, at: string, n: number): Promise<string[]> {
  const emails: string[] = []
  for (let i = 0; i < n; i++) {
    const input = patronInput({
      notify: { notices: true, newsletter: false, policyChanges: false },
    })
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
    await enqueueNotice(
      ctx.db,
      p.id,
      'hold_ready',
      { pickupCode: `C${i}`, branch: 'main', expiresOn: '2026-01-22' },
      at,
    )
    emails.push(input.email ?? '')
  }
  return emails
}

const sentTo = () => smtp.received.map(toOf).sort()

describePostgresOnly('mail delivery: two workers racing on PostgreSQL', (env) => {
  it('a second worker claims nothing a first has claimed but not yet committed, and each notice goes once', async () => {
    smtp.reset()
    const a = await env().reopen({ mail: { smtpUrl: smtp.url } })
    const b = await env().reopen({ mail: { smtpUrl: smtp.url } })
    const emails = await queued(a, env().clock.now().toISOString(), 3)
    const holder = await lockHolder(env())
    let second: WorkerRun | undefined
    try {
      const first = await deliverNotices(a, {
        workerId: 'worker-a',
        pauses: {
          // Worker A has locked and claimed the rows; its transaction is still open.
          claimedUncommitted: async (ids) => {
            expect(ids).toHaveLength(3)
            const other = deliverNotices(b, { workerId: 'worker-b' }).then((r) => {
              second = r
            })
            // B either passes the locked rows by (skip locked) and finishes, or waits on them.
            await Promise.race([other, holder.waiting(1)])
          },
        },
      })
      await new Promise((r) => setTimeout(r, 50))
      expect(first).toMatchObject({ claimed: 3, sent: 3 })
    } finally {
      await holder.end()
    }
    await expect.poll(() => second).toBeDefined()
    expect(second).toMatchObject({ claimed: 0, sent: 0 })
    expect(sentTo()).toEqual([...emails].sort())
  })

  it('many notices, two workers at once in small batches: every notice goes exactly once', async () => {
    smtp.reset()
    const a = await env().reopen({ mail: { smtpUrl: smtp.url, batchSize: 3 } })
    const b = await env().reopen({ mail: { smtpUrl: smtp.url, batchSize: 3 } })
    const emails = await queued(a, env().clock.now().toISOString(), 24)
    const [ra, rb] = await Promise.all([
      deliverNotices(a, { workerId: 'worker-a' }),
      deliverNotices(b, { workerId: 'worker-b' }),
    ])
    expect(ra.sent + rb.sent).toBe(24)
    expect(ra.lost + rb.lost).toBe(0)
    expect(sentTo()).toEqual([...emails].sort())
    expect(new Set(sentTo()).size).toBe(24)
  })
})
