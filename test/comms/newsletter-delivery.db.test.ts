// The newsletter end to end over a real SMTP server (smtp-server, parsed with mailparser):
// double opt-in, one answer for every address, RFC 8058 one-click unsubscribe that erases,
// Spanish for Spanish subscribers, no tracking, sanitized Markdown, retries, and counts only.
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { DAY, MINUTE } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import {
  checkUnsubscribeToken,
  confirmSubscription,
  createIssue,
  issueProgress,
  startSending,
  subscribeByEmail,
  unsubscribeByToken,
} from '../../src/comms/newsletter.service.js'
import { subscriptionKeyId } from '../../src/comms/newsletter-keys.js'
import { deliverNewsletter } from '../../src/comms/newsletter-worker.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

const PUBLIC = 'https://library.example.org'
const to = (address: string) => smtp.received.filter((m) => toOf(m) === address)
const textOf = (m: ParsedMail) => m.text ?? ''
const htmlOf = (m: ParsedMail) => (typeof m.html === 'string' ? m.html : '')
const header = (m: ParsedMail, name: string) =>
  m.headerLines
    .filter((h) => h.key === name.toLowerCase())
    .map((h) =>
      h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    )
const confirmToken = (m: ParsedMail) =>
  /\/newsletter\/confirm\/([A-Za-z0-9_-]+)/.exec(textOf(m))?.[1] ?? ''
let seq = 0
const address = () => `reader${++seq}.${Math.random().toString(36).slice(2, 8)}@example.net`

async function subscriptionOf(ctx: AppContext, id: string) {
  return ctx.db
    .selectFrom('newsletter_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

describeEngines('newsletter delivery over SMTP', (env) => {
  let ctx: AppContext
  let librarian: Actor
  beforeAll(async () => {
    ctx = await env().reopen({
      mail: { smtpUrl: smtp.url, from: 'Carrel Library <news@library.example>' },
      http: { publicUrl: `${PUBLIC}/` },
      library: { name: 'Thornton Public Library' },
    })
    librarian = await staffActor(ctx, 'librarian')
  })
  beforeEach(() => {
    smtp.reset()
  })

  /** Signs an address up and follows its confirmation link, as a subscriber would. */
  async function activeSubscriber(email: string, language: 'en' | 'es' = 'en') {
    await subscribeByEmail(ctx, { email, language })
    await deliverNewsletter(ctx)
    const mail = to(email).at(-1)
    expect(mail).toBeDefined()
    expect(await confirmSubscription(ctx, confirmToken(mail as ParsedMail))).toBe('confirmed')
  }

  async function sendIssue(draft: Parameters<typeof createIssue>[2]) {
    const issue = await createIssue(ctx, librarian, draft)
    await startSending(ctx, librarian, issue.id)
    const run = await deliverNewsletter(ctx)
    return { issue, run }
  }

  it('double opt-in: nothing but the confirmation reaches a pending address, and the link activates it', async () => {
    const email = address()
    await expect(
      subscribeByEmail(ctx, { email: ` ${email.toUpperCase()} `, language: 'en' }),
    ).resolves.toBeUndefined()
    const row = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('requested_on', 'desc')
      .execute()
    // Stored sealed: neither the address nor any part of it is in the row.
    expect(JSON.stringify(row)).not.toContain(email.split('@')[0])

    // An issue sent while the address is pending does not go to it.
    const { issue } = await sendIssue({ subject: 'Spring events', body: 'Story time is back.' })
    const mails = to(email)
    expect(mails).toHaveLength(1)
    const confirm = mails[0] as ParsedMail
    expect(confirm.subject).toBe(
      'Confirm your subscription to the Thornton Public Library newsletter',
    )
    expect(textOf(confirm)).toContain(`${PUBLIC}/newsletter/confirm/`)
    expect(textOf(confirm)).toContain('The link works for 7 days.')
    expect(header(confirm, 'List-Unsubscribe')).toEqual([])
    expect((await issueProgress(ctx, librarian, issue.id)).recipients).toBe(0)

    const token = confirmToken(confirm)
    expect(await confirmSubscription(ctx, token)).toBe('confirmed')
    // Followed twice: still confirmed; a made-up token is not.
    expect(await confirmSubscription(ctx, token)).toBe('confirmed')
    expect(await confirmSubscription(ctx, 'A'.repeat(32))).toBe('invalid')
    expect(await confirmSubscription(ctx, '../../etc')).toBe('invalid')

    smtp.reset()
    await sendIssue({ subject: 'Summer reading', body: 'Sign up at any desk.' })
    expect(to(email).map((m) => m.subject)).toEqual(['Summer reading'])
  })

  it('answers the same for a new, a pending and an active address; only the active one gets nothing more', async () => {
    const fresh = address()
    const pending = address()
    const active = address()
    await subscribeByEmail(ctx, { email: pending, language: 'en' })
    await activeSubscriber(active)
    await deliverNewsletter(ctx)
    smtp.reset()
    for (const email of [fresh, pending, active])
      await expect(subscribeByEmail(ctx, { email, language: 'en' })).resolves.toBeUndefined()
    await deliverNewsletter(ctx)
    expect(to(fresh)).toHaveLength(1)
    // A pending address asked for again the same day gets nothing more: one message a day at
    // most, so the form cannot fill someone's inbox. The next day it gets a fresh link.
    expect(to(pending)).toHaveLength(0)
    expect(to(active)).toHaveLength(0)
    env().clock.advance(DAY)
    await subscribeByEmail(ctx, { email: pending, language: 'en' })
    await deliverNewsletter(ctx)
    expect(to(pending)).toHaveLength(1)
    // One subscription per address, whatever the case or spaces it is typed with.
    await subscribeByEmail(ctx, { email: ` ${fresh.toUpperCase()}`, language: 'es' })
    const count = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const before = Number(count.n)
    await subscribeByEmail(ctx, { email: fresh, language: 'en' })
    const after = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(before)

    for (const bad of ['', 'no-at-sign', 'two@@example.org', 'spaces in@example.org', 'a@b'])
      await expect(subscribeByEmail(ctx, { email: bad, language: 'en' })).rejects.toMatchObject({
        code: 'INVALID_EMAIL',
      })
    await expect(
      subscribeByEmail(ctx, { email: address(), language: 'fr' as 'en' }),
    ).rejects.toMatchObject({ code: 'INVALID_LANGUAGE' })
  })

  it('carries the RFC 8058 one-click headers and the same link in the body; following it erases the row and its key', async () => {
    const email = address()
    await activeSubscriber(email)
    smtp.reset()
    await sendIssue({ subject: 'Library news', body: 'The east branch reopens **Monday**.' })
    const [mail] = to(email)
    expect(mail).toBeDefined()
    const m = mail as ParsedMail
    const list = header(m, 'List-Unsubscribe')
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(
      new RegExp(
        `^<${PUBLIC.replace(/\./g, '\\.')}/newsletter/unsubscribe/[0-9a-f-]{36}\\.[A-Za-z0-9_-]+>$`,
      ),
    )
    expect(header(m, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click'])
    const url = (list[0] ?? '').slice(1, -1)
    expect(textOf(m)).toContain(url)
    expect(htmlOf(m)).toContain(`href="${url}"`)
    expect(htmlOf(m)).toContain('<strong>Monday</strong>')

    const token = url.slice(url.lastIndexOf('/') + 1)
    const id = token.split('.')[0] ?? ''
    expect(await subscriptionOf(ctx, id)).toBeDefined()
    expect(
      await ctx.keys
        .selectFrom('patron_keys')
        .select('patron_id')
        .where('patron_id', '=', subscriptionKeyId(id))
        .execute(),
    ).toHaveLength(1)
    // Checking changes nothing; a forged code names nothing.
    expect(await checkUnsubscribeToken(ctx, token)).toBe('valid')
    expect(await checkUnsubscribeToken(ctx, `${id}.AAAAAAAAAAAAAAAAAAAAAAAA`)).toBe('invalid')
    expect(await unsubscribeByToken(ctx, `${id}.AAAAAAAAAAAAAAAAAAAAAAAA`)).toBe('invalid')
    expect(await subscriptionOf(ctx, id)).toBeDefined()

    expect(await unsubscribeByToken(ctx, token)).toBe('erased')
    expect(await subscriptionOf(ctx, id)).toBeUndefined()
    expect(
      await ctx.keys
        .selectFrom('patron_keys')
        .select('patron_id')
        .where('patron_id', '=', subscriptionKeyId(id))
        .execute(),
    ).toEqual([])
    expect(await checkUnsubscribeToken(ctx, token)).toBe('invalid')
    expect(await unsubscribeByToken(ctx, token)).toBe('invalid')

    smtp.reset()
    await sendIssue({ subject: 'After leaving', body: 'Not for them.' })
    expect(to(email)).toEqual([])
  })

  it('sends the Spanish version to a Spanish subscriber, and the English one when an issue has none', async () => {
    const es = address()
    const en = address()
    await activeSubscriber(es, 'es')
    await activeSubscriber(en, 'en')
    smtp.reset()
    await sendIssue({
      subject: 'Book sale',
      body: 'Saturday at the **main** library.',
      subjectEs: 'Venta de libros',
      bodyEs: 'El sábado en la biblioteca **central**.',
    })
    const [spanish] = to(es)
    const [english] = to(en)
    expect(spanish?.subject).toBe('Venta de libros')
    expect(textOf(spanish as ParsedMail)).toContain('El sábado en la biblioteca **central**.')
    expect(textOf(spanish as ParsedMail)).toContain('Recibe este mensaje porque se suscribió')
    expect(htmlOf(spanish as ParsedMail)).toContain('<html lang="es">')
    expect(header(spanish as ParsedMail, 'Content-Language')).toEqual(['es'])
    expect(english?.subject).toBe('Book sale')
    smtp.reset()
    await sendIssue({ subject: 'English only', body: 'Just this once.' })
    expect(to(es).map((m) => m.subject)).toEqual(['English only'])
    expect(header(to(es)[0] as ParsedMail, 'Content-Language')).toEqual(['en'])
  })

  it('tracks nothing and lets nothing through but text and plain links', async () => {
    const email = address()
    await activeSubscriber(email)
    smtp.reset()
    await sendIssue({
      subject: 'Links',
      body: [
        '# Welcome',
        '',
        'Read [the catalog](https://catalog.example.org/new) or mail <desk@library.example>.',
        '',
        '<script>alert(1)</script> <b onclick="x()">raw</b>',
        '',
        '[click](javascript:alert(2)) ![pixel](https://tracker.example.com/p.gif)',
        '',
        'Bare link: https://events.example.org/spring',
      ].join('\n'),
    })
    const m = to(email)[0] as ParsedMail
    const html = htmlOf(m)
    // Raw HTML shows as text (escaped), never as markup; the image and the script link are gone.
    expect(html).not.toMatch(/<script|<img|<b[ >]|<[^>]*onclick|href="javascript:/i)
    expect(html).not.toContain('tracker.example.com')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<h2>Welcome</h2>')
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((x) => x[1])
    const unsubscribe = (header(m, 'List-Unsubscribe')[0] ?? '').slice(1, -1)
    expect(hrefs.sort()).toEqual(
      [
        'https://catalog.example.org/new',
        'mailto:desk@library.example',
        'https://events.example.org/spring',
        unsubscribe,
      ].sort(),
    )
    // The plain-text part is the Markdown as written.
    expect(textOf(m)).toContain('[click](javascript:alert(2))')
    expect(textOf(m)).toContain('no tracking images')
    expect(m.attachments).toEqual([])
  })

  it('retries a message the server refused for now, and keeps only counts once the issue is sent', async () => {
    const a = address()
    const b = address()
    await activeSubscriber(a)
    await activeSubscriber(b)
    smtp.reset()
    smtp.refuseRecipient((rcpt) =>
      rcpt === a ? { code: 451, text: `Try later, ${rcpt}` } : undefined,
    )
    const issue = await createIssue(ctx, librarian, { subject: 'Retry', body: 'Once more.' })
    await startSending(ctx, librarian, issue.id)
    const first = await deliverNewsletter(ctx)
    expect(first.retried).toBe(1)
    let progress = await issueProgress(ctx, librarian, issue.id)
    expect(progress.status).toBe('sending')
    expect(progress.queued).toBe(1)
    expect(progress.sent).toBeGreaterThanOrEqual(1)
    const waiting = await ctx.db
      .selectFrom('newsletter_deliveries')
      .select(['failure', 'next_attempt_at'])
      .where('issue_id', '=', issue.id)
      .where('status', '=', 'queued')
      .execute()
    expect(waiting).toHaveLength(1)
    expect(waiting[0]?.failure).not.toContain(a)
    // Not due again before its backoff.
    expect((await deliverNewsletter(ctx)).claimed).toBe(0)
    smtp.refuseRecipient(() => undefined)
    env().clock.advance(10 * MINUTE)
    const second = await deliverNewsletter(ctx)
    expect(second).toMatchObject({ sent: 1, finished: 1 })
    expect(to(a).map((x) => x.subject)).toEqual(['Retry'])
    progress = await issueProgress(ctx, librarian, issue.id)
    expect(progress).toMatchObject({ status: 'sent', queued: 0, failed: 0 })
    expect(progress.sent).toBe(progress.recipients)
    expect(progress.sentOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // No list of who got it remains.
    const rows = await ctx.db
      .selectFrom('newsletter_deliveries')
      .select('id')
      .where('issue_id', '=', issue.id)
      .execute()
    expect(rows).toEqual([])
  })

  it('fails for good a message the server refuses permanently, counted without an address', async () => {
    const a = address()
    await activeSubscriber(a)
    smtp.reset()
    smtp.refuseRecipient((rcpt) =>
      rcpt === a ? { code: 550, text: `No such user ${rcpt}` } : undefined,
    )
    const issue = await createIssue(ctx, librarian, { subject: 'Bounce', body: 'Hello.' })
    await startSending(ctx, librarian, issue.id)
    await deliverNewsletter(ctx)
    smtp.refuseRecipient(() => undefined)
    const done = await issueProgress(ctx, librarian, issue.id)
    expect(done.status).toBe('sent')
    expect(done.failed).toBe(1)
    expect(done.sent + done.failed).toBe(done.recipients)
  })
})
