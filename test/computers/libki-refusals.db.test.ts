// What the Libki endpoint refuses: callers without the token or outside the library's network,
// nodes staff never registered, bad input, and everything while it is switched off.
import type { FastifyInstance } from 'fastify'
import { beforeAll, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { LAN, LIBKI, libki, libkiWorld, login, PIN, register, TOKEN } from './libki-client.js'

describeEngines(
  'computers: what the Libki endpoint refuses',
  (env) => {
    const world = libkiWorld(env)
    let ctx: AppContext
    let app: FastifyInstance
    let barcode: string
    beforeAll(() => {
      ;({ ctx, app, barcode } = world())
    })

    it('refuses: no token, a wrong token, an address outside allowFrom, an unknown node, bad input', async () => {
      const before = await world().sessions()
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
      expect(await world().sessions()).toEqual(before)
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
        expect(await world().sessions()).toEqual([])
      } finally {
        await off.close()
      }
    })

    it('writes no card number, PIN or token to the log: request lines name the route', () => {
      const log = world().lines.join('')
      expect(log).toContain('"route":"/api/client/v1_0"')
      for (const secret of [PIN, '481726', barcode, TOKEN]) expect(log).not.toContain(secret)
      expect(log).not.toContain('username=')
    })
  },
  LIBKI,
)
