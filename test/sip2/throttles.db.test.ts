import { afterAll, beforeAll, expect, it } from 'vitest'
import { verifyPin } from '../../src/patrons/card.service.js'
import { describeEngines } from '../harness/engines.js'
import { sealed } from './sip-client.js'
import { NOW, PIN, SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

const ADDRESS_LIMIT = 8
const LOCKOUT = 3

describeEngines(
  'SIP2 logins and PIN checks are throttled per address, in the database',
  (env) => {
    let w: SipWorld
    beforeAll(async () => {
      w = await sipWorld(env().ctx)
    })
    afterAll(() => w.close())

    const auditRows = async (action: string) =>
      Number(
        (
          await env()
            .ctx.db.selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('action', '=', action)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const login = (login: string, password: string) => `9300CN${login}|CO${password}|CPmain|`
    const advance = () => env().clock.advance(60 * 60_000)

    it('stops guessing at one kiosk login from one address without locking the kiosk out elsewhere', async () => {
      advance()
      const account = await w.account()
      // The guesser reconnects whenever the session closes it; the lockout outlives connections.
      for (let i = 0; i < LOCKOUT; i++) {
        const c = await w.client('127.0.0.3')
        expect(await c.send(login(account.login, 'not the password'), '1')).toBe(sealed('940', '1'))
        c.close()
        await c.closed
      }
      const failedBefore = await auditRows('sip.login_failed')
      const guesser = await w.client('127.0.0.3')
      // Even the right password is not checked from there now, and nothing more is written.
      expect(await guesser.send(login(account.login, SIP_PASSWORD), '2')).toBe(sealed('940', '2'))
      expect(await auditRows('sip.login_failed')).toBe(failedBefore)
      // The kiosk itself, at its own address, logs in as usual.
      const kiosk = await w.client('127.0.0.4')
      expect(await kiosk.send(login(account.login, SIP_PASSWORD), '0')).toBe(sealed('941', '0'))
    })

    it('stops an address trying many logins, before any password is checked', async () => {
      advance()
      const account = await w.account()
      for (let i = 0; i < ADDRESS_LIMIT; i++) {
        const c = await w.client('127.0.0.5')
        expect(await c.send(login(`nobody-${i}`, 'not the password'), '1')).toBe(sealed('940', '1'))
        c.close()
        await c.closed
      }
      const failedBefore = await auditRows('sip.login_failed')
      const c = await w.client('127.0.0.5')
      expect(await c.send(login(account.login, SIP_PASSWORD), '1')).toBe(sealed('940', '1'))
      expect(await auditRows('sip.login_failed')).toBe(failedBefore)
      const other = await w.client('127.0.0.6')
      expect(await other.send(login(account.login, SIP_PASSWORD), '1')).toBe(sealed('941', '1'))
    })

    it('stops a terminal spraying PINs over many cards, without locking the cards', async () => {
      advance()
      const account = await w.account()
      const c = await w.client('127.0.0.7')
      expect(await c.send(login(account.login, SIP_PASSWORD), '0')).toBe(sealed('941', '0'))
      const status = (barcode: string, pin: string, seq: string) =>
        c.send(`23000${NOW}AOCARREL|AA${barcode}|AC|AD${pin}|`, seq)
      for (let i = 0; i < ADDRESS_LIMIT; i++) {
        const p = await w.patron()
        expect(await status(p.barcode, '9157', String(i % 10))).toContain('|CQN|')
      }
      const fresh = await w.patron()
      const refused = await status(fresh.barcode, PIN, '1')
      expect(refused).toContain('|CQN|')
      expect(refused).toContain(
        '|AFToo many wrong PINs or passwords came from this network address.',
      )
      // The card is not locked: at the desk, and from a terminal elsewhere, the PIN works.
      await expect(verifyPin(env().ctx, w.lib.desk, fresh.barcode, PIN)).resolves.toMatchObject({
        patronId: fresh.id,
      })
      const elsewhere = await w.client('127.0.0.8')
      expect(await elsewhere.send(login(account.login, SIP_PASSWORD), '0')).toBe(sealed('941', '0'))
      expect(
        await elsewhere.send(`23000${NOW}AOCARREL|AA${fresh.barcode}|AC|AD${PIN}|`, '1'),
      ).toContain('|CQY|')
    })
  },
  { security: { addressFailureLimit: ADDRESS_LIMIT }, cards: { lockoutMaxFailures: LOCKOUT } },
)
