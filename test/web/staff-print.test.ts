// The "Letters to print" page: one letter per printed page with the patron's name and address,
// in their language; marking the batch printed takes a confirmation (no script needed) and marks
// only the letters that were shown; a role without the right is refused.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import type { AppContext } from '../../src/context.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage } from '../../src/patrons/self-service.js'
import { STYLESHEET } from '../../src/web/assets/stylesheet.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

async function letterFor(env: TestEnv, ctx: AppContext, language?: 'es') {
  const input = patronInput({
    email: undefined,
    notify: { notices: true, newsletter: false, policyChanges: false },
  })
  const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
  const me: Actor = { type: 'patron', id: p.id }
  if (language !== undefined) await setOwnLanguage(ctx, me, { language })
  await enqueueNotice(
    ctx.db,
    p.id,
    'card_expiring',
    { expiresOn: '2026-02-10' },
    env.clock.now().toISOString(),
  )
  return { id: p.id, input }
}

/** Every id posted in a form on the page, by field name. */
const idsIn = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<input type="hidden" name="${name}" value="([^"]+)"`, 'g'))].map(
    (m) => m[1] ?? '',
  )

describeEngines('staff: letters to print', (env) => {
  const app = useWebApp(() => env().ctx)

  it('shows each letter addressed in the patron’s language, then marks only those shown, after a confirmation', async () => {
    const { ctx } = env()
    await ctx.db.deleteFrom('notice_outbox').execute()
    const reader = await letterFor(env(), ctx)
    const lector = await letterFor(env(), ctx, 'es')
    expect(await deliverNotices(ctx)).toMatchObject({ print: 2 })

    const client = new WebClient(app)
    await signInStaff(client, ctx, 'circulation')
    const page = await client.get('/staff/mail/print')
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain('2 letters in this batch')
    expect(page.body.match(/<article class="letter"/g)).toHaveLength(2)
    expect(page.body).toContain('<article class="letter" lang="es"')
    for (const p of [reader, lector]) {
      expect(text).toContain(`${p.input.givenName} ${p.input.familyName}`)
      expect(text).toContain(p.input.address.line1)
    }
    expect(text).toContain('Your library card expires on Tuesday, February 10.')
    expect(text).toContain('Su tarjeta de la biblioteca vence el martes 10 de febrero.')
    expect(text).toContain('Su tarjeta de la biblioteca vence pronto')
    const shown = idsIn(page.body, 'printed')
    expect(shown).toHaveLength(2)

    // Showing the page is a read of both patrons' records.
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('patron_id')
      .where('action', '=', 'patron.read')
      .where('patron_id', 'in', [reader.id, lector.id])
      .execute()
    expect(reads).toHaveLength(2)

    // A letter that arrives after the page was shown is not marked with this batch.
    const late = await letterFor(env(), ctx)
    await deliverNotices(ctx)

    const csrf = hiddenValue(page.body, '_csrf')
    const ask = await client.post('/staff/mail/print/confirm', { _csrf: csrf, printed: shown })
    expect(ask.status).toBe(200)
    expect(textOf(ask.body)).toContain('Mark 2 letters printed?')
    expect(idsIn(ask.body, 'printed').sort()).toEqual([...shown].sort())
    // Nothing is marked by the first step.
    const statusOf = async (patronId: string) =>
      (
        await ctx.db
          .selectFrom('notice_outbox')
          .select('status')
          .where('patron_id', '=', patronId)
          .executeTakeFirstOrThrow()
      ).status
    expect(await statusOf(reader.id)).toBe('print')

    const done = await client.follow(
      await client.post('/staff/mail/print/mark', {
        _csrf: hiddenValue(ask.body, '_csrf'),
        confirmed: 'yes',
        printed: idsIn(ask.body, 'printed'),
      }),
    )
    expect(done.status).toBe(200)
    expect(textOf(done.body)).toContain('2 letters marked printed.')
    expect(await statusOf(reader.id)).toBe('printed')
    expect(await statusOf(lector.id)).toBe('printed')
    expect(await statusOf(late.id)).toBe('print')
    expect(textOf(done.body)).toContain('1 letter in this batch')

    // Confirming the same batch again (another tab) marks nothing and says so.
    const again = await client.follow(
      await client.post('/staff/mail/print/mark', {
        _csrf: hiddenValue(done.body, '_csrf'),
        confirmed: 'yes',
        printed: shown,
      }),
    )
    expect(textOf(again.body)).toContain('0 letters marked printed; 2 had already been marked')
  })

  it('refuses staff without the right, and marks nothing without the confirmation', async () => {
    const { ctx } = env()
    await ctx.db.deleteFrom('notice_outbox').execute()
    const p = await letterFor(env(), ctx)
    await deliverNotices(ctx)
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    expect((await officer.get('/staff/mail/print')).status).toBe(403)

    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    const page = await desk.get('/staff/mail/print')
    const ids = idsIn(page.body, 'printed')
    const refused = await desk.follow(
      await desk.post('/staff/mail/print/mark', {
        _csrf: hiddenValue(page.body, '_csrf'),
        printed: ids,
      }),
    )
    expect(textOf(refused.body)).toContain('Nothing was marked')
    const bad = await desk.follow(
      await desk.post('/staff/mail/print/mark', {
        _csrf: hiddenValue(refused.body, '_csrf'),
        confirmed: 'yes',
        printed: ['../../etc'],
      }),
    )
    expect(bad.status).toBe(200)
    expect(textOf(bad.body)).toContain('Invalid input')
    const row = await ctx.db
      .selectFrom('notice_outbox')
      .select('status')
      .where('patron_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('print')
  })

  it('prints one letter per page, without the page’s navigation and buttons', () => {
    const print = STYLESHEET.slice(STYLESHEET.indexOf('@media print'))
    expect(print).toMatch(/\.letter \{[^}]*break-after: page/)
    expect(print).toMatch(/\.site-header[^{]*\.no-print[^{]*form \{ display: none/)
  })
})
