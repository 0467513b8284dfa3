// The staff side of public records: suggestions read, answered (after a look at the email) and
// closed by librarians; the records officer's tracker from intake to a denial letter that names
// the statute, and an export with private details redacted. Other roles are refused.
import { expect, it } from 'vitest'
import { submitSuggestion } from '../../src/records/suggestions.service.js'
import { describeEngines } from '../harness/engines.js'
import { maildropMessagesTo } from './newsletter-mail.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

describeEngines(
  'public records: staff pages',
  (env) => {
    const app = useWebApp(() => env().ctx)

    it('lets a librarian read a suggestion, answer it by email after a confirmation page, and close it', async () => {
      const { ctx } = env()
      const id = await submitSuggestion(ctx, {
        message: 'Please add a book drop.',
        name: 'Rosa Vega',
        email: 'rosa.vega@example.org',
        language: 'en',
      })
      const c = new WebClient(app)
      await signInStaff(c, ctx, 'librarian')
      const list = await c.get('/staff/suggestions')
      expect(list.body).toContain('Please add a book drop.')
      expect(list.body).not.toContain('rosa.vega@example.org')
      const page = await c.get(`/staff/suggestions/${id}`)
      expect(textOf(page.body)).toContain('rosa.vega@example.org')
      const csrf = hiddenValue(page.body, '_csrf')
      const confirm = await c.post(`/staff/suggestions/${id}/answer`, {
        _csrf: csrf,
        answer: 'It is on order.',
      })
      expect(confirm.status).toBe(200)
      expect(textOf(confirm.body)).toContain('Send this answer?')
      // Nothing has gone yet.
      expect(maildropMessagesTo(ctx.config.dataDir, 'rosa.vega@example.org')).toHaveLength(0)
      const sent = await c.post(`/staff/suggestions/${id}/answer/send`, {
        _csrf: hiddenValue(confirm.body, '_csrf'),
        answer: 'It is on order.',
      })
      expect(sent.status).toBe(303)
      expect(maildropMessagesTo(ctx.config.dataDir, 'rosa.vega@example.org')).toHaveLength(1)
      const closed = await c.post(`/staff/suggestions/${id}/close`, { _csrf: csrf })
      expect(closed.location).toBe('/staff/suggestions')
    })

    it('takes a mailed request at intake, exports its records redacted, and writes a denial letter citing the statutes', async () => {
      const { ctx, clock } = env()
      clock.set('2026-12-09T16:00:00.000Z')
      const suggestion = await submitSuggestion(ctx, {
        message: 'Longer hours, please. Reach me at 312-555-0199. Rosa',
        name: 'Rosa Vega',
        language: 'en',
      })
      const c = new WebClient(app)
      await signInStaff(c, ctx, 'privacy_officer')
      const form = await c.get('/staff/records-requests/new')
      const csrf = hiddenValue(form.body, '_csrf')
      const created = await c.post('/staff/records-requests', {
        _csrf: csrf,
        receivedOn: '2026-12-04',
        receivedVia: 'mail',
        description: 'Suggestions about hours, and the borrowing records of my neighbour',
        format: 'paper',
        language: 'en',
        address: '5 Pine St, Thornton IL',
      })
      expect(created.status).toBe(303)
      const href = created.location ?? ''
      const detail = await c.get(href)
      expect(textOf(detail.body)).toContain('Dec 11, 2026')
      await c.post(`${href}/suggestions`, { _csrf: csrf, suggestion })
      await c.post(`${href}/records`, {
        _csrf: csrf,
        description: 'Circulation records of one patron',
        withheldUnder: 'patron-records',
      })
      // One extension, told the requester today: the written notice names the new due day.
      await c.post(`${href}/extend`, {
        _csrf: csrf,
        reason: 'wide-search',
        notifiedOn: '2026-12-09',
      })
      const notice = textOf((await c.get(`${href}/extension-letter`)).body)
      expect(notice).toContain('Dec 18, 2026')
      expect(notice).toContain('5 ILCS 140/3(e)')
      expect(notice).toContain('extensive search')
      const csv = await c.get(`${href}/export.csv`)
      expect(csv.headers['content-type']).toContain('text/csv')
      expect(csv.body).toContain('Longer hours, please.')
      expect(csv.body).not.toContain('312-555-0199')
      expect(csv.body).not.toContain('Rosa')
      expect(csv.body).toContain('[redacted: 5 ILCS 140/7(1)(b)]')
      expect(csv.body).not.toContain('Circulation records of one patron')

      const ask = await c.get(`${href}/decide?status=partially_denied`)
      expect(textOf(ask.body)).toContain('can no longer be changed')
      await c.post(`${href}/decide`, {
        _csrf: csrf,
        status: 'partially_denied',
        basis: 'Part of the request asks for another patron’s borrowing records.',
      })
      const letter = await c.get(`${href}/letter`)
      expect(letter.status).toBe(200)
      const text = textOf(letter.body)
      expect(text).toContain('75 ILCS 70/1, through 5 ILCS 140/7.5(b)')
      expect(text).toContain('Public Access Counselor')
      expect(text).toContain('5 ILCS 140/9(a)')
      expect(text).toContain('Circulation records of one patron')
    })

    it('refuses the pages to roles without the right', async () => {
      const { ctx } = env()
      const desk = new WebClient(app)
      await signInStaff(desk, ctx, 'circulation')
      expect((await desk.get('/staff/suggestions')).status).toBe(403)
      expect((await desk.get('/staff/records-requests')).status).toBe(403)
      const librarian = new WebClient(app)
      await signInStaff(librarian, ctx, 'librarian')
      expect((await librarian.get('/staff/records-requests')).status).toBe(403)
      expect((await librarian.get('/staff/records-requests/new')).status).toBe(403)
    })
  },
  { library: { timezone: 'America/Chicago' } },
)
