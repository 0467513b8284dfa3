// Libki's kiosk client, driven the way it drives a Libki server (its request sequence and
// parameters, from networkclient.cpp): register_node every 10 s, login, get_user_data polls that
// repeat the card and PIN, logout, through whole sessions with a moved clock.
import type { FastifyInstance } from 'fastify'
import { beforeAll, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { setInService } from '../../src/computers/computer-registry.service.js'
import { createGuestPasses } from '../../src/computers/guest-passes.service.js'
import { LibkiEndpoint } from '../../src/computers/libki.js'
import { endSessionByStaff, sendMessage } from '../../src/computers/sessions.service.js'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import {
  anotherCard,
  LIBKI,
  libkiWorld,
  login,
  logout,
  PIN,
  poll,
  register,
  TOKEN,
} from './libki-client.js'

describeEngines(
  'computers: a Libki client through whole sessions',
  (env) => {
    const world = libkiWorld(env)
    let ctx: AppContext
    let app: FastifyInstance
    let admin: Actor
    let pc1: string
    let pc2: string
    let barcode: string
    beforeAll(() => {
      ;({ ctx, app, admin, pc1, pc2, barcode } = world())
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
      expect(await world().sessions()).toEqual([pc1])

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
      expect(await world().sessions()).toEqual([])

      // 15 of the day's 45 minutes are left; the patron logs out after 5 of them.
      expect((await login(app, 'PC-01', barcode, PIN)).body).toEqual({
        authenticated: 1,
        units: 15,
      })
      clock.advance(5 * MINUTE)
      expect((await logout(app, 'PC-01', barcode, PIN)).body).toEqual({ logged_out: 1 })
      expect(await world().sessions()).toEqual([])
      expect((await poll(app, 'PC-01', barcode, PIN)).body.status).toBe('Logged out')

      expect((await login(app, 'PC-01', barcode, PIN)).body).toEqual({
        authenticated: 1,
        units: 10,
      })
      clock.advance(10 * MINUTE)
      expect((await poll(app, 'PC-01', barcode, PIN)).body.status).toBe('Logged out')
      expect((await login(app, 'PC-01', barcode, PIN)).body).toEqual({ error: 'NO_TIME' })
      expect(await world().sessions()).toEqual([])
    })

    it('signs a guest in with the pass code as the username and no password', async () => {
      const [pass] = await createGuestPasses(ctx, admin, { branch: 'main', count: 1 })
      const code = pass?.code ?? ''
      expect((await login(app, 'PC-02', code, '')).body).toEqual({ authenticated: 1, units: 60 })
      expect((await poll(app, 'PC-02', code, '')).body).toMatchObject({ status: 'Logged in' })
      expect((await poll(app, 'PC-02', 'SOMEONE-ELSE', '')).status).toBe(401)
      expect((await logout(app, 'PC-02', code, '')).body).toEqual({ logged_out: 1 })
      expect(await world().sessions()).toEqual([])
    })

    it('tells the client it was kicked when staff end a session on a computer out of service', async () => {
      const other = await anotherCard(ctx)
      const card = other.barcode
      expect((await login(app, 'PC-02', card, PIN)).body).toEqual({ authenticated: 1, units: 30 })
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
      const other = await anotherCard(ctx)
      const card = other.barcode
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
      const other = await anotherCard(ctx)
      const card = other.barcode
      const endpoint = new LibkiEndpoint(ctx)
      const ask = (action: string, username = card, password = PIN) =>
        endpoint.handle({ action, node: 'PC-02', location: 'main', username, password }, {})
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

    it('writes no card number, PIN or token to the log: request lines name the route', () => {
      const log = world().lines.join('')
      expect(log).toContain('"route":"/api/client/v1_0"')
      for (const secret of [PIN, '915382', '264817', barcode, TOKEN])
        expect(log).not.toContain(secret)
      expect(log).not.toContain('username=')
    })
  },
  LIBKI,
)
