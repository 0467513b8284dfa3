// A warning counts only if it is newer than the last change to the registration (P5): a change
// made in the same millisecond as the warning may have come after it, so the patron is warned
// afresh before any erasure rather than erased on a warning that may predate the change.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines(
  'a registration changed at the moment of its erasure warning',
  (env) => {
    it('is warned again, not erased, when the change and the warning share their millisecond', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const lapsed = await lib.patron({ expiresOn: '2026-02-01' })
      const registration = async () =>
        ctx.db
          .selectFrom('patrons')
          .select(['status', 'updated_at', 'erasure_warned_at'])
          .where('id', '=', lapsed.id)
          .executeTakeFirstOrThrow()

      clock.set('2029-02-02T12:00:00Z')
      const first = await runRetention(ctx, officer)
      expect(first.find((r) => r.series === 'patron-registration')).toMatchObject({ warned: 1 })
      // The clock has not moved: the change (here the reading-history switch, which leaves the
      // warning in place, unlike an edit of the registration) carries the warning's own time.
      await setReadingHistory(ctx, lib.desk, lapsed.id, true)
      const tied = await registration()
      expect(tied.updated_at).toBe(tied.erasure_warned_at)

      // The change counts as the patron coming back: nothing happens for now.
      clock.advance(31 * DAY)
      const soon = await runRetention(ctx, officer)
      expect(soon.find((r) => r.series === 'patron-registration')).toMatchObject({
        warned: 0,
        disposed: 0,
      })
      // Three years on the registration has lapsed again. The old warning shares its time with
      // the change, so it may predate it: the patron is warned afresh, not erased at once.
      clock.advance(3 * 366 * DAY)
      const later = await runRetention(ctx, officer)
      expect(later.find((r) => r.series === 'patron-registration')).toMatchObject({
        warned: 1,
        disposed: 0,
      })
      const after = await registration()
      expect(after.status).toBe('active')
      expect(after.erasure_warned_at).toBe(clock.now().toISOString())
      const warnings = await ctx.db
        .selectFrom('notice_outbox')
        .select('id')
        .where('kind', '=', 'erasure_warning')
        .where('patron_id', '=', lapsed.id)
        .execute()
      expect(warnings).toHaveLength(2)

      // Erasure waits for the warning to be delivered: here, to the maildrop.
      await deliverNotices(ctx)
      // Once the fresh warning's period has passed with no change, the erasure goes ahead.
      clock.advance(31 * DAY)
      const last = await runRetention(ctx, officer)
      expect(last.find((r) => r.series === 'patron-registration')).toMatchObject({ disposed: 1 })
      expect((await registration()).status).toBe('erased')
    })
  },
  {
    retention: { authorities: { 'patron-registration': { application: '24-017', item: '3' } } },
  },
)
