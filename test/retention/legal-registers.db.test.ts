// The registers behind P5 and P8 — legal holds, legal requests and disposal records — are read
// newest first, and only by the roles that keep them: the privacy officer for holds and requests,
// the privacy officer and the administrator for disposals.
import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import {
  listLegalRequests,
  registerLegalRequest,
} from '../../src/privacy/legal/legal-requests.service.js'
import { listLegalHolds, placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { listDisposals, runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/** A message (or other string) containing these words; typed for use inside toMatchObject. */
const says = (words: RegExp): unknown => expect.stringMatching(words)

const refusedFor = (permission: string) => ({
  kind: 'forbidden',
  code: 'FORBIDDEN',
  message: says(new RegExp(`\\(${permission.replace('.', '\\.')}\\)`)),
})

describeEngines(
  'legal and disposal registers (P5, P8)',
  (env) => {
    it('lists legal holds newest first to the privacy officer only', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      const older = await placeLegalHold(ctx, officer, { series: 'card-ledger', reason: 'Case 1' })
      clock.advance(DAY)
      const newer = await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Case 2' })
      const holds = await listLegalHolds(ctx, officer)
      expect(holds.map((h) => h.id)).toEqual([newer.id, older.id])
      expect(holds[0]).toMatchObject({ patron_id: p.id, series: null, reason: 'Case 2' })
      for (const actor of [lib.desk, await staffActor(ctx, 'admin')])
        await expect(listLegalHolds(ctx, actor), actor.role).rejects.toMatchObject(
          refusedFor('legal.manage'),
        )
    })

    it('lists legal requests newest first to the privacy officer only', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      const request = (requesterName: string) =>
        registerLegalRequest(ctx, officer, {
          kind: 'other',
          requesterName,
          requesterAgency: 'Acme Employer Ltd',
          documents: 'Letter',
          patronId: p.id,
          scope: { parts: ['registration'], fields: ['familyName'] },
        })
      const older = await request('First Asker')
      clock.advance(DAY)
      const newer = await request('Second Asker')
      const listed = await listLegalRequests(ctx, officer)
      expect(listed.map((r) => r.id).slice(0, 2)).toEqual([newer.id, older.id])
      expect(listed[0]).toMatchObject({ requester_name: 'Second Asker', status: 'received' })
      for (const actor of [lib.desk, await staffActor(ctx, 'admin')])
        await expect(listLegalRequests(ctx, actor), actor.role).rejects.toMatchObject(
          refusedFor('legal.manage'),
        )
    })

    it('lists disposal records newest first to the privacy officer and the administrator', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const admin = await staffActor(ctx, 'admin')
      const p = await lib.patron()
      const notice = async () =>
        ctx.db
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
      await notice()
      clock.advance(31 * DAY)
      await runRetention(ctx, officer)
      await notice()
      await notice()
      clock.advance(31 * DAY)
      await runRetention(ctx, admin)
      for (const actor of [officer, admin]) {
        const records = await listDisposals(ctx, actor)
        expect(
          records.filter((r) => r.series === 'notices').map((r) => [r.count, r.ran_by]),
          actor.role,
        ).toEqual([
          [2, `staff:${admin.id}`],
          [1, `staff:${officer.id}`],
        ])
      }
      await expect(listDisposals(ctx, lib.desk)).rejects.toMatchObject(refusedFor('retention.run'))
    })
  },
  { retention: { authorities: { notices: { application: '24-017', item: '9' } } } },
)
