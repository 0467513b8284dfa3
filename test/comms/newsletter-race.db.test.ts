// Two newsletter workers racing on one PostgreSQL database never send a message twice: the claim
// is one conditional UPDATE over rows locked with `for update skip locked`, decided by the database.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import {
  confirmSubscription,
  createIssue,
  issueProgress,
  startSending,
  subscribeByEmail,
} from '../../src/comms/newsletter.service.js'
import { deliverNewsletter, type NewsletterRun } from '../../src/comms/newsletter-worker.js'
import { describePostgresOnly, lockHolder } from '../harness/interleave.js'
import { staffActor } from '../harness/factories.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

/** `n` confirmed subscribers (confirmed by the link waiting in the queue, before any is sent). */
async function subscribers(ctx: AppContext, tag: string, n: number): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `race.${tag}.${i}@example.net`)
  for (const email of emails) await subscribeByEmail(ctx, { email, language: 'en' })
  const waiting = await ctx.db
    .selectFrom('newsletter_deliveries')
    .select('payload')
    .where('kind', '=', 'confirm')
    .execute()
  for (const w of waiting) expect(await confirmSubscription(ctx, w.payload ?? '')).toBe('confirmed')
  return emails
}

const sentTo = () => smtp.received.map(toOf).sort()

describePostgresOnly('newsletter delivery: two workers racing on PostgreSQL', (env) => {
  it('a second worker claims nothing a first has claimed but not yet committed, and each subscriber gets the issue once', async () => {
    smtp.reset()
    const a = await env().reopen({ mail: { smtpUrl: smtp.url } })
    const b = await env().reopen({ mail: { smtpUrl: smtp.url } })
    const emails = await subscribers(a, 'one', 3)
    const staff = await staffActor(a, 'librarian')
    const issue = await createIssue(a, staff, { subject: 'Race one', body: 'Once each.' })
    await startSending(a, staff, issue.id)
    const holder = await lockHolder(env())
    let second: NewsletterRun | undefined
    try {
      const first = await deliverNewsletter(a, {
        workerId: 'worker-a',
        pauses: {
          // Worker A has locked and claimed the rows; its transaction is still open.
          claimedUncommitted: async (ids) => {
            if (ids.length === 0) return
            expect(ids).toHaveLength(3)
            const other = deliverNewsletter(b, { workerId: 'worker-b' }).then((r) => {
              second = r
            })
            // B either passes the locked rows by (skip locked) and finishes, or waits on them.
            await Promise.race([other, holder.waiting(1)])
          },
        },
      })
      await new Promise((r) => setTimeout(r, 50))
      expect(first).toMatchObject({ sent: 3 })
    } finally {
      await holder.end()
    }
    await expect.poll(() => second).toBeDefined()
    expect(second).toMatchObject({ sent: 0 })
    expect(sentTo()).toEqual([...emails].sort())
    const done = await issueProgress(a, staff, issue.id)
    expect(done).toMatchObject({ status: 'sent', recipients: 3, sent: 3, failed: 0 })
  })

  it('many subscribers, two workers at once in small batches: every one gets the issue exactly once', async () => {
    smtp.reset()
    const a = await env().reopen({ mail: { smtpUrl: smtp.url, batchSize: 3 } })
    const b = await env().reopen({ mail: { smtpUrl: smtp.url, batchSize: 3 } })
    const before = await a.db
      .selectFrom('newsletter_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
    await subscribers(a, 'many', 21)
    const staff = await staffActor(a, 'librarian')
    const issue = await createIssue(a, staff, { subject: 'Race two', body: 'Once each.' })
    await startSending(a, staff, issue.id)
    const [ra, rb] = await Promise.all([
      deliverNewsletter(a, { workerId: 'worker-a' }),
      deliverNewsletter(b, { workerId: 'worker-b' }),
    ])
    const total = Number(before.n) + 21
    expect(ra.sent + rb.sent).toBe(total)
    expect(ra.lost + rb.lost).toBe(0)
    expect(new Set(sentTo()).size).toBe(total)
    expect(smtp.received).toHaveLength(total)
    expect(await issueProgress(a, staff, issue.id)).toMatchObject({
      status: 'sent',
      recipients: total,
      sent: total,
    })
  })
})
