import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import {
  cancelHold,
  expireHolds,
  holdShelf,
  placeHold,
  resumeHold,
  suspendHold,
} from '../../src/circulation/holds.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

describeEngines(
  'hold refusals',
  (env) => {
    it('a patron may place, cancel, suspend and resume only their own holds: anyone else is refused with FORBIDDEN and "Not your hold."', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const { record } = await lib.title()
      const [owner, stranger] = [await lib.patron(), await lib.patron()]
      const asStranger = { type: 'patron' as const, id: stranger.id }
      expectRefusal(
        await refusal(
          placeHold(ctx, asStranger, {
            patronId: owner.id,
            recordId: record.id,
            pickupBranch: 'main',
          }),
        ),
        'forbidden',
        'FORBIDDEN',
        /Not your hold/,
      )
      const hold = await placeHold(
        ctx,
        { type: 'patron', id: owner.id },
        {
          patronId: owner.id,
          recordId: record.id,
          pickupBranch: 'main',
        },
      )
      for (const attempt of [
        () => cancelHold(ctx, asStranger, hold.id),
        () => suspendHold(ctx, asStranger, hold.id, { until: null }),
        () => resumeHold(ctx, asStranger, hold.id),
      ])
        expectRefusal(await refusal(attempt()), 'forbidden', 'FORBIDDEN', /Not your hold/)
      // A staff role without desk rights is no owner either.
      const officer = await staffActor(ctx, 'privacy_officer')
      expectRefusal(
        await refusal(cancelHold(ctx, officer, hold.id)),
        'forbidden',
        'FORBIDDEN',
        /Not your hold/,
      )
      const still = await ctx.db
        .selectFrom('holds')
        .select(['status', 'suspended_until'])
        .where('id', '=', hold.id)
        .executeTakeFirstOrThrow()
      expect(still).toEqual({ status: 'queued', suspended_until: null })
    })

    it('the hold shelf is refused to a role without desk rights with FORBIDDEN and a sentence saying so', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      expectRefusal(
        await refusal(holdShelf(ctx, officer, 'main')),
        'forbidden',
        'FORBIDDEN',
        /may not see the hold shelf/,
      )
      expect(await holdShelf(ctx, lib.desk, 'main')).toMatchObject({ ready: [], expired: [] })
    })

    it('a second hold on the same title, or a hold on a title the patron has on loan, is refused with a sentence saying why', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const { record, items } = await lib.title([{}, {}])
      const p = await lib.patron()
      const hold = { patronId: p.id, recordId: record.id, pickupBranch: 'main' }
      await placeHold(ctx, lib.desk, hold)
      expectRefusal(
        await refusal(placeHold(ctx, lib.desk, hold)),
        'conflict',
        'ALREADY_ON_HOLD',
        /already has a hold on this title/,
      )
      const { record: other, items: copies } = await lib.title()
      await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: copies[0]!.barcode,
        branch: 'main',
      })
      expectRefusal(
        await refusal(placeHold(ctx, lib.desk, { ...hold, recordId: other.id })),
        'conflict',
        'ALREADY_ON_LOAN',
        /already has a copy of this title/,
      )
      expect(items).toHaveLength(2)
    })

    it('a patron at the library’s limit of holds is refused another with TOO_MANY_HOLDS and a sentence saying so', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const p = await lib.patron()
      const titles = [await lib.title(), await lib.title(), await lib.title()]
      // holdsPerPatron is 2 in this suite.
      for (const { record } of titles.slice(0, 2))
        await placeHold(ctx, lib.desk, {
          patronId: p.id,
          recordId: record.id,
          pickupBranch: 'main',
        })
      expectRefusal(
        await refusal(
          placeHold(ctx, lib.desk, {
            patronId: p.id,
            recordId: titles[2]!.record.id,
            pickupBranch: 'main',
          }),
        ),
        'rule',
        'TOO_MANY_HOLDS',
        /as many holds as the library allows/,
      )
    })

    it('an unknown hold is refused with HOLD_NOT_FOUND and a sentence saying so', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      expectRefusal(
        await refusal(cancelHold(ctx, lib.desk, 'no-such-hold')),
        'not_found',
        'HOLD_NOT_FOUND',
        /No such hold/,
      )
    })

    it('only a queued hold can be suspended or resumed; a bad or past date is refused; each with a sentence saying why', async () => {
      const { ctx, clock } = env()
      clock.set('2026-01-15T16:00:00Z')
      const lib = await setUpLibrary(ctx)
      const { record, items } = await lib.title()
      const p = await lib.patron()
      const hold = await placeHold(ctx, lib.desk, {
        patronId: p.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      expectRefusal(
        await refusal(suspendHold(ctx, lib.desk, hold.id, { until: '2026-02-30' })),
        'validation',
        'INVALID_DATE',
        /not a real date/,
      )
      expectRefusal(
        await refusal(suspendHold(ctx, lib.desk, hold.id, { until: '2026-01-14' })),
        'validation',
        'DATE_IN_PAST',
        /suspension ends today or later/,
      )
      // Today itself is allowed.
      await suspendHold(ctx, lib.desk, hold.id, { until: '2026-01-15' })
      await resumeHold(ctx, lib.desk, hold.id)
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      expectRefusal(
        await refusal(suspendHold(ctx, lib.desk, hold.id, { until: null })),
        'conflict',
        'HOLD_NOT_QUEUED',
        /can be suspended/,
      )
      expectRefusal(
        await refusal(resumeHold(ctx, lib.desk, hold.id)),
        'conflict',
        'HOLD_NOT_QUEUED',
        /can be resumed/,
      )
    })

    it('a hold kept after it expired (under a legal hold) cannot be cancelled: HOLD_CLOSED with a sentence saying so', async () => {
      const { ctx, clock } = env()
      clock.set('2026-01-15T16:00:00Z')
      const lib = await setUpLibrary(ctx)
      const { record, items } = await lib.title()
      const p = await lib.patron()
      const officer = await staffActor(ctx, 'privacy_officer')
      await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Court order 7' })
      const hold = await placeHold(ctx, lib.desk, {
        patronId: p.id,
        recordId: record.id,
        pickupBranch: 'main',
      })
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
      clock.advance(30 * DAY)
      await expireHolds(ctx)
      expectRefusal(
        await refusal(cancelHold(ctx, lib.desk, hold.id)),
        'conflict',
        'HOLD_CLOSED',
        /no longer open/,
      )
      const kept = await ctx.db
        .selectFrom('holds')
        .select(['status', 'patron_id'])
        .where('id', '=', hold.id)
        .executeTakeFirstOrThrow()
      expect(kept).toEqual({ status: 'expired', patron_id: p.id })
    })
  },
  { circulation: { holdsPerPatron: 2 } },
)
