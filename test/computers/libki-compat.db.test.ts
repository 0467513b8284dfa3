import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import {
  saveComputer,
  saveGroup,
  saveRule,
  setInService,
} from '../../src/computers/computer-registry.service.js'
import { createGuestPasses } from '../../src/computers/guest-passes.service.js'
import { endSessionByStaff, sendMessage } from '../../src/computers/sessions.service.js'
import { LibkiEndpoint } from '../../src/computers/libki.js'
import { buildHttpApp } from '../../src/http/app.js'
import { saveBranchDetails } from '../../src/library/branch-details.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

const TOKEN = 'a-shared-libki-token-for-the-tests-0123'
const PIN = '739158'
const LAN = '192.168.10.21'
const LIBKI = { computers: { libki: { enabled: true, token: TOKEN } } }

interface Answer {
  status: number
  body: Record<string, unknown>
}

/** One request as Libki's client sends it: GET, every parameter in the query string. */
async function libki(
  app: FastifyInstance,
  node: string,
  params: Record<string, string>,
  options: { address?: string; token?: string | null } = {},
): Promise<Answer> {
  const token = options.token === undefined ? TOKEN : options.token
  const res = await app.inject({
    method: 'GET',
    url: '/api/client/v1_0',
    remoteAddress: options.address ?? LAN,
    headers: token === null ? {} : { 'x-carrel-libki-token': token },
    query: {
      node,
      location: 'main',
      type: '',
      ipaddress: LAN,
      macaddress: '52:54:00:12:34:56',
      hostname: node.toLowerCase(),
      version: '2.3.0',
      ...params,
    },
  })
  return { status: res.statusCode, body: JSON.parse(res.payload) as Record<string, unknown> }
}

const register = (app: FastifyInstance, node: string) =>
  libki(app, node, { action: 'register_node', node_name: node, age_limit: '' })
const login = (app: FastifyInstance, node: string, username: string, password: string) =>
  libki(app, node, { action: 'login', username, password, createGuest: '0' })
const poll = (app: FastifyInstance, node: string, username: string, password: string) =>
  libki(app, node, { action: 'get_user_data', username, password })
const logout = (app: FastifyInstance, node: string, username: string, password: string) =>
  libki(app, node, { action: 'logout', username, password })

describeEngines(
  'computers: the Libki client endpoint',
  (env) => {
    let ctx: AppContext
    let app: FastifyInstance
    let admin: Actor
    let groupId: string
    let pc1: string
    let barcode: string
    const lines: string[] = []
    const sessions = async () =>
      (await ctx.db.selectFrom('computer_sessions').select('computer_id').execute()).map(
        (r) => r.computer_id,
      )

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'))
          done()
        },
      })
      // Every line the server writes, at its most talkative, to look for the PIN afterwards.
      ctx = {
        ...env().ctx,
        logger: pino({ level: 'trace', timestamp: false, base: undefined }, sink),
      }
      admin = await staffActor(ctx, 'admin')
      // Open all day, so guest passes (good until closing) can be printed at any hour of the test.
      await saveBranchDetails(ctx, SYSTEM_ACTOR, 'main', {
        address: '1 Main Street',
        phone: '708-555-0100',
        hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
          weekday,
          opens: '00:00',
          closes: '23:59',
        })),
      })
      groupId = await saveGroup(ctx, admin, { branch: 'main', code: 'adult', name: 'Adult' })
      pc1 = await saveComputer(ctx, admin, { groupId, name: 'PC-01' })
      await saveComputer(ctx, admin, { groupId, name: 'PC-02' })
      await saveRule(ctx, admin, {
        groupCode: 'adult',
        category: '*',
        allowed: true,
        dailyMinutes: 45,
        sessionMinutes: 30,
        extensionMinutes: 0,
      })
      await saveRule(ctx, admin, {
        groupCode: 'adult',
        category: 'guest',
        allowed: true,
        dailyMinutes: 60,
        sessionMinutes: 60,
        extensionMinutes: 0,
      })
      const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: PIN } })
      barcode = view.cards[0]?.barcode ?? ''
      app = await buildHttpApp(ctx, { logger: true })
    })
    afterAll(async () => {
      await app.close()
    })

    it('runs a whole day the way the client does: register every poll, login, polls, logout, time used up', async () => {
      const clock = env().clock
      expect((await register(app, 'PC-01')).body).toEqual({
        registered: 1,
        status: 'online',
        ClientBehavior: 'FCFS',
        ReservationShowUsername: 1,
        EnableClientSessionLocking: 0,
        EnableClientPasswordlessMode: 0,
        EnableGuestSelfRegistration: 0,
        ClientTimeWarningThreshold: 5,
      })
      expect(await login(app, 'PC-01', barcode, PIN)).toEqual({
        status: 200,
        body: { authenticated: 1, units: 30 },
      })
      expect(await sessions()).toEqual([pc1])

      // The same card on the next computer is refused while the first session runs.
      expect((await login(app, 'PC-02', barcode, PIN)).body).toEqual({ error: 'ACCOUNT_IN_USE' })

      await register(app, 'PC-01')
      expect((await poll(app, 'PC-01', barcode, PIN)).body).toEqual({
        status: 'Logged in',
        units: 30,
        messages: [],
      })
      await sendMessage(ctx, admin, { computerId: pc1 }, 'The library closes in 15 minutes.')
      // A poll with another PIN is refused and takes nothing: the message waits for the patron.
      const wrong = await poll(app, 'PC-01', barcode, '915382')
      expect(wrong.status).toBe(401)
      expect(wrong.body.code).toBe('LIBKI_NOT_RECOGNISED')
      expect(wrong.body).not.toHaveProperty('units')
      clock.advance(10 * MINUTE)
      expect((await poll(app, 'PC-01', barcode, PIN)).body).toEqual({
        status: 'Logged in',
        units: 20,
        messages: ['The library closes in 15 minutes.'],
      })
      expect((await poll(app, 'PC-01', barcode, PIN)).body.messages).toEqual([])

      // Time runs out: the next poll tells the client, which logs itself off.
      clock.advance(20 * MINUTE)
      expect((await poll(app, 'PC-01', barcode, PIN)).body).toEqual({
        status: 'Logged out',
        units: 0,
        messages: [],
      })
      expect(await sessions()).toEqual([])

      // 15 of the day's 45 minutes are left; the patron logs out after 5 of them.
      expect((await login(app, 'PC-01', barcode, PIN)).body).toEqual({
        authenticated: 1,
        units: 15,
      })
      clock.advance(5 * MINUTE)
      expect((await logout(app, 'PC-01', barcode, PIN)).body).toEqual({ logged_out: 1 })
      expect(await sessions()).toEqual([])
      expect((await poll(app, 'PC-01', barcode, PIN)).body.status).toBe('Logged out')

      expect((await login(app, 'PC-01', barcode, PIN)).body).toEqual({
        authenticated: 1,
        units: 10,
      })
      clock.advance(10 * MINUTE)
      expect((await poll(app, 'PC-01', barcode, PIN)).body.status).toBe('Logged out')
      expect((await login(app, 'PC-01', barcode, PIN)).body).toEqual({ error: 'NO_TIME' })
      expect(await sessions()).toEqual([])
    })

    it('signs a guest in with the pass code as the username and no password', async () => {
      const [pass] = await createGuestPasses(ctx, admin, { branch: 'main', count: 1 })
      const code = pass?.code ?? ''
      expect((await login(app, 'PC-02', code, '')).body).toEqual({ authenticated: 1, units: 60 })
      expect((await poll(app, 'PC-02', code, '')).body).toMatchObject({ status: 'Logged in' })
      expect((await poll(app, 'PC-02', 'SOMEONE-ELSE', '')).status).toBe(401)
      expect((await logout(app, 'PC-02', code, '')).body).toEqual({ logged_out: 1 })
      expect(await sessions()).toEqual([])
    })

    it('tells the client it was kicked when staff end a session on a computer out of service', async () => {
      const other = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        card: { pin: PIN },
      })
      const card = other.cards[0]?.barcode ?? ''
      expect((await login(app, 'PC-02', card, PIN)).body).toEqual({ authenticated: 1, units: 30 })
      const pc2 = (
        await ctx.db
          .selectFrom('computers')
          .select('id')
          .where('name', '=', 'PC-02')
          .executeTakeFirstOrThrow()
      ).id
      await setInService(ctx, admin, pc2, false)
      expect((await register(app, 'PC-02')).body).toMatchObject({
        registered: 1,
        status: 'suspended',
      })
      await endSessionByStaff(ctx, admin, pc2)
      expect((await poll(app, 'PC-02', card, PIN)).body).toEqual({
        status: 'Kicked',
        units: 0,
        messages: [],
      })
      expect((await login(app, 'PC-02', card, PIN)).body).toEqual({ error: 'INVALID_CLIENT' })
      await setInService(ctx, admin, pc2, true)
    })

    it('recognises a session opened by another process once, with the full PIN check', async () => {
      const other = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        card: { pin: PIN },
      })
      const card = other.cards[0]?.barcode ?? ''
      const second = await buildHttpApp(ctx)
      try {
        expect((await login(app, 'PC-02', card, PIN)).body).toMatchObject({ authenticated: 1 })
        // The second process never saw the login: a wrong PIN is a wrong PIN there too, and it
        // counts towards the card's lockout like any other.
        expect((await poll(second, 'PC-02', card, '264817')).status).toBe(401)
        const failures = await ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('patron_id', '=', other.id)
          .where('action', '=', 'card.pin_failed')
          .execute()
        expect(failures).toHaveLength(1)
        expect((await poll(second, 'PC-02', card, PIN)).body).toMatchObject({
          status: 'Logged in',
        })
        // Someone else's card and PIN do not open this session either.
        expect((await poll(second, 'PC-02', barcode, PIN)).status).toBe(401)
        // A client restarted mid-session signs its patron in again: the session goes on.
        env().clock.advance(4 * MINUTE)
        expect((await login(second, 'PC-02', card, PIN)).body).toEqual({
          authenticated: 1,
          units: 26,
        })
        expect((await login(second, 'PC-02', barcode, PIN)).body).toEqual({
          error: 'CLIENT_IN_USE',
        })
        expect((await logout(second, 'PC-02', card, PIN)).body).toEqual({ logged_out: 1 })
      } finally {
        await second.close()
      }
    })

    it('keeps nothing of a PIN once the session is over: logout, staff ending it, time up', async () => {
      const other = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        card: { pin: PIN },
      })
      const card = other.cards[0]?.barcode ?? ''
      const endpoint = new LibkiEndpoint(ctx)
      const ask = (action: string, username = card, password = PIN) =>
        endpoint.handle({ action, node: 'PC-02', location: 'main', username, password }, {})
      const pc2 = (
        await ctx.db
          .selectFrom('computers')
          .select('id')
          .where('name', '=', 'PC-02')
          .executeTakeFirstOrThrow()
      ).id
      expect(await ask('login')).toMatchObject({ authenticated: 1 })
      expect(endpoint.identities.size).toBe(1)
      expect(await ask('logout')).toEqual({ logged_out: 1 })
      expect(endpoint.identities.size).toBe(0)

      expect(await ask('login')).toMatchObject({ authenticated: 1 })
      await endSessionByStaff(ctx, admin, pc2)
      expect(endpoint.identities.size).toBe(0)

      expect(await ask('login')).toEqual({ authenticated: 1, units: 30 })
      env().clock.advance(30 * MINUTE)
      expect(await ask('get_user_data')).toMatchObject({ status: 'Logged out' })
      expect(endpoint.identities.size).toBe(0)
      endpoint.close()
    })

    it('refuses: no token, a wrong token, an address outside allowFrom, an unknown node, bad input', async () => {
      const before = await sessions()
      const none = await register(app, 'PC-01').then(() =>
        libki(app, 'PC-01', { action: 'login', username: barcode, password: PIN }, { token: null }),
      )
      expect([none.status, none.body.code]).toEqual([401, 'LIBKI_TOKEN_INVALID'])
      const wrong = await libki(
        app,
        'PC-01',
        { action: 'login', username: barcode, password: PIN },
        { token: TOKEN.replace(/.$/, 'x') },
      )
      expect([wrong.status, wrong.body.code]).toEqual([401, 'LIBKI_TOKEN_INVALID'])
      for (const address of ['203.0.113.9', '::ffff:198.51.100.4', '2001:db8::5']) {
        const outside = await libki(
          app,
          'PC-01',
          { action: 'login', username: barcode, password: PIN },
          { address },
        )
        expect([outside.status, outside.body.code], address).toEqual([403, 'LIBKI_ADDRESS_REFUSED'])
      }
      // An IPv4 client on a dual-stack socket is still on the LAN.
      expect(
        (await libki(app, 'PC-01', { action: 'register_node' }, { address: `::ffff:${LAN}` }))
          .status,
      ).toBe(200)

      // Nodes are registered by staff in Carrel; a name it does not know is not added.
      expect((await register(app, 'ROGUE-PC')).body).toEqual({
        registered: 0,
        error: 'INVALID_CLIENT',
      })
      expect((await login(app, 'ROGUE-PC', barcode, PIN)).body).toEqual({ error: 'INVALID_CLIENT' })
      expect(
        await ctx.db.selectFrom('computers').select('id').where('name', '=', 'ROGUE-PC').execute(),
      ).toEqual([])
      expect((await login(app, 'PC-01', barcode, '481726')).body).toEqual({ error: 'BAD_LOGIN' })
      expect(
        (
          await libki(app, 'PC-01', {
            action: 'login',
            username: 'x',
            password: 'y',
            createGuest: '1',
          })
        ).body,
      ).toEqual({ error: 'GUEST_SELF_REG_NOT_ENABLED' })
      const unknown = await libki(app, 'PC-01', { action: 'print' })
      expect([unknown.status, unknown.body.code]).toEqual([400, 'INVALID_INPUT'])
      const long = await login(app, 'PC-01', barcode, '1'.repeat(65))
      expect([long.status, long.body.code]).toEqual([400, 'INVALID_INPUT'])
      expect(await sessions()).toEqual(before)
    })

    it('is in the OpenAPI document when switched on, with its own header instead of a bearer token', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/docs' })
      const doc = JSON.parse(res.payload) as {
        paths: Record<string, Record<string, { tags: string[]; security: unknown[] }>>
      }
      expect(doc.paths['/api/client/v1_0']?.get).toMatchObject({ tags: ['libki'], security: [] })
    })

    it('answers nothing when the library has not switched it on', async () => {
      const off = await buildHttpApp(
        {
          ...ctx,
          config: {
            ...ctx.config,
            computers: {
              ...ctx.config.computers,
              libki: { ...ctx.config.computers.libki, enabled: false },
            },
          },
        },
        { logger: true },
      )
      try {
        const res = await libki(off, 'PC-01', { action: 'login', username: barcode, password: PIN })
        expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND'])
        expect(await sessions()).toEqual([])
      } finally {
        await off.close()
      }
    })

    it('writes no card number, PIN or token to the log: request lines name the route', () => {
      const log = lines.join('')
      expect(log).toContain('"route":"/api/client/v1_0"')
      for (const secret of [PIN, '915382', '264817', barcode, TOKEN])
        expect(log).not.toContain(secret)
      expect(log).not.toContain('username=')
    })
  },
  LIBKI,
)
