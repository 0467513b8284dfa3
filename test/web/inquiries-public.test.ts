// Ask a librarian on the public site: the shared public-form defences (token, honeypot, the
// address's budget, the day's cap), bad input refused with a page and no row, the thank-you page
// after a redirect, no cookie, and both languages.
import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import {
  encodeForm,
  hiddenValue,
  textOf,
  WebClient,
  withoutStatisticsScript,
} from './web-client.js'
import { useWebApp } from './web-harness.js'

const QUESTION = 'Where can I find the minutes of the 1958 village board meetings?'

async function count(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Posts the form as a browser at `address` would: its token first, then the fields. */
async function ask(
  app: () => FastifyInstance,
  fields: Record<string, string>,
  address = '192.0.2.10',
  prefix = '',
) {
  const form = await app().inject({ method: 'GET', url: `${prefix}/ask`, remoteAddress: address })
  return app().inject({
    method: 'POST',
    url: `${prefix}/ask`,
    remoteAddress: address,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ _form: hiddenValue(form.payload, '_form'), ...fields }),
  })
}

describeEngines(
  'ask a librarian: the public form',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('offers the form with no cookie and no script, in English and Spanish, from every page', async () => {
      const c = new WebClient(app)
      const page = await c.get('/ask')
      expect(page.status).toBe(200)
      expect(page.setCookies).toEqual([])
      expect(withoutStatisticsScript(page.body)).not.toContain('<script')
      expect(page.body).toMatch(
        /<textarea[^>]*name="question"[^>]*maxLength="2000"|<textarea[^>]*maxlength="2000"/i,
      )
      expect(page.body).toContain('name="website"')
      expect(textOf(page.body)).toContain('erased after 30 days')
      expect((await c.get('/')).body).toContain('href="/ask"')
      const es = await c.get('/es/ask')
      expect(es.status).toBe(200)
      expect(textOf(es.body)).toContain('Pregunte a un bibliotecario')
      expect(englishLeftIn(es.body)).toEqual([])
    })

    it('stores a question, then shows the thank-you page after a redirect; Spanish stays Spanish', async () => {
      const { ctx } = env()
      const before = await count(ctx)
      const sent = await ask(app, { question: QUESTION, replyBy: 'desk' }, '192.0.2.11')
      expect(sent.statusCode).toBe(303)
      expect(sent.headers.location).toBe('/ask/sent?by=desk')
      expect(await count(ctx)).toBe(before + 1)
      const thanks = await app().inject({ method: 'GET', url: '/ask/sent?by=desk' })
      expect(thanks.statusCode).toBe(200)
      expect(textOf(thanks.payload)).toContain('Ask at any desk or phone the library')

      const es = await ask(
        app,
        { question: QUESTION, replyBy: 'email', email: 'lectora@example.net' },
        '192.0.2.12',
        '/es',
      )
      expect(es.headers.location).toBe('/es/ask/sent?by=email')
      const row = await ctx.db
        .selectFrom('inquiries')
        .select('language')
        .where('patron_id', 'is', null)
        .where('reply_by', '=', 'email')
        .executeTakeFirstOrThrow()
      expect(row.language).toBe('es')
      const gracias = await app().inject({ method: 'GET', url: '/es/ask/sent?by=email' })
      expect(textOf(gracias.payload)).toContain('Un bibliotecario le responderá')
      expect(englishLeftIn(gracias.payload)).toEqual([])
    })

    it('answers a filled-in honeypot like a success and stores nothing', async () => {
      const { ctx } = env()
      const before = await count(ctx)
      const bot = await ask(
        app,
        { question: QUESTION, replyBy: 'desk', website: 'http://spam.example' },
        '192.0.2.13',
      )
      expect(bot.statusCode).toBe(303)
      expect(bot.headers.location).toBe('/ask/sent?by=desk')
      expect(await count(ctx)).toBe(before)
    })

    it('refuses bad input with a page in the page’s language and no row: too long, no address, a stale form, an oversize body', async () => {
      const { ctx } = env()
      const before = await count(ctx)
      const long = await ask(app, { question: 'x'.repeat(2001), replyBy: 'desk' }, '192.0.2.14')
      expect(long.statusCode).toBe(400)
      expect(textOf(long.payload)).toContain('Write your question (up to 2000 characters).')
      // What was typed comes back, so nothing is lost.
      expect(long.payload).toContain('x'.repeat(50))
      const noEmail = await ask(app, { question: QUESTION, replyBy: 'email' }, '192.0.2.15', '/es')
      expect(noEmail.statusCode).toBe(400)
      expect(textOf(noEmail.payload)).toContain('Escriba un correo electrónico')
      const stale = await app().inject({
        method: 'POST',
        url: '/ask',
        remoteAddress: '192.0.2.16',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ _form: 'forged', question: QUESTION, replyBy: 'desk' }),
      })
      expect(stale.statusCode).toBe(403)
      const huge = await ask(app, { question: 'y'.repeat(40_000), replyBy: 'desk' }, '192.0.2.17')
      expect(huge.statusCode).toBe(413)
      expect(await count(ctx)).toBe(before)
    })
  },
  { forms: { submissionsPerAddress: 1000 } },
)

describeEngines(
  'ask a librarian: one address’s budget',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('answers 429 with Retry-After once the address has sent forms.submissionsPerAddress', async () => {
      const { ctx } = env()
      for (let i = 0; i < 3; i++)
        expect(
          (await ask(app, { question: QUESTION, replyBy: 'desk' }, '198.51.100.7')).statusCode,
        ).toBe(303)
      const before = await count(ctx)
      const refused = await ask(app, { question: QUESTION, replyBy: 'desk' }, '198.51.100.7')
      expect(refused.statusCode).toBe(429)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(textOf(refused.payload)).toContain('Too many forms came from your network address')
      expect(await count(ctx)).toBe(before)
      // Another address is not held back.
      expect(
        (await ask(app, { question: QUESTION, replyBy: 'desk' }, '198.51.100.8')).statusCode,
      ).toBe(303)
    })
  },
  { forms: { submissionsPerAddress: 3 } },
)

describeEngines(
  'ask a librarian: the day’s cap',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('refuses with FORM_DAILY_LIMIT past forms.submissionsPerDay, whatever the address', async () => {
      const { ctx } = env()
      expect(
        (await ask(app, { question: QUESTION, replyBy: 'desk' }, '203.0.113.1')).statusCode,
      ).toBe(303)
      expect(
        (await ask(app, { question: QUESTION, replyBy: 'desk' }, '203.0.113.2')).statusCode,
      ).toBe(303)
      const before = await count(ctx)
      const refused = await ask(app, { question: QUESTION, replyBy: 'desk' }, '203.0.113.3', '/es')
      expect(refused.statusCode).toBe(429)
      expect(refused.payload).toContain('data-code="FORM_DAILY_LIMIT"')
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(textOf(refused.payload)).toContain('Inténtelo mañana')
      expect(await count(ctx)).toBe(before)
    })
  },
  { forms: { submissionsPerDay: 2, submissionsPerAddress: 1000 } },
)
