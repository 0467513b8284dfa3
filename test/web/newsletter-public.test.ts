// The newsletter's public pages: sign-up with double opt-in that answers the same for every
// address, the confirmation link, and leaving: a GET that changes nothing, the page's button,
// and RFC 8058's one-click post from a mail program (no cookie, no form token), in both languages.
import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { unsubscribeToken } from '../../src/comms/newsletter-keys.js'
import { emailDigest, normaliseNewsletterEmail } from '../../src/comms/newsletter-keys.js'
import type { AppContext } from '../../src/context.js'
import { DAY } from '../../src/clock.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import { linkIn, newsletterMailTo } from './newsletter-mail.js'
import {
  encodeForm,
  hiddenValue,
  textOf,
  WebClient,
  withoutStatisticsScript,
} from './web-client.js'
import { useWebApp } from './web-harness.js'

const address = (tag = randomBytes(4).toString('hex')) => `reader.${tag}@example.net`

/** The subscription row of a public sign-up, found the way the service finds it. */
async function subscriptionOf(ctx: AppContext, email: string) {
  return ctx.db
    .selectFrom('newsletter_subscriptions')
    .select(['id', 'status', 'language'])
    .where('email_digest', '=', emailDigest(ctx.keyring, normaliseNewsletterEmail(email)))
    .executeTakeFirst()
}

async function signUp(c: WebClient, email: string, prefix = '') {
  const form = await c.get(`${prefix}/newsletter`)
  expect(form.status).toBe(200)
  return c.post(`${prefix}/newsletter`, { _form: hiddenValue(form.body, '_form'), email })
}

describeEngines(
  'newsletter: the public pages',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('offers a form that sets no cookie, loads no script and says the newsletter tracks nothing', async () => {
      const c = new WebClient(app)
      const page = await c.get('/newsletter')
      expect(page.status).toBe(200)
      expect(page.setCookies).toEqual([])
      expect(withoutStatisticsScript(page.body)).not.toContain('<script')
      expect(page.body).toMatch(/<input[^>]*name="email"[^>]*type="email"/)
      const text = textOf(page.body)
      expect(text).toContain('no hidden images')
      expect(text).toContain('one click')
      expect(text).toContain('If you do not confirm within 7 days, the request is deleted.')
      // Every public page's menu leads here.
      expect((await c.get('/')).body).toContain('href="/newsletter"')
    })

    it('answers a new, a waiting and a subscribed address the same way, and only a confirmed link makes it active', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const email = address()
      const answers = []
      const first = await signUp(c, email)
      answers.push({ status: first.status, location: first.location, cookies: first.setCookies })
      expect(first.location).toBe('/newsletter/check-email')
      expect((await subscriptionOf(ctx, email))?.status).toBe('pending')

      const mail = await newsletterMailTo(ctx, email)
      expect(mail).toHaveLength(1)
      const confirm = linkIn(mail[0], '/newsletter/confirm/')

      const again = await signUp(c, email.toUpperCase())
      answers.push({ status: again.status, location: again.location, cookies: again.setCookies })
      // Asked for again the same day, a waiting address gets nothing more (one message a day)…
      expect(await newsletterMailTo(ctx, email)).toHaveLength(1)
      // …and the next day a fresh link, after which the first one no longer works.
      env().clock.advance(DAY)
      await signUp(c, email)
      const renewed = await newsletterMailTo(ctx, email)
      const freshLink = linkIn(
        renewed.find((m) => !m.text.includes(confirm)),
        '/newsletter/confirm/',
      )
      expect((await c.get(confirm)).status).toBe(404)
      expect((await subscriptionOf(ctx, email))?.status).toBe('pending')

      const confirmed = await c.get(freshLink)
      expect(confirmed.status).toBe(200)
      expect(textOf(confirmed.body)).toContain('your address is confirmed')
      expect(confirmed.setCookies).toEqual([])
      expect((await subscriptionOf(ctx, email))?.status).toBe('active')
      // Following the link twice is no error.
      expect((await c.get(freshLink)).status).toBe(200)

      const third = await signUp(c, email)
      answers.push({ status: third.status, location: third.location, cookies: third.setCookies })
      expect(answers).toEqual(Array(3).fill(answers[0]))
      expect(renewed).toHaveLength(2)
      // An active address is sent nothing more.
      expect(await newsletterMailTo(ctx, email)).toHaveLength(renewed.length)

      const check = await c.follow(third)
      expect(check.status).toBe(200)
      expect(textOf(check.body)).toContain('a message is on its way to it with a link to confirm')
      expect(check.body).not.toContain(email)
    })

    it('gives a malformed address the form back with the error (400), and stores nothing', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const before = await ctx.db
        .selectFrom('newsletter_subscriptions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      for (const bad of ['not-an-address', '']) {
        const answer = await signUp(c, bad)
        expect(answer.status).toBe(400)
        expect(answer.body).toContain('That does not look like an email address')
        expect(answer.body).toContain('aria-invalid="true"')
        if (bad !== '') expect(answer.body).toContain(`value="${bad}"`)
      }
      // A post without the page's form token is refused, and stores nothing either.
      const forged = await c.post('/newsletter', { email: address() })
      expect(forged.status).toBe(403)
      const after = await ctx.db
        .selectFrom('newsletter_subscriptions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(after.n)).toBe(Number(before.n))
    })

    it('says a broken confirmation link does not work, without a 500', async () => {
      const c = new WebClient(app)
      for (const token of ['nothing-like-a-token-at-all', 'x'.repeat(90)]) {
        const page = await c.get(`/newsletter/confirm/${token}`)
        expect(page.status).toBe(404)
        expect(textOf(page.body)).toContain('This link does not work')
      }
    })

    it('leaves the list only when asked: the link shows a button, and its post erases', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const email = address()
      await signUp(c, email)
      const [message] = await newsletterMailTo(ctx, email)
      await c.get(linkIn(message, '/newsletter/confirm/'))
      const row = await subscriptionOf(ctx, email)
      expect(row?.status).toBe('active')
      const path = `/newsletter/unsubscribe/${unsubscribeToken(ctx.keyring, row?.id ?? '')}`

      const look = await c.get(path)
      expect(look.status).toBe(200)
      expect(look.setCookies).toEqual([])
      expect(look.body).toContain(`<form method="post" action="${path}"`)
      expect((await subscriptionOf(ctx, email))?.status).toBe('active')

      const done = await c.post(path, {})
      expect(done.status).toBe(200)
      expect(textOf(done.body)).toContain('Your address is erased from the list.')
      expect(await subscriptionOf(ctx, email)).toBeUndefined()

      // The same link again: nothing to erase, which is what the person wanted.
      const gone = await c.get(path)
      expect(gone.status).toBe(200)
      expect(textOf(gone.body)).toContain('This address is not on the newsletter list')
      expect(gone.body).not.toContain('<form method="post" action="/newsletter/unsubscribe')
      const twice = await c.post(path, {})
      expect(textOf(twice.body)).toContain('This address is not on the newsletter list')
    })

    it('takes a mail program’s one-click post with no cookie and no form token, from any site, and sets no cookie', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const tokens: string[] = []
      for (let i = 0; i < 2; i++) {
        const email = address()
        await signUp(c, email)
        const [message] = await newsletterMailTo(ctx, email)
        await c.get(linkIn(message, '/newsletter/confirm/'))
        const row = await subscriptionOf(ctx, email)
        expect(row?.status).toBe('active')
        tokens.push(unsubscribeToken(ctx.keyring, row?.id ?? ''))
      }
      const [formToken = '', multipartToken = ''] = tokens
      // application/x-www-form-urlencoded, as most providers send it, from another origin.
      const urlencoded = await app().inject({
        method: 'POST',
        url: `/newsletter/unsubscribe/${formToken}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://mail.example.com',
        },
        payload: encodeForm({ 'List-Unsubscribe': 'One-Click' }),
      })
      expect(urlencoded.statusCode).toBe(200)
      expect(urlencoded.headers['set-cookie']).toBeUndefined()
      // multipart/form-data, which RFC 8058 also allows.
      const boundary = 'carrel-test-boundary'
      const multipart = await app().inject({
        method: 'POST',
        url: `/newsletter/unsubscribe/${multipartToken}`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      })
      expect(multipart.statusCode).toBe(200)
      expect(multipart.headers['set-cookie']).toBeUndefined()
      for (const token of tokens) {
        const gone = await c.get(`/newsletter/unsubscribe/${token}`)
        expect(textOf(gone.body)).toContain('This address is not on the newsletter list')
      }
      // Only the unsubscribe address is open to other sites: the sign-up form is not.
      const crossSite = await app().inject({
        method: 'POST',
        url: '/newsletter',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://mail.example.com',
        },
        payload: encodeForm({ email: address() }),
      })
      expect(crossSite.statusCode).toBe(403)
    })

    it('is in Spanish under /es/, and a Spanish sign-up gets its messages in Spanish', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const form = await c.get('/es/newsletter')
      expect(form.body).toContain('<html lang="es"')
      expect(form.body).toContain('action="/es/newsletter"')
      expect(textOf(form.body)).toContain('Sin rastreo')
      expect(englishLeftIn(form.body)).toEqual([])

      const bad = await signUp(c, 'no-es-correo', '/es')
      expect(bad.status).toBe(400)
      expect(textOf(bad.body)).toContain('Eso no parece una dirección de correo')
      expect(englishLeftIn(bad.body)).toEqual([])

      const email = address()
      const answer = await signUp(c, email, '/es')
      expect(answer.location).toBe('/es/newsletter/check-email')
      const check = await c.follow(answer)
      expect(textOf(check.body)).toContain('Revise su correo')
      expect(englishLeftIn(check.body)).toEqual([])
      expect((await subscriptionOf(ctx, email))?.language).toBe('es')

      const [message] = await newsletterMailTo(ctx, email)
      const confirmed = await c.get(
        `/es${linkIn(message, '/newsletter/confirm/').replace(/^\/es/, '')}`,
      )
      expect(confirmed.status).toBe(200)
      expect(textOf(confirmed.body)).toContain('su dirección quedó confirmada')
      expect(englishLeftIn(confirmed.body)).toEqual([])

      const row = await subscriptionOf(ctx, email)
      const path = `/es/newsletter/unsubscribe/${unsubscribeToken(ctx.keyring, row?.id ?? '')}`
      const look = await c.get(path)
      expect(textOf(look.body)).toContain('¿Darse de baja del boletín?')
      expect(look.body).toContain(`action="${path}"`)
      expect(englishLeftIn(look.body)).toEqual([])
      const done = await c.post(path, {})
      expect(textOf(done.body)).toContain('Su dirección se borró de la lista.')
      expect(englishLeftIn(done.body)).toEqual([])
      expect(await subscriptionOf(ctx, email)).toBeUndefined()
    })
  },
  // Many sign-ups from one test address: the throttle has its own suite below.
  { newsletter: { signUpsPerAddress: 1000 } },
)

describeEngines(
  'newsletter: sign-ups are throttled per network address',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('refuses the sign-up after the address’s budget, with 429 and when to come back', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      for (let i = 0; i < 3; i++) expect((await signUp(c, address())).status).toBe(303)
      const email = address()
      const refused = await signUp(c, email)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(textOf(refused.body)).toMatch(
        /Too many sign-ups came from this network. Wait \d+ minutes?/,
      )
      expect(await subscriptionOf(ctx, email)).toBeUndefined()
      // Sign-ups have a budget of their own: they never use up the address's wrong-PIN budget.
      const scopes = await ctx.db.selectFrom('attempt_counts').select('scope').distinct().execute()
      expect(scopes.map((r) => r.scope)).toEqual(['newsletter-signup'])
    })
  },
  { newsletter: { signUpsPerAddress: 3 }, security: { addressFailureLimit: 1 } },
)
