import { Writable } from 'node:stream'
import { pino } from 'pino'
import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, patronInput } from '../harness/factories.js'
import { call, signIn } from './http-harness.js'

describeEngines('http: request logging', (env) => {
  it('logs requests by route with no PIN, password, token or personal value in any line', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    })
    // The application's logger, but without the domain's redaction list: the HTTP layer must add its own.
    const ctx: AppContext = { ...env().ctx, logger: pino({ level: 'trace' }, sink) }
    const app = await buildHttpApp(ctx, { logger: true })
    try {
      const admin = await signIn(app, ctx, 'admin')
      const input = patronInput({ email: 'secret.reader@example.org', familyName: 'Hiddenname' })
      const created = await call(app, {
        method: 'POST',
        url: '/api/v1/patrons',
        token: admin.token,
        payload: { ...input, card: { pin: '73915284' } },
      })
      expect(created.status).toBe(201)
      const barcode = (created.body as { cards: { barcode: string }[] }).cards[0]?.barcode ?? ''
      await call(app, {
        method: 'GET',
        url: '/api/v1/patrons?email=secret.reader%40example.org',
        token: admin.token,
      })
      await call(app, {
        method: 'GET',
        url: `/api/v1/patrons?barcode=${barcode}`,
        token: admin.token,
      })
      await call(app, {
        method: 'POST',
        url: '/api/v1/cards/verify',
        token: admin.token,
        payload: { barcode, pin: '51829374' },
      })
      await call(app, {
        method: 'POST',
        url: `/api/v1/cards/${barcode}/pin-change`,
        token: admin.token,
        payload: { currentPin: '73915284', newPin: '62847193' },
      })
      await call(app, {
        method: 'POST',
        url: '/api/v1/patrons',
        token: admin.token,
        payload: '{"givenName":"Hiddenname',
        headers: { 'content-type': 'application/json' },
      })

      const log = lines.join('')
      expect(log).toContain('"route":"/api/v1/cards/:barcode/pin-change"')
      expect(log).toContain('"statusCode":204')
      for (const secret of [
        '73915284',
        '51829374',
        '62847193',
        STAFF_PASSWORD,
        admin.token,
        'secret.reader',
        'Hiddenname',
        input.givenName,
        barcode,
      ]) {
        expect(log).not.toContain(secret)
      }
      expect(log).not.toMatch(/authorization|remoteAddress/i)
    } finally {
      await app.close()
    }
  })
})
