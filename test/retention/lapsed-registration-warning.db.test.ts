// Before a lapsed registration is erased (P5) the patron is warned through the notice outbox,
// told the date erasure will happen, and the warning is in the audit log. A patron with an item
// still out or money still owed has not lapsed: they are neither warned nor erased.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines(
  'warning lapsed registrations (P5)',
  (env) => {
    it('tells a lapsed patron the date they will be erased, records the warning, and leaves alone anyone with an item out or money owed', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
      const officer = await staffActor(ctx, 'privacy_officer')
      const lapsed = await lib.patron({ expiresOn: '2026-02-01' })
      const borrowing = await lib.patron({ expiresOn: '2026-02-01' })
      const owing = await lib.patron({ expiresOn: '2026-02-01' })
      const { items } = await lib.title([{}, {}])
      const lend = (barcode: string, itemBarcode: string) =>
        checkout(ctx, lib.desk, { patronBarcode: barcode, itemBarcode, branch: 'main' })
      await lend(borrowing.barcode, items[0]!.barcode)
      await lend(owing.barcode, items[1]!.barcode)
      clock.advance(9 * DAY)
      // Returned late: a fine stays open.
      await checkin(ctx, lib.desk, { itemBarcode: items[1]!.barcode, branch: 'main' })

      // Three years and a day after expiry.
      clock.set('2029-02-02T12:00:00Z')
      const preview = await previewRetention(ctx, officer)
      expect(preview.find((s) => s.series === 'patron-registration')).toMatchObject({
        state: 'due',
        due: 1,
      })
      const runs = await runRetention(ctx, officer)
      expect(runs.find((r) => r.series === 'patron-registration')).toEqual({
        series: 'patron-registration',
        state: 'due',
        disposed: 0,
        warned: 1,
      })
      const warnings = await ctx.db
        .selectFrom('notice_outbox')
        .select(['patron_id', 'payload', 'created_at'])
        .where('kind', '=', 'erasure_warning')
        .execute()
      expect(warnings.map((w) => w.patron_id)).toEqual([lapsed.id])
      // Thirty days' warning (the default), as a date.
      expect(JSON.parse(warnings[0]!.payload ?? 'null')).toEqual({ erasureOn: '2029-03-04' })
      expect(warnings[0]!.created_at).toBe('2029-02-02T12:00:00.000Z')
      const audited = await ctx.db
        .selectFrom('audit_log')
        .select(['patron_id', 'actor_id'])
        .where('action', '=', 'patron.erasure_warning')
        .execute()
      expect(audited).toEqual([{ patron_id: lapsed.id, actor_id: officer.id }])

      // After the warning period only the warned patron is erased; the others are still there.
      // Erasure waits for the warning to be delivered: here, to the maildrop.
      await deliverNotices(ctx)
      clock.advance(31 * DAY)
      const later = await runRetention(ctx, officer)
      expect(later.find((r) => r.series === 'patron-registration')).toMatchObject({
        disposed: 1,
        warned: 0,
      })
      const status = async (id: string) =>
        (
          await ctx.db
            .selectFrom('patrons')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status
      expect(await status(lapsed.id)).toBe('erased')
      expect(await status(borrowing.id)).toBe('active')
      expect(await status(owing.id)).toBe('active')
    })
  },
  {
    retention: { authorities: { 'patron-registration': { application: '24-017', item: '3' } } },
  },
)
