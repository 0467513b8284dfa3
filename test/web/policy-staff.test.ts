// The policy's staff pages: only admin and the privacy officer reach them; a draft is written,
// refused with what to fix, previewed in both languages, and published only after a page that
// says whether the change is material and how many patrons the notice goes to. The desk reminds
// them when the review date has passed, and the registration form records the version it shows.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

const idOf = (location: string | undefined): string =>
  /\/staff\/policy\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? ''

const FORM = {
  adoptedOn: '2026-01-10',
  effectiveOn: '2026-01-12',
  reviewOn: '2026-06-30',
  changes: 'First version.',
  body: '## Our promise\n\nWe keep **only** what we need. <script>alert(1)</script>',
}

describeEngines('policy: the staff pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('is refused to the circulation role and missing from its menu', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const desk = await c.follow((await signInStaff(c, ctx, 'circulation')).answer)
    expect(desk.body).not.toContain('href="/staff/policy"')
    for (const path of ['/staff/policy', '/staff/policy/new']) {
      const page = await c.get(path)
      expect({ path, status: page.status }).toEqual({ path, status: 403 })
    }
    const posted = await c.post('/staff/policy', {
      _csrf: hiddenValue(desk.body, '_csrf'),
      ...FORM,
    })
    expect(posted.status).toBe(403)
    expect(await ctx.db.selectFrom('policy_versions').select('id').execute()).toEqual([])
  })

  it('writes, previews, confirms and publishes a material change', async () => {
    const { ctx } = env()
    for (const policy of [true, true, false])
      await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput({ notify: { notices: false, newsletter: false, policyChanges: policy } }),
        card: {},
      })
    const c = new WebClient(app)
    const desk = await c.follow((await signInStaff(c, ctx, 'privacy_officer')).answer)
    expect(desk.body).toContain('href="/staff/policy"')
    expect(desk.body).not.toContain('data-reminder="policy-review"')

    const form = await c.get('/staff/policy/new')
    expect(form.status).toBe(200)
    const csrf = hiddenValue(form.body, '_csrf')
    const refused = await c.post('/staff/policy', { _csrf: csrf, ...FORM, reviewOn: '2026-01-01' })
    expect(refused.status).toBe(400)
    expect(textOf(refused.body)).toContain('The next review comes after the version takes effect.')
    expect(refused.body).toMatch(/<textarea[^>]*name="changes"[^>]*>First version.<\/textarea>/)

    const saved = await c.post('/staff/policy', {
      _csrf: csrf,
      ...FORM,
      material: 'on',
      then: 'preview',
    })
    expect(saved.status).toBe(303)
    const id = idOf(saved.location)
    expect(saved.location).toBe(`/staff/policy/${id}/preview`)
    const preview = await c.get(saved.location ?? '')
    expect(preview.status).toBe(200)
    expect(preview.body).toContain('<strong>only</strong>')
    expect(preview.body).not.toContain('<script>alert')
    expect(preview.body).toContain('data-fallback="english"')

    const confirm = await c.get(`/staff/policy/${id}/publish`)
    expect(textOf(confirm.body)).toContain('Publish version 1?')
    expect(confirm.body).toContain('data-publish="material"')
    expect(textOf(confirm.body)).toContain('emailed to 2 patrons')
    // Looking at the confirmation publishes nothing.
    expect((await ctx.db.selectFrom('policy_versions').select('status').execute())[0]?.status).toBe(
      'draft',
    )

    const published = await c.follow(
      await c.post(`/staff/policy/${id}/publish`, { _csrf: hiddenValue(confirm.body, '_csrf') }),
    )
    expect(textOf(published.body)).toContain('Version 1 is published. 2 notices queued.')
    const queued = await ctx.db
      .selectFrom('notice_outbox')
      .select('id')
      .where('kind', '=', 'policy_change')
      .execute()
    expect(queued).toHaveLength(2)
    // A published version has no form any more, and posting to it changes nothing.
    expect(published.body).not.toContain('<textarea')
    const again = await c.post(`/staff/policy/${id}`, {
      _csrf: hiddenValue(published.body, '_csrf'),
      ...FORM,
      body: 'Rewritten.',
    })
    expect(again.status).toBe(409)
    expect((await c.get('/policy/versions/1')).body).toContain('<strong>only</strong>')
  })

  it('shows the review reminder on the desk once the review date has passed', async () => {
    const { ctx, clock } = env()
    const c = new WebClient(app)
    clock.set('2026-06-30T18:00:00.000Z')
    const before = await c.follow((await signInStaff(c, ctx, 'admin')).answer)
    expect(before.body).not.toContain('data-reminder="policy-review"')
    // A day later (a new sign-in: the desk session would have ended overnight).
    clock.set('2026-07-01T18:00:00.000Z')
    const desk = await c.follow((await signInStaff(c, ctx, 'privacy_officer')).answer)
    expect(desk.body).toContain('data-reminder="policy-review"')
    expect(desk.body).toContain('href="/staff/policy"')
    expect((await c.get('/staff/policy')).body).toContain('data-reminder="policy-review"')
    // Desk staff without the right are not nagged.
    const other = new WebClient(app)
    const librarian = await other.follow((await signInStaff(other, ctx, 'librarian')).answer)
    expect(librarian.body).not.toContain('data-reminder="policy-review"')
    clock.set('2026-01-15T10:00:00.000Z')
  })

  it('records the version shown on the registration form', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const form = await c.get('/staff/patrons/new')
    expect(form.body).toContain('data-policy-version="1"')
    expect(form.body).toContain('href="/policy/versions/1"')
    const done = await c.post('/staff/patrons', {
      _csrf: hiddenValue(form.body, '_csrf'),
      givenName: 'Marisol',
      familyName: 'Oakhurst',
      line1: '12 Fern Row',
      city: 'Thornton',
      postcode: '60476',
      category: 'adult',
      homeBranch: 'main',
    })
    expect(done.status).toBe(303)
    const patronId = /\/staff\/patrons\/([0-9a-f-]{36})/.exec(done.location ?? '')?.[1] ?? ''
    const row = await ctx.db
      .selectFrom('patrons')
      .select('policy_version')
      .where('id', '=', patronId)
      .executeTakeFirst()
    expect(Number(row?.policy_version)).toBe(1)
  })
})
