// Wrong PINs and passwords are counted per network address before any per-account lockout: one
// client is one IPv4 address or one IPv6 /64, however its address is written, and a client that
// has used up its budget is told how long to wait — until its oldest counted minute leaves the
// window, when at least one attempt is free again.
import { expect, it } from 'vitest'
import { MINUTE } from '../../src/clock.js'
import { AppError } from '../../src/errors.js'
import { reserveAddressAttempt } from '../../src/privacy/throttle.js'
import { describeEngines } from '../harness/engines.js'

const LIMIT = 3
const WINDOW_MINUTES = 10

describeEngines(
  'wrong secrets counted per network address',
  (env) => {
    /** One wrong secret from `address`: the refusal if the address must wait, else undefined. */
    const attempt = async (address: string): Promise<AppError | undefined> => {
      try {
        await reserveAddressAttempt(env().ctx, { address })
        return undefined
      } catch (err) {
        if (err instanceof AppError) return err
        throw err
      }
    }

    it('tells an address over its budget to wait until its oldest counted minute leaves the window', async () => {
      const { clock } = env()
      clock.set('2026-03-02T10:00:30.000Z')
      const address = '198.51.100.23'
      expect(await attempt(address)).toBeUndefined()
      clock.advance(2 * MINUTE)
      expect(await attempt(address)).toBeUndefined()
      clock.advance(2 * MINUTE)
      expect(await attempt(address)).toBeUndefined()
      // 10:05:30, the fourth wrong secret: the oldest counted minute (10:00) leaves the ten-minute
      // window at 10:10, four and a half minutes from now.
      clock.advance(MINUTE)
      const refused = await attempt(address)
      expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 270 } })
    })

    it('counts every spelling of one IPv6 /64 against the same budget', async () => {
      const { clock } = env()
      clock.set('2026-03-03T09:00:00.000Z')
      // The all-zero network, written with a leading "::" or with its zeros.
      const zeroNetwork = ['::5', '0:0:0:0::6', '0::7', '::8']
      // 2001:db8:0:1::/64, written with the "::" before groups that still belong to the network.
      const documentation = [
        '2001:db8::1:2:3:4:5',
        '2001:db8:0:1::9',
        '2001:DB8:0:1:ffff::1',
        '2001:db8::1:0:0:0:1',
      ]
      for (const spellings of [zeroNetwork, documentation]) {
        const answers = []
        for (const address of spellings) answers.push((await attempt(address))?.code)
        expect(answers, spellings.join(' ')).toEqual([
          undefined,
          undefined,
          undefined,
          'RATE_LIMITED',
        ])
      }
    })

    it('counts nothing when the address is not known', async () => {
      const { ctx, clock } = env()
      clock.set('2026-03-04T09:00:00.000Z')
      for (let i = 0; i <= LIMIT; i++) {
        expect(await reserveAddressAttempt(ctx, { address: '' })).toBeUndefined()
        expect(await reserveAddressAttempt(ctx, {})).toBeUndefined()
      }
      const counted = await ctx.db
        .selectFrom('attempt_counts')
        .select('minute')
        .where('minute', '>=', '2026-03-04T09:00:00.000Z')
        .execute()
      expect(counted).toEqual([])
    })
  },
  { security: { addressFailureLimit: LIMIT, addressWindowMinutes: WINDOW_MINUTES } },
)
