// The published policy's public pages (P12): /policy before and after a version is published
// (with the generated inventory part), the list of versions with the one "coming", each
// version's word-by-word differences marked for screen readers, Spanish with the English text
// and a note where no Spanish was written, proper 404s, and no cookie anywhere.
import { beforeAll, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { createPolicyDraft, publishPolicyVersion } from '../../src/policy/policy-admin.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { englishLeftIn } from './english-left.js'
import { textOf, WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

const FIRST = {
  body: '## Keeping records\n\nWe keep registrations for three years after a card expires.',
  changes: 'First version.',
  changesEs: 'Primera versión.',
  adoptedOn: '2026-01-05',
  effectiveOn: '2026-01-06',
  reviewOn: '2027-01-06',
}
const SECOND = {
  ...FIRST,
  body: '## Keeping records\n\nWe keep registrations for one year after a card expires.',
  bodyEs: '## Registros\n\nGuardamos las inscripciones un año.',
  changes: 'Registrations are kept one year instead of three.',
  changesEs: 'Las inscripciones se guardan un año en lugar de tres.',
  adoptedOn: '2026-01-10',
  effectiveOn: '2026-03-01',
  reviewOn: '2027-03-01',
}

describeEngines('policy: the public pages', (env) => {
  const app = useWebApp(() => env().ctx)
  let ctx: AppContext
  let officer: Actor
  beforeAll(async () => {
    ctx = env().ctx
    officer = await staffActor(ctx, 'privacy_officer')
  })

  it('says no version is published yet and still shows the generated part', async () => {
    const c = new WebClient(app)
    for (const path of ['/policy', '/es/policy']) {
      const page = await c.get(path)
      expect(page.status).toBe(200)
      expect(page.setCookies).toEqual([])
      expect(page.body).toContain('data-policy="none"')
      expect(page.body).toContain('data-kept=')
    }
    expect(textOf((await c.get('/policy')).body)).toContain(
      'The library has not yet published its privacy policy here.',
    )
    expect((await c.get('/policy/versions')).body).toContain('data-policy="none"')
    // /privacy keeps working and links to /policy.
    const privacy = await c.get('/privacy')
    expect(privacy.status).toBe(200)
    expect(privacy.body).toContain('href="/policy"')
  })

  it('shows the version in force, the coming one, the list and the differences', async () => {
    const one = await publishPolicyVersion(
      ctx,
      officer,
      (await createPolicyDraft(ctx, officer, FIRST)).id,
    )
    const two = await publishPolicyVersion(
      ctx,
      officer,
      (await createPolicyDraft(ctx, officer, SECOND)).id,
    )
    expect([one.number, two.number]).toEqual([1, 2])
    const c = new WebClient(app)

    // The clock says 2026-01-15: version 1 is in force and version 2 is coming.
    const policy = await c.get('/policy')
    expect(policy.setCookies).toEqual([])
    expect(policy.body).toContain('data-policy-version="1"')
    expect(policy.body).toContain('data-policy-coming="2"')
    expect(textOf(policy.body)).toContain('three years after a card expires')
    expect(policy.body).toContain('<h2>Keeping records</h2>')
    expect(policy.body).toContain('data-kept=')

    const list = await c.get('/policy/versions')
    expect(list.body).toMatch(
      /data-version="2" data-standing="coming"[\s\S]*data-version="1" data-standing="current"/,
    )
    expect(list.body).toContain('href="/policy/versions/2"')
    expect(textOf(list.body)).toContain('Registrations are kept one year instead of three.')

    const v2 = await c.get('/policy/versions/2')
    expect(v2.status).toBe(200)
    expect(v2.setCookies).toEqual([])
    expect(v2.body).toContain('Differences from version 1')
    expect(v2.body).toMatch(
      /<ins><span class="visually-hidden">added: <\/span>one<span class="visually-hidden"> \(end of change\)<\/span><\/ins>/,
    )
    expect(v2.body).toMatch(/<del><span class="visually-hidden">removed: <\/span>three<span/)
    expect(v2.body).toContain('data-standing="coming"')
    expect((await c.get('/policy/versions/1')).body).toContain('data-diff="first"')

    // Once version 2's effective date has come it is the one in force.
    env().clock.set('2026-03-02T18:00:00.000Z')
    expect((await c.get('/policy')).body).toContain('data-policy-version="2"')
    env().clock.set('2026-01-15T10:00:00.000Z')
  })

  it('speaks Spanish, with the English text and a note where there is no Spanish', async () => {
    const c = new WebClient(app)
    const v1 = await c.get('/es/policy/versions/1')
    expect(v1.status).toBe(200)
    expect(v1.body).toContain('<html lang="es"')
    expect(v1.body).toContain('data-fallback="english"')
    expect(v1.body).toContain('lang="en"')
    expect(textOf(v1.body)).toContain('Primera versión.')
    expect(englishLeftIn(v1.body)).toEqual([])

    const v2 = await c.get('/es/policy/versions/2')
    expect(v2.body).not.toContain('data-fallback="english"')
    expect(textOf(v2.body)).toContain('Guardamos las inscripciones un año.')
    expect(englishLeftIn(v2.body)).toEqual([])
    for (const path of ['/es/policy', '/es/policy/versions']) {
      const page = await c.get(path)
      expect(page.status).toBe(200)
      expect(englishLeftIn(page.body)).toEqual([])
      expect(page.body).toContain('href="/es/policy/versions')
    }
  })

  it('answers 404 pages for unknown or malformed version numbers', async () => {
    const c = new WebClient(app)
    for (const n of ['3', '0', '-1', 'abc', '1.5', '99999999999999999999', '1e3']) {
      const page = await c.get(`/policy/versions/${n}`)
      expect({ n, status: page.status }).toEqual({ n, status: 404 })
      expect(textOf(page.body)).toContain(
        'There is no version of the privacy policy with that number.',
      )
    }
    const es = await c.get('/es/policy/versions/7')
    expect(es.status).toBe(404)
    expect(textOf(es.body)).toContain(
      'No hay ninguna versión de la política de privacidad con ese número.',
    )
  })
})
