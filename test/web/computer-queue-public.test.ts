// The computer waiting list on the public site: joining with card and PIN behind the public-form
// defences, a ticket's place after a redirect, leaving after a confirmation, the screen for the
// library's wall with ticket numbers and no names, no cookie and no script, in both languages.
import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { MINUTE } from '../../src/clock.js'
import { callNext, expireCalls } from '../../src/computers/queue.service.js'
import { describeEngines } from '../harness/engines.js'
import { computerFixtures } from '../computers/queue-fixtures.js'
import { englishLeftIn } from './english-left.js'
import {
  encodeForm,
  hiddenValue,
  textOf,
  WebClient,
  withoutStatisticsScript,
} from './web-client.js'
import { useWebApp } from './web-harness.js'

const MORNING = '2026-01-15T16:00:00.000Z'

/** Posts a form as a browser at `address` would: its token from the page first. */
async function post(
  app: () => FastifyInstance,
  page: string,
  action: string,
  fields: Record<string, string>,
  address: string,
) {
  const form = await app().inject({ method: 'GET', url: page, remoteAddress: address })
  return app().inject({
    method: 'POST',
    url: action,
    remoteAddress: address,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ _form: hiddenValue(form.payload, '_form'), ...fields }),
  })
}

describeEngines('computer waiting list: the public pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('joins with card and PIN, shows the ticket’s place after a redirect, and sets no cookie', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('main', 'adult-web', 'Adults')
    const pc = await f.computer(group, 'PC-12')
    await f.occupy(pc.id)
    const [a, b] = [await f.patron(), await f.patron()]

    const c = new WebClient(app)
    const page = await c.get('/computers/queue')
    expect(page.status).toBe(200)
    expect(page.setCookies).toEqual([])
    expect(withoutStatisticsScript(page.body)).not.toContain('<script')
    expect(page.body).toContain('name="website"')
    expect(textOf(page.body)).toContain('Main: Adults')
    expect((await c.get('/')).body).toContain('href="/computers/queue"')

    const joined = await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: a.barcode, pin: '4826' },
      '192.0.2.40',
    )
    expect(joined.statusCode).toBe(303)
    expect(joined.headers.location).toBe('/computers/queue/place?branch=main&ticket=1')
    expect(joined.headers['set-cookie']).toBeUndefined()
    await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: b.barcode, pin: '4826' },
      '192.0.2.40',
    )

    const place = await c.get('/computers/queue/place?branch=main&ticket=2')
    expect(textOf(place.body)).toContain('You are number 2 in line for the computers “Adults”')
    expect(place.body).not.toContain('http-equiv="refresh"')
    expect(place.body).toContain('href="/computers/queue/place?branch=main&amp;ticket=2"')
    expect(place.body).not.toContain(b.barcode)

    await f.free(pc.id)
    await callNext(ctx, pc.id)
    const called = await c.get('/computers/queue/place?branch=main&ticket=1')
    expect(textOf(called.body)).toContain('go to computer PC-12 and sign in by 10:10')
    const es = await c.get('/es/computers/queue/place?branch=main&ticket=2')
    expect(textOf(es.body)).toContain('Usted es el siguiente para las computadoras «Adults»')
    expect(englishLeftIn(es.body)).toEqual([])

    clock.advance(10 * MINUTE)
    await expireCalls(ctx)
    const gone = await c.get('/computers/queue/place?branch=main&ticket=1')
    expect(textOf(gone.body)).toContain('Ticket 1 is not in today’s waiting list')
    expect(textOf(gone.body)).not.toContain('Check again')
  })

  it('refuses a wrong PIN, a second place and an expired form with a page, writing nothing', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('east', 'adult-web2', 'Adults East')
    await f.occupy((await f.computer(group)).id)
    const a = await f.patron()
    const count = async () =>
      (
        await ctx.db
          .selectFrom('computer_queue')
          .select('id')
          .where('branch', '=', 'east')
          .execute()
      ).length

    const wrong = await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: a.barcode, pin: '0000' },
      '192.0.2.41',
    )
    expect(wrong.statusCode).toBe(422)
    expect(wrong.payload).toContain('data-code="INVALID_CREDENTIALS"')
    expect(textOf(wrong.payload)).toContain('The card number or PIN is not right.')
    expect(wrong.payload).not.toContain('0000')
    expect(await count()).toBe(0)

    await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: a.barcode, pin: '4826' },
      '192.0.2.41',
    )
    const again = await post(
      app,
      '/es/computers/queue',
      '/es/computers/queue',
      { groupId: group.id, barcode: a.barcode, pin: '4826' },
      '192.0.2.41',
    )
    expect(again.payload).toContain('data-code="ALREADY_IN_QUEUE"')
    expect(textOf(again.payload)).toContain('Esta tarjeta ya tiene un lugar')
    expect(await count()).toBe(1)

    const stale = await app().inject({
      method: 'POST',
      url: '/computers/queue',
      remoteAddress: '192.0.2.41',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ _form: '1.abc', groupId: group.id, barcode: a.barcode, pin: '4826' }),
    })
    expect(stale.statusCode).toBe(403)
    expect(stale.payload).toContain('data-code="FORM_EXPIRED"')
  })

  it('leaves only from the confirmation page, with card and PIN', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('west', 'adult-web3', 'Adults West')
    await f.occupy((await f.computer(group)).id)
    const a = await f.patron()
    await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: a.barcode, pin: '4826' },
      '192.0.2.42',
    )
    const confirm = await app().inject({ method: 'GET', url: '/computers/queue/leave' })
    expect(textOf(confirm.payload)).toContain('cannot be undone')
    const left = await post(
      app,
      '/computers/queue/leave',
      '/computers/queue/leave',
      { branch: 'west', barcode: a.barcode, pin: '4826' },
      '192.0.2.42',
    )
    expect(left.statusCode).toBe(303)
    expect(left.headers.location).toBe('/computers/queue/left')
    expect(
      await ctx.db
        .selectFrom('computer_queue')
        .select('id')
        .where('patron_id', '=', a.id)
        .execute(),
    ).toEqual([])
    const none = await post(
      app,
      '/computers/queue/leave',
      '/computers/queue/leave',
      { branch: 'west', barcode: a.barcode, pin: '4826' },
      '192.0.2.42',
    )
    expect(none.payload).toContain('data-code="NOT_IN_QUEUE"')
  })

  it('shows the wall screen with ticket numbers and counts, no names, reloading itself on the wall', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    await f.branch('north')
    const group = await f.group('north', 'kids-web', 'Children')
    const pc = await f.computer(group, 'KID-1')
    const a = await f.patron({ givenName: 'Wilhelmina' })
    await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: a.barcode, pin: '4826' },
      '192.0.2.43',
    )
    await f.occupy((await f.computer(group, 'KID-2')).id)
    const b = await f.patron()
    await post(
      app,
      '/computers/queue',
      '/computers/queue',
      { groupId: group.id, barcode: b.barcode, pin: '4826' },
      '192.0.2.43',
    )
    const still = await app().inject({ method: 'GET', url: '/computers/queue/display/north' })
    expect(still.payload).not.toContain('http-equiv="refresh"')
    const screen = await app().inject({
      method: 'GET',
      url: '/computers/queue/display/north?screen=1',
    })
    expect(screen.statusCode).toBe(200)
    expect(screen.headers['set-cookie']).toBeUndefined()
    expect(screen.payload).toContain('<meta http-equiv="refresh" content="15"/>')
    const text = textOf(screen.payload)
    expect(text).toMatch(/Called now Ticket Go to computer Sign in by 1 KID-1 10:10/)
    expect(text).toMatch(/Children 1/)
    expect(text).not.toContain('Wilhelmina')
    expect(text).not.toContain(a.barcode)
    expect(pc.name).toBe('KID-1')
    const es = await app().inject({ method: 'GET', url: '/es/computers/queue/display/north' })
    expect(textOf(es.payload)).toContain('Llamados ahora')
    expect(englishLeftIn(es.payload)).toEqual([])
    const unknown = await app().inject({ method: 'GET', url: '/computers/queue/display/nowhere' })
    expect(unknown.statusCode).toBe(404)
  })
})
