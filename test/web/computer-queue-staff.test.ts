// The desk's waiting list and guest passes: only `computers.desk` roles reach them; the list shows
// position, ticket and an initial, never a card number or a name; taking a place off and making
// passes each ask first; the printed sheet carries each code as text and as an inline barcode.
import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { computerFixtures } from '../computers/queue-fixtures.js'
import { joinQueue } from '../../src/computers/queue-join.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

const MORNING = '2026-01-15T16:00:00.000Z'

describeEngines('computer waiting list and guest passes: the staff pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('is refused to a role without computers.desk, and missing from its menu', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const { answer } = await signInStaff(c, ctx, 'privacy_officer')
    const desk = await c.follow(answer)
    expect(desk.body).not.toContain('href="/staff/computers/queue"')
    for (const path of ['/staff/computers/queue', '/staff/computers/guest-passes']) {
      const page = await c.get(path)
      expect({ path, status: page.status }).toEqual({ path, status: 403 })
    }
  })

  it('lists places by ticket and initial only, adds at the desk and takes a place off after confirming', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('main', 'desk-web', 'Desk adults')
    const pc = await f.computer(group, 'PC-31')
    await f.occupy(pc.id)
    const a = await f.patron({ givenName: 'Quintessa', familyName: 'Marchbanks' })
    await joinQueue(ctx, { groupId: group.id, barcode: a.barcode, pin: '4826' })

    const c = new WebClient(app)
    const { answer } = await signInStaff(c, ctx, 'circulation')
    expect((await c.follow(answer)).body).toContain('href="/staff/computers/queue"')
    const list = await c.get('/staff/computers/queue')
    expect(list.status).toBe(200)
    const text = textOf(list.body)
    expect(text).toMatch(/Desk adults 1 1 Q Waiting/)
    expect(list.body).not.toContain(a.barcode)
    expect(text).not.toContain('Quintessa')
    expect(text).not.toContain('Marchbanks')

    const anon = await c.submit('/staff/computers/queue', '/staff/computers/queue/add', {
      branch: 'main',
      groupId: group.id,
    })
    expect(textOf(anon.body)).toContain('Ticket 2 is on the list.')
    expect(textOf(anon.body)).toMatch(/Desk adults 2 2 Anonymous Waiting/)
    const other = await f.patron({ givenName: 'Élodie' })
    const scanned = await c.submit('/staff/computers/queue', '/staff/computers/queue/add', {
      branch: 'main',
      groupId: group.id,
      barcode: other.barcode,
    })
    expect(textOf(scanned.body)).toMatch(/Desk adults 3 3 É Waiting/)

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patron_id'])
      .where('action', 'like', 'computer_queue.%')
      .execute()
    expect(audit.length).toBeGreaterThan(0)
    expect(audit.every((e) => e.patron_id === null)).toBe(true)

    const entry = await ctx.db
      .selectFrom('computer_queue')
      .select('id')
      .where('patron_id', '=', a.id)
      .executeTakeFirstOrThrow()
    const confirm = await c.get(`/staff/computers/queue/${entry.id}/remove?branch=main`)
    expect(textOf(confirm.body)).toContain('Take ticket 1 off the list?')
    // Nothing is taken off by looking at the confirmation page.
    expect(
      await ctx.db.selectFrom('computer_queue').select('id').where('id', '=', entry.id).execute(),
    ).toHaveLength(1)
    const removed = await c.follow(
      await c.post(`/staff/computers/queue/${entry.id}/remove`, {
        _csrf: hiddenValue(confirm.body, '_csrf'),
        branch: 'main',
      }),
    )
    expect(textOf(removed.body)).toContain('The place is taken off the list.')
    expect(
      await ctx.db.selectFrom('computer_queue').select('id').where('id', '=', entry.id).execute(),
    ).toEqual([])

    await f.free(pc.id)
    const called = await c.submit('/staff/computers/queue', '/staff/computers/queue/call', {
      branch: 'main',
      computerId: pc.id,
    })
    expect(textOf(called.body)).toContain('The next person is called')
    expect(textOf(called.body)).toContain('Called to PC-31 until 10:10')
  })

  it('makes guest passes only after confirming, and prints each code as text and barcode', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const form = await c.get('/staff/computers/guest-passes')
    expect(form.status).toBe(200)
    const csrf = hiddenValue(form.body, '_csrf')
    const confirm = await c.post('/staff/computers/guest-passes/confirm', {
      _csrf: csrf,
      branch: 'main',
      count: '3',
    })
    expect(confirm.status).toBe(200)
    expect(textOf(confirm.body)).toContain('Make 3 guest passes for Main?')
    expect(await ctx.db.selectFrom('guest_passes').select('id').execute()).toEqual([])

    const sheet = await c.post('/staff/computers/guest-passes', {
      _csrf: hiddenValue(confirm.body, '_csrf'),
      branch: 'main',
      count: '3',
    })
    expect(sheet.status).toBe(200)
    expect(sheet.headers['cache-control']).toBe('no-store')
    const codes = [...sheet.body.matchAll(/<p class="code">([A-Z0-9-]+)<\/p>/g)].map((m) => m[1])
    expect(codes).toHaveLength(3)
    expect(sheet.body.match(/<div class="barcode" aria-hidden="true"><svg /g)).toHaveLength(3)
    expect(sheet.body).not.toContain('<script src="/assets/barcode')
    expect(await ctx.db.selectFrom('guest_passes').select('id').execute()).toHaveLength(3)

    const tooMany = await c.follow(
      await c.post('/staff/computers/guest-passes/confirm', {
        _csrf: csrf,
        branch: 'main',
        count: '101',
      }),
    )
    expect(textOf(tooMany.body)).toContain('Give a number of passes from 1 to 100')
  })
})
