// The desk's queue of purchase suggestions and interlibrary-loan requests: listed without
// content, opened as an audited reading, moved on through the statuses a kind allows, finished
// only after a confirmation page, and seen by the patron in their account.
import { expect, it } from 'vitest'
import { createRequest } from '../../src/circulation/requests.service.js'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, signInStaff, useWebApp } from './web-harness.js'

const TITLE = 'The Prairie Wetlands of Will County'

async function status(ctx: AppContext, id: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('patron_requests')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.status
}

async function readings(ctx: AppContext, patronId: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select('chain_seq')
    .where('action', '=', 'request.read')
    .where('patron_id', '=', patronId)
    .execute()
  return rows.length
}

describeEngines('staff: purchase and interlibrary-loan requests', (env) => {
  const app = useWebApp(() => env().ctx)

  it('lists without content, opens with an audit entry, moves on, and finishes only when confirmed', async () => {
    const { ctx } = env()
    const p = await patronWithPin(ctx)
    const made = await createRequest(
      ctx,
      { type: 'patron', id: p.id },
      { patronId: p.id, kind: 'purchase', title: TITLE, author: 'R. Okafor', note: 'For my class' },
    )
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')

    const list = await c.get('/staff/requests')
    expect(list.status).toBe(200)
    expect(list.body).toContain(`href="/staff/requests/${made.id}"`)
    expect(textOf(list.body)).toContain('Purchase suggestion')
    expect(list.body).not.toContain('Prairie Wetlands')
    expect(list.body).not.toContain(p.familyName)
    expect(await readings(ctx, p.id)).toBe(0)

    const opened = await c.get(`/staff/requests/${made.id}`)
    expect(opened.status).toBe(200)
    const text = textOf(opened.body)
    expect(text).toContain(TITLE)
    expect(text).toContain('R. Okafor')
    expect(text).toContain('For my class')
    expect(text).toContain(`${p.givenName} ${p.familyName}`)
    expect(await readings(ctx, p.id)).toBe(1)
    // A purchase is ordered, never asked of another library.
    expect(text).toContain('Mark ordered')
    expect(text).not.toContain('Mark asked of another library')

    const csrf = hiddenValue(opened.body, '_csrf')
    const ordered = await c.follow(
      await c.post(`/staff/requests/${made.id}/status`, { _csrf: csrf, status: 'ordered' }),
    )
    expect(textOf(ordered.body)).toContain('Now: ordered.')
    expect(await status(ctx, made.id)).toBe('ordered')

    // A move the statuses do not allow is refused with the service's words.
    const skipped = await c.follow(
      await c.post(`/staff/requests/${made.id}/status`, { _csrf: csrf, status: 'submitted' }),
    )
    expect(textOf(skipped.body)).toContain('A ordered request cannot become submitted.')
    expect(await status(ctx, made.id)).toBe('ordered')

    // Finishing for good asks first, and changes nothing until confirmed.
    const asked = await c.post(`/staff/requests/${made.id}/status`, {
      _csrf: csrf,
      status: 'cancelled',
    })
    expect(asked.status).toBe(200)
    expect(textOf(asked.body)).toContain('This cannot be undone.')
    expect(await status(ctx, made.id)).toBe('ordered')
    await c.follow(
      await c.post(`/staff/requests/${made.id}/status`, {
        _csrf: hiddenValue(asked.body, '_csrf'),
        status: 'cancelled',
        confirm: 'yes',
      }),
    )
    expect(await status(ctx, made.id)).toBe('cancelled')
    expect((await c.get('/staff/requests')).body).not.toContain(made.id)
    expect((await c.get('/staff/requests?show=done')).body).toContain(made.id)
    expect(textOf((await c.get(`/staff/requests/${made.id}`)).body)).toContain(
      'This request is finished',
    )

    // The patron sees where it stands.
    const patron = new WebClient(app)
    await signInPatron(patron, p.barcode)
    expect(textOf((await patron.get('/account/requests')).body)).toContain(TITLE)
  })

  it('refuses a bad status, a post without the form token, and roles without requests.manage', async () => {
    const { ctx } = env()
    const p = await patronWithPin(ctx)
    const made = await createRequest(
      ctx,
      { type: 'patron', id: p.id },
      { patronId: p.id, kind: 'interlibrary_loan', title: TITLE },
    )
    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'librarian')
    const page = await desk.get(`/staff/requests/${made.id}`)
    expect(textOf(page.body)).toContain('Mark asked of another library')
    expect(textOf(page.body)).not.toContain('Mark ordered')
    const csrf = hiddenValue(page.body, '_csrf')
    expect(
      (await desk.post(`/staff/requests/${made.id}/status`, { _csrf: csrf, status: 'lost' }))
        .status,
    ).toBe(400)
    expect(
      (await desk.post(`/staff/requests/${made.id}/status`, { status: 'requested' })).status,
    ).toBe(403)
    expect((await desk.get('/staff/requests/nope')).status).toBe(404)
    expect(await status(ctx, made.id)).toBe('submitted')

    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    expect((await officer.get('/staff/requests')).status).toBe(403)
    expect((await officer.get(`/staff/requests/${made.id}`)).status).toBe(403)
    expect(await readings(ctx, p.id)).toBe(1)
  })
})
