// Each purge is recorded with the disposal authority it ran under (P5): the approved
// application and item, and the disposal certificate when the library has one, in the preview
// and in the disposal record alike.
import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines(
  'disposal authority (P5)',
  (env) => {
    it('names the disposal certificate with the application and item, in the preview and the disposal record', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      await ctx.db
        .insertInto('notice_outbox')
        .values({
          id: randomUUID(),
          patron_id: p.id,
          kind: 'hold_ready',
          payload: '{}',
          created_at: clock.now().toISOString(),
          sent_at: clock.now().toISOString(),
        })
        .execute()
      clock.advance(31 * DAY)
      const expected = 'Application 24-017, item 9, certificate RC-2026-04'
      const preview = await previewRetention(ctx, officer)
      expect(preview.find((s) => s.series === 'notices')).toMatchObject({
        state: 'due',
        authority: expected,
        due: 1,
      })
      // A series whose authority has no certificate names none.
      expect(preview.find((s) => s.series === 'holds')?.authority).toBe(
        'Application 24-017, item 10',
      )
      const runs = await runRetention(ctx, officer)
      expect(runs.find((r) => r.series === 'notices')?.disposed).toBe(1)
      const records = await ctx.db
        .selectFrom('disposal_records')
        .select(['series', 'authority', 'count'])
        .where('series', '=', 'notices')
        .execute()
      expect(records).toEqual([{ series: 'notices', authority: expected, count: 1 }])
    })
  },
  {
    retention: {
      authorities: {
        notices: { application: '24-017', item: '9', certificate: 'RC-2026-04' },
        holds: { application: '24-017', item: '10' },
      },
    },
  },
)
