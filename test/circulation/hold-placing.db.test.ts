// Placing a hold: allowed on the registration's last day (in the library's time zone), refused for
// a title whose every copy is lost or withdrawn, refused as a second hold on the same title before
// the holds limit is even looked at, and queued in the order placed even within one millisecond.
import { expect, it } from 'vitest'
import { updateItem } from '../../src/catalog/catalog.service.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { refusal } from '../harness/refusals.js'

describeEngines(
  'placing holds',
  (env) => {
    it('places a hold on the last day of the registration and refuses it the day after', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const { record } = await lib.title()
      const p = await lib.patron({ expiresOn: '2026-03-10' })
      clock.set('2026-03-11T04:30:00Z') // 23:30 on 10 March in Chicago
      const hold = await lib.hold(p, record)
      expect(hold.status).toBe('queued')
      const { record: later } = await lib.title()
      clock.set('2026-03-11T05:30:00Z') // 00:30 on 11 March in Chicago
      const refused = await refusal(lib.hold(p, later))
      expect(refused.code).toBe('CARD_EXPIRED')
    })

    it('refuses a title whose every copy is lost or withdrawn', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const p = await lib.patron()
      for (const status of ['lost', 'withdrawn'] as const) {
        const { record, items } = await lib.title()
        await updateItem(ctx, SYSTEM_ACTOR, items[0]!.barcode, { status })
        const refused = await refusal(lib.hold(p, record))
        expect(refused.code, status).toBe('NO_HOLDABLE_ITEMS')
      }
    })

    it('calls a second hold on the same title what it is, even at the holds limit', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const p = await lib.patron()
      const { record } = await lib.title()
      await lib.hold(p, record)
      const again = await refusal(lib.hold(p, record))
      expect(again.code).toBe('ALREADY_ON_HOLD')
    })

    it('queues holds placed within one millisecond in the order they were placed', async () => {
      const { ctx, clock } = env()
      clock.set('2026-03-10T15:00:00.000Z')
      const lib = await setUpLibrary(ctx)
      const { record } = await lib.title()
      const placed = []
      for (let i = 0; i < 3; i++) {
        placed.push(await lib.hold(await lib.patron(), record))
      }
      const rows = await ctx.db
        .selectFrom('holds')
        .select(['id', 'placed_at'])
        .where('record_id', '=', record.id)
        .orderBy('placed_at')
        .execute()
      expect(rows.map((r) => r.id)).toEqual(placed.map((h) => h.id))
      expect(rows.map((r) => r.placed_at)).toEqual([
        '2026-03-10T15:00:00.000Z',
        '2026-03-10T15:00:00.001Z',
        '2026-03-10T15:00:00.002Z',
      ])
    })
  },
  // One hold each, so a second hold on a title is also over the limit.
  { circulation: { holdsPerPatron: 1 } },
)
