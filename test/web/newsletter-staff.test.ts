// The newsletter's staff pages: only roles with `newsletter.manage` reach them; an issue is
// written in Markdown, previewed exactly as each language's subscribers get it (sanitized),
// sent only after a confirmation step, and its progress refreshes itself with htmx.
import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { getIssue, subscribeByEmail } from '../../src/comms/newsletter.service.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { linkIn, newsletterMailTo } from './newsletter-mail.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

/** A confirmed subscriber, signed up and confirmed through the public pages' services. */
async function subscriber(ctx: AppContext, c: WebClient, language: 'en' | 'es'): Promise<string> {
  const email = `subscriber.${randomBytes(4).toString('hex')}@example.net`
  await subscribeByEmail(ctx, { email, language })
  const [message] = await newsletterMailTo(ctx, email)
  expect((await c.get(linkIn(message, '/newsletter/confirm/'))).status).toBe(200)
  return email
}

const issueIdOf = (location: string | undefined): string =>
  /\/staff\/newsletter\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? ''

const MARKDOWN = [
  '## Spring at the library',
  '',
  'Our **seed library** opens in March. <script>alert("x")</script>',
  '',
  '![a tracking pixel](https://tracker.example.com/p.gif)',
  '',
  '- [Events](https://library.example.org/events)',
  '- [a trap](javascript:alert(1))',
].join('\n')

describeEngines('newsletter: the staff pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('is refused to a role without newsletter.manage, and missing from its menu', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const { answer } = await signInStaff(c, ctx, 'circulation')
    const desk = await c.follow(answer)
    expect(desk.body).not.toContain('href="/staff/newsletter"')
    for (const path of ['/staff/newsletter', '/staff/newsletter/new']) {
      const page = await c.get(path)
      expect({ path, status: page.status }).toEqual({ path, status: 403 })
    }
    const csrf = hiddenValue(desk.body, '_csrf')
    const posted = await c.post('/staff/newsletter', { _csrf: csrf, subject: 'S', body: 'B' })
    expect(posted.status).toBe(403)
    const stored = await ctx.db
      .selectFrom('newsletter_issues')
      .select('id')
      .where('subject', '=', 'S')
      .execute()
    expect(stored).toEqual([])
  })

  it('composes, previews sanitized output in both languages, sends only after confirming, and shows progress', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const { answer } = await signInStaff(c, ctx, 'librarian')
    expect((await c.follow(answer)).body).toContain('href="/staff/newsletter"')
    const english = await subscriber(ctx, c, 'en')
    const spanish = await subscriber(ctx, c, 'es')

    const form = await c.get('/staff/newsletter/new')
    expect(form.status).toBe(200)
    expect(textOf(form.body)).toContain('Images and raw HTML are removed')
    const csrf = hiddenValue(form.body, '_csrf')

    // A draft without a subject comes back as typed, with what to fix; nothing is stored.
    const refused = await c.post('/staff/newsletter', { _csrf: csrf, subject: '', body: 'Hello' })
    expect(refused.status).toBe(400)
    expect(textOf(refused.body)).toContain('Give the issue a subject.')
    expect(refused.body).toMatch(/<textarea[^>]*name="body"[^>]*>Hello<\/textarea>/)

    const saved = await c.post('/staff/newsletter', {
      _csrf: csrf,
      subject: 'Spring news',
      body: MARKDOWN,
      subjectEs: 'Noticias de primavera',
      bodyEs: 'La **biblioteca de semillas** abre en marzo.',
      then: 'preview',
    })
    expect(saved.status).toBe(303)
    const id = issueIdOf(saved.location)
    expect(saved.location).toBe(`/staff/newsletter/${id}/preview`)

    const preview = await c.follow(saved)
    expect(preview.status).toBe(200)
    expect(preview.body).toContain('<strong>seed library</strong>')
    expect(preview.body).toContain('<h2>Spring at the library</h2>')
    expect(preview.body).toContain('<a href="https://library.example.org/events">Events</a>')
    expect(preview.body).toContain('<strong>biblioteca de semillas</strong>')
    expect(preview.body).toContain('Noticias de primavera')
    const shown = preview.body.replace(/<pre class="mail-text"[\s\S]*?<\/pre>/g, '')
    expect(shown).not.toMatch(/<script>alert/)
    expect(shown).not.toContain('<img')
    expect(shown).not.toContain('tracker.example.com/p.gif"')
    expect(shown).not.toContain('href="javascript:')
    // The message's own inline styles stay out of the page (its policy would refuse them).
    expect(shown).not.toContain(' style=')
    expect(shown).toContain('/newsletter/unsubscribe/example-link')
    // The page keeps its strict policy: no inline script may run whatever the preview holds.
    expect(preview.headers['content-security-policy']).toContain("script-src 'self'")

    // The confirmation step says how many it goes to; looking at it sends nothing.
    const ask = await c.get(`/staff/newsletter/${id}/send`)
    expect(ask.status).toBe(200)
    expect(textOf(ask.body)).toContain('This cannot be undone.')
    expect(textOf(ask.body)).toContain('2 subscribers')
    expect((await getIssue(ctx, SYSTEM_ACTOR, id)).status).toBe('draft')
    const forged = await c.post(`/staff/newsletter/${id}/send`, {})
    expect(forged.status).toBe(403)
    expect((await getIssue(ctx, SYSTEM_ACTOR, id)).status).toBe('draft')

    const sent = await c.post(`/staff/newsletter/${id}/send`, {
      _csrf: hiddenValue(ask.body, '_csrf'),
    })
    expect(sent.status).toBe(303)
    expect(sent.location).toBe(`/staff/newsletter/${id}`)
    const sending = await c.follow(sent)
    expect(textOf(sending.body)).toContain('Sending to 2 subscribers.')
    expect(sending.body).toContain(`hx-get="/staff/newsletter/${id}/progress"`)
    expect(sending.body).toContain('hx-trigger="every 2s"')
    expect(textOf(sending.body)).toMatch(/Recipients 2 Queued 2 Sent 0 Failed 0/)
    // A draft no longer: it cannot be changed, and the send page leads back to the issue.
    expect((await c.get(`/staff/newsletter/${id}/send`)).status).toBe(303)
    const late = await c.post(`/staff/newsletter/${id}`, {
      _csrf: csrf,
      subject: 'Changed',
      body: 'Changed',
    })
    expect(late.status).toBe(409)

    // htmx asks for the block alone; a plain visit gets the whole page.
    const plain = await c.get(`/staff/newsletter/${id}/progress`)
    expect(plain.status).toBe(303)
    await newsletterMailTo(ctx, english)
    const block = await c.get(`/staff/newsletter/${id}/progress`, { 'hx-request': 'true' })
    expect(block.status).toBe(200)
    expect(block.body).not.toContain('<html')
    expect(textOf(block.body)).toMatch(/Recipients 2 Queued 0 Sent 2 Failed 0/)
    expect(block.body).not.toContain('hx-trigger')

    const list = textOf((await c.get('/staff/newsletter')).body)
    expect(list).toMatch(/Spring news Sent .* 2 2 0/)

    // Each subscriber got the issue in their language, with the one-click unsubscribe headers.
    const subjects = async (email: string) =>
      (await newsletterMailTo(ctx, email))
        .filter((m) => m.headers.has('list-unsubscribe-post'))
        .map((m) => m.headers.get('subject'))
    expect(await subjects(english)).toEqual(['Spring news'])
    expect(await subjects(spanish)).toEqual(['Noticias de primavera'])
  })

  it('deletes a draft only after asking', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'admin')
    const form = await c.get('/staff/newsletter/new')
    const csrf = hiddenValue(form.body, '_csrf')
    const saved = await c.post('/staff/newsletter', {
      _csrf: csrf,
      subject: 'A draft to drop',
      body: 'Nothing yet.',
      then: 'edit',
    })
    const id = issueIdOf(saved.location)
    expect(saved.location).toBe(`/staff/newsletter/${id}`)
    const edit = await c.follow(saved)
    expect(edit.body).toContain(`href="/staff/newsletter/${id}/delete"`)
    const ask = await c.get(`/staff/newsletter/${id}/delete`)
    expect(textOf(ask.body)).toContain('Delete the draft “A draft to drop”?')
    expect((await getIssue(ctx, SYSTEM_ACTOR, id)).status).toBe('draft')
    const gone = await c.follow(
      await c.post(`/staff/newsletter/${id}/delete`, { _csrf: hiddenValue(ask.body, '_csrf') }),
    )
    expect(textOf(gone.body)).toContain('The draft is deleted.')
    expect((await c.get(`/staff/newsletter/${id}`)).status).toBe(404)
  })
})
