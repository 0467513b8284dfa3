// A legal hold on a patron (P5) stops the erasure of their lapsed registration: they are neither
// warned nor erased while the hold stands, though a lapsed patron without a hold is warned.
import { expect, it } from 'vitest'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
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
  'lapsed registrations under a legal hold (P5)',
  (env) => {
    it('neither warns nor erases a lapsed patron under a legal hold', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const held = await lib.patron({ expiresOn: '2026-02-01' })
      const free = await lib.patron({ expiresOn: '2026-02-01' })
      await placeLegalHold(ctx, officer, { patronId: held.id, reason: 'Subpoena received' })
      // Three years and a day after expiry.
      clock.set('2029-02-02T12:00:00Z')
      const runs = await runRetention(ctx, officer)
      expect(runs.find((r) => r.series === 'patron-registration')).toMatchObject({ warned: 1 })
      const warned = await ctx.db
        .selectFrom('notice_outbox')
        .select('patron_id')
        .where('kind', '=', 'erasure_warning')
        .execute()
      expect(warned.map((w) => w.patron_id)).toEqual([free.id])
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
