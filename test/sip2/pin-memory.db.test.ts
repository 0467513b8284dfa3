import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { setCardStatus, setPin, verifyPin } from '../../src/patrons/card.service.js'
import { describeEngines } from '../harness/engines.js'
import type { SipClient } from './sip-client.js'
import { NOW, PIN, sipWorld, type SipWorld } from './sip-world.js'

const LOCKED = 'Too many wrong PINs: this card is locked for a while.'

describeEngines(
  'SIP2 remembers a verified PIN for the rest of a patron session, and no longer',
  (env) => {
    let w: SipWorld
    let c: SipClient
    let seq = 0
    beforeAll(async () => {
      w = await sipWorld(env().ctx)
      c = (await w.loggedIn()).c
    })
    afterAll(() => w.close())
    afterEach(() => vi.restoreAllMocks())

    /** 23 with a PIN: CQ says whether Carrel accepted it. */
    const status = async (barcode: string, pin: string) => {
      const line = await c.send(`23000${NOW}AOCARREL|AA${barcode}|AC|AD${pin}|`, String(seq++ % 10))
      return { line, cq: /\|CQ([YN])\|/.exec(line)?.[1] }
    }
    /** Counts the Argon2 verifications (the full check) from here on. */
    const argon2 = () => vi.spyOn(env().ctx.hasher, 'verify')

    it('the same card and PIN are recognised without hashing again; a different card is checked in full', async () => {
      const p = await w.patron()
      const other = await w.patron()
      const verify = argon2()
      for (let i = 0; i < 4; i++) expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(1)
      expect((await status(other.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(2)
      // Switching back is a card change too: the first card's PIN was forgotten.
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(3)
    })

    it('a wrong PIN after a remembered right one takes the full check and counts toward the lockout', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      const verify = argon2()
      for (let i = 0; i < 3; i++) expect((await status(p.barcode, '9157')).cq).toBe('N')
      expect(verify.mock.calls.length).toBeGreaterThanOrEqual(2)
      const after = await status(p.barcode, PIN)
      expect(after.cq).toBe('N')
      expect(after.line).toContain(`|AF${LOCKED}|`)
      await expect(verifyPin(env().ctx, w.lib.desk, p.barcode, PIN)).rejects.toMatchObject({
        code: 'CARD_LOCKED',
      })
    })

    it('end of patron session (35) forgets the PIN', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      const verify = argon2()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(0)
      const end = await c.send(`35${NOW}AOCARREL|AA${p.barcode}|AD${PIN}|`, String(seq++ % 10))
      expect(end.startsWith('36Y')).toBe(true)
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(1)
    })

    it('a card reported lost is checked in full again, and its flags say lost', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      await setCardStatus(env().ctx, w.lib.desk, p.barcode, 'lost')
      const verify = argon2()
      const after = await status(p.barcode, PIN)
      expect(verify).toHaveBeenCalledTimes(1)
      // Patron status flags: position 4 is "card reported lost".
      expect(after.line.slice(6, 7)).toBe('Y')
      // Still lost: never remembered, every message is checked in full.
      await status(p.barcode, PIN)
      expect(verify).toHaveBeenCalledTimes(2)
    })

    it('a PIN changed elsewhere is not accepted from memory: the old PIN fails', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      await setPin(env().ctx, SYSTEM_ACTOR, p.barcode, '7391')
      expect((await status(p.barcode, PIN)).cq).toBe('N')
      expect((await status(p.barcode, '7391')).cq).toBe('Y')
    })

    it('a card locked by wrong PINs elsewhere is refused even though this connection remembers it', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      for (let i = 0; i < 3; i++)
        await verifyPin(env().ctx, w.lib.desk, p.barcode, '9157').catch(() => undefined)
      const after = await status(p.barcode, PIN)
      expect(after.cq).toBe('N')
      expect(after.line).toContain(`|AF${LOCKED}|`)
    })

    it('after the idle limit the PIN is checked in full', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      const verify = argon2()
      env().clock.advance(119_000)
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(0)
      // Idle is measured from the last use, not from the first check.
      env().clock.advance(119_000)
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(0)
      env().clock.advance(121_000)
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      expect(verify).toHaveBeenCalledTimes(1)
    })

    it('each connection has its own memory: another terminal checks in full', async () => {
      const p = await w.patron()
      expect((await status(p.barcode, PIN)).cq).toBe('Y')
      const second = (await w.loggedIn()).c
      const verify = argon2()
      const line = await second.send(`23000${NOW}AOCARREL|AA${p.barcode}|AC|AD${PIN}|`, '1')
      expect(line).toContain('|CQY|')
      expect(verify).toHaveBeenCalledTimes(1)
    })
  },
  { cards: { lockoutMaxFailures: 3 }, sip2: { pinMemorySeconds: 120 } },
)
