import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { call, expectProblem, signIn, useApp } from './http-harness.js'

const CONDITIONS = {
  swornOfficer: true,
  courtOrderImpractical: true,
  imminentPhysicalHarm: true,
  identifySuspectWitnessOrVictim: true,
}

describeEngines('http: retention and legal requests', (env) => {
  const app = useApp(env)

  it('lets the privacy officer run the legal workflow, refusing anything beyond identifying fields in an emergency', async () => {
    const { ctx } = env()
    const officer = await signIn(app(), ctx, 'privacy_officer')
    const desk = await signIn(app(), ctx, 'circulation')
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const base = {
      kind: 'emergency',
      requesterName: 'Officer Reyes',
      requesterAgency: 'County Sheriff',
      requesterBadge: '88',
      documents: 'Phone call',
      patronId: p.id,
      conditions: CONDITIONS,
    }
    const tooMuch = await call(app(), {
      method: 'POST',
      url: '/api/v1/legal-requests',
      token: officer.token,
      payload: { ...base, scope: { parts: ['registration', 'loans'], fields: ['familyName'] } },
    })
    expectProblem(tooMuch, 400, 'EMERGENCY_SCOPE_LIMITED')
    const made = await call(app(), {
      method: 'POST',
      url: '/api/v1/legal-requests',
      token: officer.token,
      payload: { ...base, scope: { parts: ['registration'], fields: ['familyName'] } },
    })
    expect(made.status).toBe(201)
    const id = (made.body as { id: string }).id
    expect(
      (
        await call(app(), {
          method: 'POST',
          url: `/api/v1/legal-requests/${id}/decision`,
          token: officer.token,
          payload: { decision: 'approve', note: 'Conditions attested' },
        })
      ).body,
    ).toEqual({ status: 'approved' })
    const release = await call(app(), {
      method: 'POST',
      url: `/api/v1/legal-requests/${id}/release`,
      token: officer.token,
    })
    expect(release.body).toMatchObject({ registration: { familyName: p.familyName }, parts: {} })
    const form = await call(app(), {
      method: 'GET',
      url: `/api/v1/legal-requests/${id}/acknowledgement`,
      token: officer.token,
    })
    expect(form.headers['content-type']).toMatch(/^text\/plain/)
    expect(form.raw).toContain('Officer Reyes')
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/legal-requests', token: desk.token }),
      403,
      'FORBIDDEN',
    )
    expectProblem(
      await call(app(), { method: 'GET', url: '/api/v1/retention/preview', token: desk.token }),
      403,
      'FORBIDDEN',
    )
    const preview = await call(app(), {
      method: 'GET',
      url: '/api/v1/retention/preview',
      token: officer.token,
    })
    expect(preview.status).toBe(200)
    expect(
      (preview.body as { series: string; state: string }[]).find((r) => r.series === 'loan-link')
        ?.state,
    ).toBe('no-authority')
  })
})
