// Publishing is race-safe: staff publishing several drafts at the same moment get consecutive
// version numbers, each once, with no publication refused or lost; publishing one draft twice
// at once publishes it once and queues its notices once.
import { beforeAll, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { createPolicyDraft, publishPolicyVersion } from '../../src/policy/policy-admin.service.js'
import { publishedVersions } from '../../src/policy/policy-versions.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

const DRAFT = {
  body: 'We keep little.',
  changes: 'A change.',
  adoptedOn: '2026-01-10',
  effectiveOn: '2026-01-12',
  reviewOn: '2027-01-12',
}

describeEngines('policy versions: publishing at the same moment', (env) => {
  let ctx: AppContext
  let officer: Actor
  beforeAll(async () => {
    ctx = env().ctx
    officer = await staffActor(ctx, 'privacy_officer')
  })

  it('gives concurrent publications consecutive numbers', async () => {
    const drafts = await Promise.all([1, 2, 3, 4].map(() => createPolicyDraft(ctx, officer, DRAFT)))
    const done = await Promise.all(drafts.map((d) => publishPolicyVersion(ctx, officer, d.id)))
    expect(done.map((v) => v.number).sort()).toEqual([1, 2, 3, 4])
    expect((await publishedVersions(ctx.db)).map((v) => v.number)).toEqual([4, 3, 2, 1])
  })

  it('publishes one draft once when it is published twice at once', async () => {
    await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ notify: { notices: false, newsletter: false, policyChanges: true } }),
      card: {},
    })
    const draft = await createPolicyDraft(ctx, officer, { ...DRAFT, material: true })
    const outcomes = await Promise.allSettled([
      publishPolicyVersion(ctx, officer, draft.id),
      publishPolicyVersion(ctx, officer, draft.id),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected')
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
      code: 'POLICY_VERSION_PUBLISHED',
    })
    expect((await publishedVersions(ctx.db)).map((v) => v.number)).toEqual([5, 4, 3, 2, 1])
    const notices = await ctx.db
      .selectFrom('notice_outbox')
      .select('id')
      .where('kind', '=', 'policy_change')
      .execute()
    expect(notices).toHaveLength(1)
  })
})
