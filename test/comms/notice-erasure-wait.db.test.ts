// A lapsed registration is erased only once the warning has reached the patron (sent, or left for
// a printed letter when there is no address); a warning that failed for good is written again and
// the period starts over. The warning says the date and that erasure waits for it.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

/**
 * A library with a mail server that gives up after one try and an authority for the registrations
 * series; `status` reads a patron's state and `registrations` runs the retention schedule.
 */
function useErasureLibrary(env: () => TestEnv) {
  const state = {} as { ctx: AppContext }
  beforeAll(async () => {
    state.ctx = await env().reopen({
      mail: { smtpUrl: smtp.url, maxAttempts: 1 },
      retention: { authorities: { 'patron-registration': { application: '24-017', item: '3' } } },
    })
  })
  beforeEach(() => {
    smtp.reset()
  })
  const status = async (id: string) =>
    (
      await state.ctx.db
        .selectFrom('patrons')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status
  const registrations = async () => {
    const officer = await staffActor(state.ctx, 'privacy_officer')
    const runs = await runRetention(state.ctx, officer)
    return runs.find((r) => r.series === 'patron-registration')
  }
  return { state, status, registrations }
}

describeEngines(
  'erasure waits for the warning',
  (env) => {
    const { state, status, registrations } = useErasureLibrary(env)

    it('erases a lapsed patron only after the warning was delivered; one with no address is not waited for', async () => {
      const lib = await setUpLibrary(state.ctx)
      const mailed = await lib.patron({ expiresOn: '2026-02-01' })
      const unreachable = await lib.patron({ expiresOn: '2026-02-01', email: undefined })
      env().clock.set('2029-02-02T12:00:00Z')
      expect(await registrations()).toMatchObject({ warned: 2, disposed: 0 })

      // The period is over, but the mailed warning is still in the outbox: only the patron with
      // no address is erased.
      env().clock.advance(31 * DAY)
      expect(await registrations()).toMatchObject({ warned: 0, disposed: 1 })
      expect(await status(mailed.id)).toBe('active')
      expect(await status(unreachable.id)).toBe('erased')

      await deliverNotices(state.ctx)
      const [mail] = smtp.received.filter(
        (m) => m.subject === 'Your library registration is about to be erased',
      )
      expect(mail).toBeDefined()
      // The erasure day with its weekday (2029-03-04), no year: it is days away.
      expect(mail?.text).toContain('visit us by Sunday, March 4, we will erase')
      expect(mail?.text).toContain('We erase nothing before this message has reached you.')
      expect(await registrations()).toMatchObject({ warned: 0, disposed: 1 })
      expect(await status(mailed.id)).toBe('erased')
    })
  },
  {},
)

describeEngines(
  'erasure after a failed warning',
  (env) => {
    const { state, status, registrations } = useErasureLibrary(env)

    it('writes a warning that failed for good again, and waits a full period from then', async () => {
      const lib = await setUpLibrary(state.ctx)
      const p = await lib.patron({ expiresOn: '2026-02-01' })
      env().clock.set('2029-06-02T12:00:00Z')
      expect(await registrations()).toMatchObject({ warned: 1 })
      smtp.refuseRecipient(() => ({ code: 550, text: 'No such mailbox' }))
      await deliverNotices(state.ctx)
      smtp.reset()
      env().clock.advance(31 * DAY)
      // Failed: not erased, warned again.
      expect(await registrations()).toMatchObject({ warned: 1, disposed: 0 })
      expect(await status(p.id)).toBe('active')
      await deliverNotices(state.ctx)
      expect(smtp.received.map((m) => toOf(m))).toHaveLength(1)
      // Delivered now, but the new period has only begun.
      expect(await registrations()).toMatchObject({ disposed: 0 })
      env().clock.advance(31 * DAY)
      expect(await registrations()).toMatchObject({ disposed: 1 })
      expect(await status(p.id)).toBe('erased')
    })
  },
  {},
)

describeEngines(
  'erasure and the state of the warning',
  (env) => {
    const { state, status, registrations } = useErasureLibrary(env)

    it('waits while a warning is queued or being sent, and not once it was sent, put in the maildrop or left for printing', async () => {
      const lib = await setUpLibrary(state.ctx)
      const states = ['sending', 'sent', 'maildrop', 'print', 'printed', 'failed+queued'] as const
      const patrons = new Map<(typeof states)[number], string>()
      for (const s of states) patrons.set(s, (await lib.patron({ expiresOn: '2026-02-01' })).id)
      env().clock.set('2029-02-02T12:00:00Z')
      expect(await registrations()).toMatchObject({ warned: states.length })
      for (const [s, id] of patrons) {
        const warning = state.ctx.db
          .updateTable('notice_outbox')
          .where('patron_id', '=', id)
          .where('kind', '=', 'erasure_warning')
        if (s !== 'failed+queued') {
          await warning.set({ status: s }).execute()
          continue
        }
        // Sent again after a failure: the new one is still waiting in the outbox.
        const row = await state.ctx.db
          .selectFrom('notice_outbox')
          .selectAll()
          .where('patron_id', '=', id)
          .where('kind', '=', 'erasure_warning')
          .executeTakeFirstOrThrow()
        await state.ctx.db
          .insertInto('notice_outbox')
          .values({ ...row, id: randomUUID(), status: 'failed' })
          .execute()
      }

      env().clock.advance(31 * DAY)
      expect(await registrations()).toMatchObject({ warned: 0, disposed: 4 })
      const after = Object.fromEntries(
        await Promise.all([...patrons].map(async ([s, id]) => [s, await status(id)] as const)),
      )
      expect(after).toEqual({
        sending: 'active',
        sent: 'erased',
        maildrop: 'erased',
        print: 'erased',
        printed: 'erased',
        'failed+queued': 'active',
      })
    })
  },
  {},
)
