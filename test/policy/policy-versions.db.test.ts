// Policy versions (P12): drafts are written and changed freely; publishing numbers them 1, 2, 3…
// and freezes them (in the service and in the database itself); the version in force is the
// newest whose effective date has come; a material change queues the policy-change notice for
// the patrons who asked, and no one else; registrations record the version in force.
import { beforeAll, beforeEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { sql } from 'kysely'
import { registerPatron } from '../../src/patrons/patron.service.js'
import {
  createPolicyDraft,
  deletePolicyDraft,
  listPolicyVersions,
  publishPolicyVersion,
  updatePolicyDraft,
} from '../../src/policy/policy-admin.service.js'
import {
  currentVersion,
  publishedVersion,
  publishedVersions,
  reviewOverdue,
  versionInForce,
} from '../../src/policy/policy-versions.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

export const DRAFT = {
  body: '## What we keep\n\nWe keep your name and address for three years.',
  changes: 'First version.',
  adoptedOn: '2026-01-10',
  effectiveOn: '2026-01-12',
  reviewOn: '2027-01-12',
}

describeEngines('policy versions', (env) => {
  let ctx: AppContext
  let officer: Actor
  beforeAll(async () => {
    ctx = env().ctx
    officer = await staffActor(ctx, 'privacy_officer')
  })
  beforeEach(() => {
    env().clock.set('2026-01-15T18:00:00.000Z')
  })

  async function patron(policy: boolean, email = true) {
    const input = patronInput({
      notify: { notices: false, newsletter: false, policyChanges: policy },
      ...(email ? {} : { email: undefined }),
    })
    return (await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })).id
  }
  const outbox = () =>
    ctx.db
      .selectFrom('notice_outbox')
      .select(['patron_id', 'payload'])
      .where('kind', '=', 'policy_change')
      .execute()

  it('publishes two versions in order, each frozen, and lists them newest first', async () => {
    const before = await patron(true)
    expect(await currentVersion(ctx)).toBeUndefined()

    const first = await createPolicyDraft(ctx, officer, DRAFT)
    expect(first).toMatchObject({ status: 'draft', number: null })
    const changed = await updatePolicyDraft(ctx, officer, first.id, {
      ...DRAFT,
      body: `${DRAFT.body}\n\nWe never sell it.`,
    })
    expect(changed.body).toContain('We never sell it.')
    const one = await publishPolicyVersion(ctx, officer, first.id)
    expect(one).toMatchObject({ status: 'published', number: 1, publishedOn: '2026-01-15' })

    const second = await createPolicyDraft(ctx, officer, {
      ...DRAFT,
      body: changed.body.replace('three years', 'one year'),
      changes: 'Registrations are kept for one year instead of three.',
      bodyEs: '## Lo que guardamos\n\nGuardamos su nombre un año.',
      adoptedOn: '2026-01-14',
      effectiveOn: '2026-02-01',
      reviewOn: '2027-02-01',
    })
    const two = await publishPolicyVersion(ctx, officer, second.id)
    expect(two.number).toBe(2)

    const all = await publishedVersions(ctx.db)
    expect(all.map((v) => v.number)).toEqual([2, 1])
    expect((await publishedVersion(ctx.db, 2)).bodyEs).toContain('Guardamos')
    await expect(publishedVersion(ctx.db, 3)).rejects.toMatchObject({
      code: 'POLICY_VERSION_NOT_FOUND',
    })

    // Version 2 is published but not in force until its effective date.
    expect((await currentVersion(ctx))?.number).toBe(1)
    expect((await versionInForce(ctx.db, '2026-02-01'))?.number).toBe(2)
    env().clock.set('2026-02-01T18:00:00.000Z')
    expect((await currentVersion(ctx))?.number).toBe(2)

    // The service refuses every change to a published version, and a second publication.
    for (const attempt of [
      () => updatePolicyDraft(ctx, officer, one.id, DRAFT),
      () => deletePolicyDraft(ctx, officer, one.id),
      () => publishPolicyVersion(ctx, officer, one.id),
    ])
      await expect(attempt()).rejects.toMatchObject({ code: 'POLICY_VERSION_PUBLISHED' })
    expect((await publishedVersion(ctx.db, 1)).body).toBe(changed.body)

    // A patron registered before any version has none; one registered now has the one in force.
    const row = (id: string) =>
      ctx.db.selectFrom('patrons').select('policy_version').where('id', '=', id).executeTakeFirst()
    expect((await row(before))?.policy_version).toBeNull()
    expect(Number((await row(await patron(false)))?.policy_version)).toBe(2)
  })

  it('refuses any direct change to a published version in the database itself', async () => {
    const [published] = await publishedVersions(ctx.db)
    expect(published).toBeDefined()
    const id = published?.id ?? ''
    await expect(
      ctx.db
        .updateTable('policy_versions')
        .set({ body: 'rewritten' })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/POLICY_VERSION_PUBLISHED/)
    await expect(
      sql`update policy_versions set status = 'draft' where id = ${id}`.execute(ctx.db),
    ).rejects.toThrow(/POLICY_VERSION_PUBLISHED/)
    await expect(
      ctx.db.deleteFrom('policy_versions').where('id', '=', id).execute(),
    ).rejects.toThrow(/POLICY_VERSION_PUBLISHED/)
    expect((await publishedVersion(ctx.db, published?.number)).body).toBe(published?.body)

    // A draft stays free to change and delete.
    const draft = await createPolicyDraft(ctx, officer, DRAFT)
    await ctx.db
      .updateTable('policy_versions')
      .set({ body: 'edited' })
      .where('id', '=', draft.id)
      .execute()
    await deletePolicyDraft(ctx, officer, draft.id)
    expect((await listPolicyVersions(ctx, officer)).map((v) => v.id)).not.toContain(draft.id)
  })

  it('queues the notice only for opted-in patrons with email when the change is material', async () => {
    await ctx.db.deleteFrom('notice_outbox').execute()
    await ctx.db.updateTable('patrons').set({ notify_policy_changes: 0 }).execute()
    const wants = [await patron(true), await patron(true)]
    await patron(false)
    await patron(true, false)

    const quiet = await createPolicyDraft(ctx, officer, {
      ...DRAFT,
      changes: 'Spelling.',
      material: false,
    })
    expect((await publishPolicyVersion(ctx, officer, quiet.id)).noticesQueued).toBe(0)
    expect(await outbox()).toEqual([])

    const loud = await createPolicyDraft(ctx, officer, {
      ...DRAFT,
      changes: 'We keep less.',
      material: true,
    })
    const published = await publishPolicyVersion(ctx, officer, loud.id)
    expect(published.noticesQueued).toBe(2)
    const rows = await outbox()
    expect(rows.map((r) => r.patron_id).sort()).toEqual([...wants].sort())
    expect(JSON.parse(rows[0]?.payload ?? '{}')).toEqual({
      label: `#${published.number}`,
      effectiveOn: DRAFT.effectiveOn,
      url: `${ctx.config.http.publicUrl.replace(/\/+$/, '')}/policy/versions/${published.number}`,
    })

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['detail', 'actor_id'])
      .where('action', '=', 'policy.publish')
      .execute()
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}') as unknown)).toContainEqual({
      version: published.number,
      material: true,
      notices: 2,
    })
    expect(audit.every((a) => a.actor_id === officer.id)).toBe(true)
  })

  it('reminds staff once the newest version’s review date has passed', async () => {
    const newest = (await publishedVersions(ctx.db))[0]
    const review = newest?.reviewOn ?? ''
    env().clock.set(`${review}T18:00:00.000Z`)
    expect(await reviewOverdue(ctx)).toBeUndefined()
    env().clock.set(new Date(Date.parse(`${review}T18:00:00.000Z`) + 86_400_000))
    expect((await reviewOverdue(ctx))?.number).toBe(newest?.number)
  })

  it('refuses bad drafts with a stable code, and a role without policy.manage', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...DRAFT, body: '  ' }, 'POLICY_BODY_REQUIRED'],
      [{ ...DRAFT, changes: '' }, 'POLICY_CHANGES_REQUIRED'],
      [{ ...DRAFT, effectiveOn: '2026-02-30' }, 'INVALID_DATE'],
      [{ ...DRAFT, effectiveOn: '2026-01-01' }, 'POLICY_EFFECTIVE_BEFORE_ADOPTION'],
      [{ ...DRAFT, reviewOn: DRAFT.effectiveOn }, 'POLICY_REVIEW_TOO_EARLY'],
      [{ ...DRAFT, body: 'x'.repeat(100_001) }, 'INVALID_INPUT'],
      [{ ...DRAFT, extra: 1 }, 'INVALID_INPUT'],
    ]
    const before = (await listPolicyVersions(ctx, officer)).length
    for (const [input, code] of cases)
      await expect(createPolicyDraft(ctx, officer, input)).rejects.toMatchObject({ code })
    expect(await listPolicyVersions(ctx, officer)).toHaveLength(before)

    const desk = await staffActor(ctx, 'circulation')
    await expect(createPolicyDraft(ctx, desk, DRAFT)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(listPolicyVersions(ctx, desk)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const admin = await staffActor(ctx, 'admin')
    expect((await createPolicyDraft(ctx, admin, DRAFT)).status).toBe('draft')
  })
})
