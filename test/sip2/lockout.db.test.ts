import { afterAll, beforeAll, expect, it } from 'vitest'
import { verifyPin } from '../../src/patrons/card.service.js'
import { describeEngines } from '../harness/engines.js'
import type { SipClient } from './sip-client.js'
import { NOW, PIN, sipWorld, type SipWorld } from './sip-world.js'

const LOCKED = 'Too many wrong PINs: this card is locked for a while.'

describeEngines(
  'SIP2 PIN checks share the card lockout',
  (env) => {
    let w: SipWorld
    let c: SipClient
    beforeAll(async () => {
      w = await sipWorld(env().ctx)
      c = (await w.loggedIn()).c
    })
    afterAll(() => w.close())

    const status = (barcode: string, pin: string, seq: string) =>
      c.send(`23000${NOW}AOCARREL|AA${barcode}|AC|AD${pin}|`, seq)
    const cq = (line: string) => /\|CQ([YN])\|/.exec(line)?.[1]

    it('wrong PINs over SIP2 lock the card for the desk too, and the right PIN then fails', async () => {
      const p = await w.patron()
      for (const seq of ['1', '2']) expect(cq(await status(p.barcode, '9157', seq))).toBe('N')
      const third = await status(p.barcode, '9157', '3')
      expect(cq(third)).toBe('N')
      expect(third).toContain(`|AF${LOCKED}|`)
      const right = await status(p.barcode, PIN, '4')
      expect(cq(right)).toBe('N')
      expect(right).not.toContain(p.name)
      await expect(verifyPin(env().ctx, w.lib.desk, p.barcode, PIN)).rejects.toMatchObject({
        code: 'CARD_LOCKED',
      })
    })

    it('failures elsewhere count against SIP2, and unknown card numbers lock alike', async () => {
      const p = await w.patron()
      for (let i = 0; i < 3; i++)
        await verifyPin(env().ctx, w.lib.desk, p.barcode, '9157').catch(() => undefined)
      const line = await c.send(
        `11YN${NOW}${' '.repeat(18)}AOCARREL|AA${p.barcode}|AB3x|AC|AD${PIN}|`,
        '5',
      )
      expect(line).toContain(`|AF${LOCKED}|BLY|CQN|`)
      const ghost = '29999999999990'
      for (const seq of ['6', '7', '8'])
        expect(await status(ghost, '9157', seq)).toContain('|BLN|CQN|')
      await expect(verifyPin(env().ctx, w.lib.desk, ghost, PIN)).rejects.toMatchObject({
        code: 'CARD_LOCKED',
      })
    })

    it('the right PIN clears earlier failures', async () => {
      const p = await w.patron()
      await status(p.barcode, '9157', '0')
      await status(p.barcode, '9157', '1')
      expect(cq(await status(p.barcode, PIN, '2'))).toBe('Y')
      await status(p.barcode, '9157', '3')
      expect(cq(await status(p.barcode, PIN, '4'))).toBe('Y')
    })
  },
  { cards: { lockoutMaxFailures: 3 } },
)
