// The account's forms (ask a librarian, a change of address, purchase and interlibrary-loan
// requests) in English and Spanish with the account's CSRF token, and the staff queue: list by
// age, open (audited), assign, reply by email only after a confirmation page, close, apply an
// address; refused to roles without the right.
import { expect, it } from 'vitest'
import { deliverInquiryReplies } from '../../src/comms/inquiry-reply-worker.js'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import { maildropMessagesTo } from './newsletter-mail.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, signInStaff, useWebApp } from './web-harness.js'

const QUESTION = 'Could you find me the 1972 county soil survey?'

async function ownRows(ctx: AppContext, patronId: string) {
  return ctx.db
    .selectFrom('inquiries')
    .select(['id', 'kind', 'language', 'status'])
    .where('patron_id', '=', patronId)
    .orderBy('created_at')
    .execute()
}

describeEngines('inquiries: the account forms and the staff queue', (env) => {
  const app = useWebApp(() => env().ctx)

  it('lets a patron ask, send a new address and a request, in English and Spanish, each with the CSRF token', async () => {
    const { ctx } = env()
    const p = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, p.barcode)

    const page = await c.get('/account/ask')
    expect(page.status).toBe(200)
    expect(page.body).toContain('href="/account/ask"')
    // Without the token nothing is stored.
    const forged = await c.post('/account/ask', { question: QUESTION, replyBy: 'desk' })
    expect(forged.status).toBe(403)
    expect(await ownRows(ctx, p.id)).toEqual([])

    const asked = await c.submit('/account/ask', '/account/ask', {
      question: QUESTION,
      replyBy: 'email',
    })
    expect(textOf(asked.body)).toContain('Your question was sent.')
    expect(textOf(asked.body)).toContain(QUESTION)
    expect(textOf(asked.body)).toContain('Waiting for the library')

    const moved = await c.submit('/account/address?lang=es', '/account/address?lang=es', {
      line1: '12 Bittern Way',
      city: 'Thornton',
      postcode: '60476',
    })
    expect(textOf(moved.body)).toContain('Su nueva dirección fue enviada.')
    expect(englishLeftIn(moved.body)).toEqual([])
    expect((await ownRows(ctx, p.id)).map((r) => [r.kind, r.language])).toEqual([
      ['question', 'en'],
      ['address', 'es'],
    ])

    const requested = await c.submit('/account/requests?lang=es', '/account/requests?lang=es', {
      kind: 'interlibrary_loan',
      title: 'Soil Survey of Cook County',
    })
    expect(textOf(requested.body)).toContain('Su solicitud fue enviada.')
    expect(textOf(requested.body)).toContain('Soil Survey of Cook County')
    expect(textOf(requested.body)).toContain('Préstamo entre bibliotecas')
    expect(englishLeftIn(requested.body)).toEqual([])

    // A request too long is refused in the page's language and stores nothing more.
    const tooLong = await c.submit('/account/requests', '/account/requests', {
      kind: 'purchase',
      title: 't'.repeat(301),
    })
    expect(textOf(tooLong.body)).toContain('Something in the form was not filled in as expected')
    const requests = await ctx.db
      .selectFrom('patron_requests')
      .select('kind')
      .where('patron_id', '=', p.id)
      .execute()
    expect(requests).toEqual([{ kind: 'interlibrary_loan' }])

    // My data shows all of it, in Spanish without English left over.
    const held = await c.get('/account/my-data?lang=es')
    expect(textOf(held.body)).toContain('Preguntas y cambios de dirección')
    expect(textOf(held.body)).toContain(QUESTION)
    expect(textOf(held.body)).toContain('12 Bittern Way')
    expect(textOf(held.body)).toContain('Esperando a la biblioteca')
    expect(englishLeftIn(held.body)).toEqual([])
  })

  it('gives staff the queue by age, an audited opening, assignment, a reply sent only after confirming, and closing', async () => {
    const { ctx } = env()
    const p = await patronWithPin(ctx)
    const patron = new WebClient(app)
    await signInPatron(patron, p.barcode)
    await patron.submit('/account/ask?lang=es', '/account/ask?lang=es', {
      question: QUESTION,
      replyBy: 'email',
    })
    const [row] = await ownRows(ctx, p.id)
    const id = row?.id ?? ''

    // Desk staff see changes of address only; questions are refused.
    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    expect((await desk.get(`/staff/inquiries/${id}`)).status).toBe(403)
    const deskPage = await desk.get('/staff/inquiries')
    const refused = await desk.post(`/staff/inquiries/${id}/reply/check`, {
      _csrf: hiddenValue(deskPage.body, '_csrf'),
      body: 'No.',
    })
    expect(refused.status).toBe(403)
    expect(textOf((await desk.get('/staff/inquiries')).body)).toContain('Changes of address')

    const staff = new WebClient(app)
    const me = await signInStaff(staff, ctx, 'librarian')
    const list = await staff.get('/staff/inquiries')
    expect(list.status).toBe(200)
    expect(list.body).toContain(`/staff/inquiries/${id}`)
    expect(list.body).not.toContain('soil survey')
    const opened = await staff.get(`/staff/inquiries/${id}`)
    expect(textOf(opened.body)).toContain(QUESTION)
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', me.id)
      .where('action', '=', 'inquiry.read')
      .where('patron_id', '=', p.id)
      .execute()
    expect(reads).toHaveLength(1)

    const assigned = await staff.submit(`/staff/inquiries/${id}`, `/staff/inquiries/${id}/assign`, {
      staffId: me.id,
    })
    expect(textOf(assigned.body)).toContain('Assigned.')

    // The check page sends nothing.
    const form = await staff.get(`/staff/inquiries/${id}`)
    const check = await staff.post(`/staff/inquiries/${id}/reply/check`, {
      _csrf: hiddenValue(form.body, '_csrf'),
      body: 'Sí, lo tenemos en la sala de referencia.',
    })
    expect(check.status).toBe(200)
    expect(textOf(check.body)).toContain('This cannot be undone.')
    expect(await ctx.db.selectFrom('inquiry_replies').select('id').execute()).toEqual([])
    const sent = await staff.follow(
      await staff.post(`/staff/inquiries/${id}/reply`, {
        _csrf: hiddenValue(check.body, '_csrf'),
        body: hiddenValue(check.body, 'body'),
      }),
    )
    expect(textOf(sent.body)).toContain('The reply is on its way.')
    await deliverInquiryReplies(ctx)
    const mails = maildropMessagesTo(ctx.config.dataDir, '@example.org').filter((m) =>
      m.text.includes('sala de referencia'),
    )
    expect(mails).toHaveLength(1)
    expect(mails[0]?.headers.get('content-language')).toBe('es')

    const closed = await staff.submit(`/staff/inquiries/${id}`, `/staff/inquiries/${id}/close`, {})
    expect(textOf(closed.body)).toContain('Closed.')
    expect((await ownRows(ctx, p.id))[0]?.status).toBe('closed')

    // The patron sees the answer on their page, in their language.
    const mine = await patron.get('/account/ask?lang=es')
    expect(textOf(mine.body)).toContain('Sí, lo tenemos en la sala de referencia.')
    expect(textOf(mine.body)).toContain('Cerrada')
  })

  it('lets desk staff apply a change of address, and refuses the privacy officer', async () => {
    const { ctx } = env()
    const p = await patronWithPin(ctx)
    const patron = new WebClient(app)
    await signInPatron(patron, p.barcode)
    await patron.submit('/account/address', '/account/address', {
      line1: '4 Sandpiper Row',
      city: 'Thornton',
      postcode: '60476',
    })
    const [row] = await ownRows(ctx, p.id)
    const id = row?.id ?? ''
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    expect((await officer.get('/staff/inquiries')).status).toBe(403)

    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    const opened = await desk.get(`/staff/inquiries/${id}`)
    expect(textOf(opened.body)).toContain('4 Sandpiper Row')
    const applied = await desk.submit(`/staff/inquiries/${id}`, `/staff/inquiries/${id}/apply`, {})
    expect(textOf(applied.body)).toContain('The new address is on the registration')
    expect(await ownRows(ctx, p.id)).toEqual([])
    const record = await patron.get('/account/my-data')
    expect(textOf(record.body)).toContain('4 Sandpiper Row')
  })
})
