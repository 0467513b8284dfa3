// Legal requests (P5, P8) are purged five years after they are refused or released; one approved
// but not yet released is never purged, however old its decision.
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import {
  decideLegalRequest,
  listLegalRequests,
  registerLegalRequest,
} from '../../src/privacy/legal/legal-requests.service.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
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
  'purging legal requests (P5)',
  (env) => {
    it('purges a refused request after five years but keeps one approved and not yet released', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      const register = () =>
        registerLegalRequest(ctx, officer, {
          kind: 'court_order',
          requesterName: 'Det. Sam Okafor',
          requesterAgency: 'Thornton Police Department',
          documents: 'Order served in person',
          orderReference: 'Circuit Court of Cook County, 2026-CR-0411, 2026-04-01',
          patronId: p.id,
          scope: { parts: ['registration'], fields: ['familyName'] },
        })
      const approved = await register()
      const refused = await register()
      await decideLegalRequest(ctx, officer, approved.id, { decision: 'approve', note: 'Valid' })
      await decideLegalRequest(ctx, officer, refused.id, { decision: 'refuse', note: 'Expired' })
      clock.advance(6 * 365 * DAY)
      const run = await runRetention(ctx, officer)
      expect(run.find((r) => r.series === 'legal-requests')).toMatchObject({ state: 'due' })
      const left = (await listLegalRequests(ctx, officer)).map((r) => r.id)
      expect(left).toContain(approved.id)
      expect(left).not.toContain(refused.id)
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
