// The suggestion and records-request forms (P11, REQ-2.3, REQ-6.3) and, through them, the public
// forms' shared defences: the form token, the honeypot, the per-address budget, the daily cap and
// the body limit. No answer sets a cookie, and nothing refused is stored.
import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

async function count(ctx: AppContext, table: 'suggestions' | 'records_requests'): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function send(c: WebClient, path: string, fields: Record<string, string>, prefix = '') {
  const form = await c.get(`${prefix}${path}`)
  expect(form.status).toBe(200)
  return c.post(`${prefix}${path}`, { _form: hiddenValue(form.body, '_form'), ...fields })
}

describeEngines(
  'public-record forms',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('says before the suggestion form that it may be a public record, stores a suggestion and thanks the sender, in both languages', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const page = await c.get('/suggestions')
      expect(page.setCookies).toEqual([])
      const text = textOf(page.body)
      expect(text).toContain('What you send may become a public record')
      expect(text.indexOf('public record')).toBeLessThan(text.indexOf('Your suggestion or comment'))
      expect(page.body).toContain('href="/ask"')
      const before = await count(ctx, 'suggestions')
      const sent = await send(c, '/suggestions', {
        message: 'More chess sets, please.',
        email: 'p@example.org',
      })
      expect(sent.status).toBe(303)
      expect(sent.location).toBe('/suggestions/thanks')
      expect(sent.setCookies).toEqual([])
      expect(await count(ctx, 'suggestions')).toBe(before + 1)
      const thanks = await c.follow(sent)
      expect(textOf(thanks.body)).toContain('Your suggestion has reached the library.')

      const es = await c.get('/es/suggestions')
      expect(textOf(es.body)).toContain('Lo que envíe puede llegar a ser un registro público')
      expect(es.body).toContain('href="/es/ask"')
      const sentEs = await send(c, '/suggestions', { message: 'Más libros en español.' }, '/es')
      expect(sentEs.location).toBe('/es/suggestions/thanks')
      const row = await ctx.db
        .selectFrom('suggestions')
        .select('language')
        .where('message', '=', 'Más libros en español.')
        .executeTakeFirstOrThrow()
      expect(row.language).toBe('es')
    })

    it('takes a records request, tells the requester the due day, and says patron records are not released here', async () => {
      const { ctx, clock } = env()
      clock.set('2026-12-07T16:00:00.000Z') // a Monday
      const c = new WebClient(app)
      const page = await c.get('/records-requests')
      const text = textOf(page.body)
      expect(text).toContain('75 ILCS 70/1')
      expect(text).toContain('5 ILCS 140/7.5(b)')
      expect(text).toContain('five business days')
      expect(page.body).toContain('href="/transparency"')
      const sent = await send(c, '/records-requests', {
        description: 'Board minutes for 2025',
        format: 'paper',
        address: '1 Main St, Thornton IL 60476',
      })
      expect(sent.location).toBe('/records-requests/thanks?due=2026-12-14')
      const thanks = await c.follow(sent)
      expect(textOf(thanks.body)).toContain('Dec 14, 2026')
      // No contact for the response: refused with the field named, in Spanish on the Spanish page.
      const before = await count(ctx, 'records_requests')
      const refused = await send(
        c,
        '/records-requests',
        { description: 'Minutes', format: 'paper' },
        '/es',
      )
      expect(refused.status).toBe(400)
      expect(textOf(refused.body)).toContain('Dé un correo electrónico o una dirección postal')
      expect(await count(ctx, 'records_requests')).toBe(before)
      // The footer's "Requests for records" leads to the form.
      expect((await c.get('/')).body).toContain('href="/records-requests"')
    })

    it('refuses a post without the form token (403, FORM_EXPIRED wording), answers a filled honeypot like success and stores nothing', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const before = await count(ctx, 'suggestions')
      const forged = await c.post('/suggestions', { message: 'Spam' })
      expect(forged.status).toBe(403)
      expect(textOf(forged.body)).toContain('This form was open too long')
      expect(forged.setCookies).toEqual([])
      const stale = await c.post('/suggestions', { _form: 'v1.0.bad', message: 'Spam' })
      expect(stale.status).toBe(403)
      const trapped = await send(c, '/suggestions', {
        message: 'Cheap pills',
        website: 'http://spam.example',
      })
      expect(trapped.status).toBe(303)
      expect(trapped.location).toBe('/suggestions/thanks')
      expect(trapped.setCookies).toEqual([])
      expect(await count(ctx, 'suggestions')).toBe(before)
    })

    it('refuses a body over the limit with a 4xx page and stores nothing', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      const before = await count(ctx, 'suggestions')
      const huge = await send(c, '/suggestions', { message: 'x'.repeat(40 * 1024) })
      expect(huge.status).toBe(413)
      expect(huge.setCookies).toEqual([])
      const long = await send(c, '/suggestions', { message: 'x'.repeat(5000) })
      expect(long.status).toBe(400)
      expect(long.body).toContain('aria-invalid="true"')
      expect(await count(ctx, 'suggestions')).toBe(before)
    })
  },
  { library: { timezone: 'America/Chicago' } },
)

describeEngines(
  'public-record forms under a flood',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('stops one network address after forms.submissionsPerAddress (429, Retry-After)', async () => {
      const { ctx } = env()
      const c = new WebClient(app)
      for (let i = 0; i < 3; i++)
        expect((await send(c, '/suggestions', { message: `Idea ${i}` })).status).toBe(303)
      const before = await count(ctx, 'suggestions')
      const stopped = await send(c, '/records-requests', {
        description: 'Minutes',
        format: 'electronic',
        email: 'r@example.org',
      })
      expect(stopped.status).toBe(429)
      expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0)
      expect(textOf(stopped.body)).toContain('Too many forms came from your network address')
      expect(stopped.setCookies).toEqual([])
      expect(await count(ctx, 'suggestions')).toBe(before)
    })
  },
  { forms: { submissionsPerAddress: 3 } },
)

describeEngines(
  'public-record forms at the daily cap',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('refuses past forms.submissionsPerDay with FORM_DAILY_LIMIT wording, whatever the address', async () => {
      const { ctx } = env()
      for (let i = 0; i < 2; i++) {
        const c = new WebClient(app, { 'x-forwarded-for': `198.51.100.${i + 1}` })
        expect((await send(c, '/suggestions', { message: `Idea ${i}` })).status).toBe(303)
      }
      const c = new WebClient(app, { 'x-forwarded-for': '203.0.113.9' })
      const refused = await send(c, '/suggestions', { message: 'One more' }, '/es')
      expect(refused.status).toBe(429)
      expect(textOf(refused.body)).toContain('Este formulario')
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(refused.setCookies).toEqual([])
      expect(await count(ctx, 'suggestions')).toBe(2)
      // The other form keeps its own count.
      const other = await send(c, '/records-requests', {
        description: 'Budget',
        format: 'paper',
        address: '9 Elm St, Thornton',
      })
      expect(other.status).toBe(303)
    })
  },
  { forms: { submissionsPerDay: 2 }, http: { trustProxy: true, proxyHops: 1 } },
)
