// A warned patron (P5) has the whole warning period to come back: at the very instant the period
// ends they are not yet erased; just after it, they are.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '24-017', item: String(100 + i) },
  ]),
)

describeEngines(
  'the erasure warning period (P5)',
  (env) => {
    it('erases a warned patron only after the whole warning period has passed', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron({ expiresOn: '2026-02-01' })
      clock.set('2029-02-02T12:00:00Z')
      const registration = async () =>
        (await runRetention(ctx, officer)).find((r) => r.series === 'patron-registration')
      expect(await registration()).toMatchObject({ warned: 1, disposed: 0 })
      const status = async () =>
        (
          await ctx.db
            .selectFrom('patrons')
            .select('status')
            .where('id', '=', p.id)
            .executeTakeFirstOrThrow()
        ).status
      // Exactly thirty days (the default warning period) later: not yet.
      // Erasure waits for the warning to be delivered: here, to the maildrop.
      await deliverNotices(ctx)
      clock.advance(30 * DAY)
      expect(await registration()).toMatchObject({ warned: 0, disposed: 0 })
      expect(await status()).toBe('active')
      clock.advance(1000)
      expect(await registration()).toMatchObject({ warned: 0, disposed: 1 })
      expect(await status()).toBe('erased')
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
