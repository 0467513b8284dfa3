import { expect, it } from 'vitest'
import { registerPatron } from '../../src/patrons/patron.service.js'
import {
  lockoutSubject,
  recentFailures,
  recordFailure,
  reserveAttempt,
} from '../../src/patrons/pin-lockout.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { patronInput } from '../harness/factories.js'
import { describePostgresOnly, lockHolder } from '../harness/interleave.js'

describePostgresOnly(
  'the last PIN attempt of a card, asked for twice at once [postgres only]',
  (env) => {
    it('[postgres only] goes to one of the two: the second waits for the first to count and record its attempt', async () => {
      const { ctx } = env()
      const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
      const subject = lockoutSubject(ctx, p.cards[0]?.barcode ?? '')
      const budget = ctx.config.cards.lockoutMaxFailures
      for (let i = 1; i < budget; i++) await recordFailure(ctx.db, ctx, subject)

      const locks = await lockHolder(env())
      try {
        // Reading the table stays open; recording an attempt waits until the test lets go.
        await locks.client.query('begin')
        await locks.client.query('lock table pin_failures in share row exclusive mode')
        const first = reserveAttempt(ctx, subject)
        const second = reserveAttempt(ctx, subject)
        // One has counted and waits to record its attempt; the other waits for the card, not
        // having counted yet. Without the card's lock both would count one left and both record.
        await locks.waiting(2)
        await locks.client.query('commit')
        const reserved = (await Promise.all([first, second])).filter((r) => r !== undefined)
        expect(reserved).toHaveLength(1)
      } finally {
        await locks.end()
      }
      expect(await recentFailures(ctx.db, ctx, subject)).toBe(budget)
    })
  },
)
