import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { beforeEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { issueDeviceToken } from '../../src/computers/computer-registry.service.js'
import { sendMessage } from '../../src/computers/sessions.service.js'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { cardHolder, computerGroup, PIN, rule } from '../computers/computer-fixtures.js'
import { call, useApp } from './http-harness.js'

describeEngines('http: the public computers device API', (env) => {
  const app = useApp(env)
  beforeEach(() => env().clock.set('2026-01-15T16:00:00.000Z'))

  it('signs in, reports status, locks, unlocks and logs off with the computer’s own credential', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'api-a', computers: 1 })
    await rule(ctx, 'api-a', '*', { session: 45 })
    const p = await cardHolder(ctx)
    const token = g.tokens[0] ?? ''
    const post = (url: string, payload?: unknown) =>
      call(app(), { method: 'POST', url: `/api/devices${url}`, token, payload })

    const signIn = await post('/session', { card: p.barcode, pin: PIN })
    expect(signIn.status).toBe(201)
    expect(signIn.body).toMatchObject({ minutesLeft: 45, guest: false, firstName: p.givenName })
    expect(signIn.raw).not.toContain(PIN)

    await sendMessage(ctx, SYSTEM_ACTOR, { computerId: g.devices[0]?.id ?? '' }, 'Closing soon')
    const status = await post('/status')
    expect(status.status).toBe(200)
    expect(status.body).toMatchObject({ state: 'in_session', messages: ['Closing soon'] })
    expect((await post('/status')).body).toMatchObject({ messages: [] })

    expect((await post('/lock', { code: '7391' })).status).toBe(200)
    const wrong = await post('/unlock', { code: '0000' })
    expect(wrong.status).toBe(422)
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(wrong.body).toMatchObject({ code: 'UNLOCK_CODE_WRONG' })
    expect((await post('/unlock', { code: '7391' })).status).toBe(204)

    const again = await post('/session', { card: p.barcode, pin: PIN })
    expect(again.body).toMatchObject({ code: 'COMPUTER_IN_USE' })
    expect((await post('/logoff')).status).toBe(204)
    expect((await post('/status')).body).toEqual({ state: 'idle', messages: [] })
  })

  it('puts someone on the waiting list from a busy computer, and holds the computer for them when it frees', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'api-q', computers: 1 })
    await rule(ctx, 'api-q', '*')
    const [first, second] = [await cardHolder(ctx), await cardHolder(ctx)]
    const token = g.tokens[0] ?? ''
    const post = (url: string, payload?: unknown) =>
      call(app(), { method: 'POST', url: `/api/devices${url}`, token, payload })
    expect((await post('/session', { card: first.barcode, pin: PIN })).status).toBe(201)

    const wrong = await post('/queue', { card: second.barcode, pin: '0000' })
    expect(wrong.status).toBe(422)
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(await ctx.db.selectFrom('computer_queue').select('id').execute()).toEqual([])

    const joined = await post('/queue', { card: second.barcode, pin: PIN })
    expect(joined.status).toBe(201)
    expect(joined.body).toEqual({ ticket: 1 })
    expect(joined.raw).not.toContain(second.barcode)
    const twice = await post('/queue', { card: second.barcode, pin: PIN })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ code: 'ALREADY_IN_QUEUE' })

    expect((await post('/logoff')).status).toBe(204)
    expect((await post('/status')).body).toMatchObject({
      state: 'reserved',
      reservedFor: { ticket: 1 },
    })
    const other = await post('/session', { card: first.barcode, pin: PIN })
    expect(other.body).toMatchObject({ code: 'RESERVED_FOR_OTHER' })
    expect((await post('/session', { card: second.barcode, pin: PIN })).status).toBe(201)
    expect(await ctx.db.selectFrom('computer_queue').select('id').execute()).toEqual([])
  })

  it('refuses the waiting list to a category the group is not for', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'api-k', computers: 1 })
    await rule(ctx, 'api-k', '*', { allowed: false })
    const p = await cardHolder(ctx)
    const refused = await call(app(), {
      method: 'POST',
      url: '/api/devices/queue',
      token: g.tokens[0] ?? '',
      payload: { card: p.barcode, pin: PIN },
    })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ code: 'NOT_ALLOWED' })
    expect(await ctx.db.selectFrom('computer_queue').select('id').execute()).toEqual([])
  })

  it('refuses a missing, unknown or replaced credential, and a body that is neither card nor pass', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'api-b', computers: 1 })
    const old = g.tokens[0] ?? ''
    const none = await call(app(), { method: 'POST', url: '/api/devices/status', payload: {} })
    expect(none.status).toBe(401)
    expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED' })
    await issueDeviceToken(ctx, SYSTEM_ACTOR, g.devices[0]?.id ?? '')
    const replaced = await call(app(), {
      method: 'POST',
      url: '/api/devices/status',
      token: old,
      payload: {},
    })
    expect(replaced.status).toBe(401)
    const { token } = await issueDeviceToken(ctx, SYSTEM_ACTOR, g.devices[0]?.id ?? '')
    const bad = await call(app(), {
      method: 'POST',
      url: '/api/devices/session',
      token,
      payload: { card: '123', pin: '1234', guestPass: 'x' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('streams the status as server-sent events, again when it changes', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'api-c', computers: 1 })
    await rule(ctx, 'api-c', '*')
    const p = await cardHolder(ctx)
    const token = g.tokens[0] ?? ''
    await app().listen({ port: 0, host: '127.0.0.1' })
    const { port } = app().server.address() as AddressInfo
    const events: { state: string }[] = []
    let waiters: (() => void)[] = []
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/api/devices/events',
        headers: { authorization: `Bearer ${token}` },
      })
      req.on('response', resolve).on('error', reject).end()
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    let buffer = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        expect(block.split('\n')[0]).toBe('event: status')
        events.push(JSON.parse(block.split('\n')[1]?.replace(/^data: /, '') ?? '') as never)
        for (const w of waiters) w()
        waiters = []
      }
    })
    const until = async (n: number) => {
      while (events.length < n) await new Promise<void>((r) => waiters.push(r))
    }
    await until(1)
    expect(events[0]).toEqual({ state: 'idle', messages: [] })
    const signIn = await call(app(), {
      method: 'POST',
      url: '/api/devices/session',
      token,
      payload: { card: p.barcode, pin: PIN },
    })
    expect(signIn.status).toBe(201)
    await until(2)
    expect(events[1]).toMatchObject({ state: 'in_session', minutesLeft: 60 })
    res.destroy()
  })

  it('ends the open event streams when the server closes, so stopping Carrel never waits on kiosks', async () => {
    const { ctx } = env()
    const g = await computerGroup(ctx, { code: 'api-s', computers: 1 })
    const own = await buildHttpApp(ctx)
    await own.listen({ port: 0, host: '127.0.0.1' })
    const { port } = own.server.address() as AddressInfo
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/api/devices/events',
        headers: { authorization: `Bearer ${g.tokens[0] ?? ''}` },
      })
      req.on('response', resolve).on('error', reject).end()
    })
    expect(res.statusCode).toBe(200)
    const ended = new Promise<'ended'>((resolve) => res.on('end', () => resolve('ended')))
    res.resume()
    const closing = own.close().then(() => 'closed' as const)
    const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000).unref())
    expect(await Promise.race([Promise.all([closing, ended]).then(() => 'both'), late])).toBe(
      'both',
    )
  })
})
