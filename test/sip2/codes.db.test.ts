import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DEFAULT_RULE, saveItemType, saveLoanRule } from '../../src/library/library.service.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { describeEngines } from '../harness/engines.js'
import { sealed, type SipClient } from './sip-client.js'
import { BLANK_DATE, NOW, PIN, SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

// A week from the test clock's start, at the close of the local day: the CPL rule, not the
// catch-all's three weeks.
const DUE = '20260122    235959'

/** A library set up with an ILS's upper-case codes, as a migrating library writes them. */
const CONFIG = { library: { branches: ['CPL', 'BR1'], patronCategories: ['Patrons', 'Staff'] } }

describeEngines(
  'SIP2 with upper-case branch, category and item type codes',
  (env) => {
    let w: SipWorld
    let c: SipClient
    let login = ''
    beforeAll(async () => {
      const { ctx } = env()
      w = await sipWorld(ctx)
      await saveItemType(ctx, SYSTEM_ACTOR, { code: 'BK', name: 'Book' })
      await saveLoanRule(ctx, SYSTEM_ACTOR, {
        ...DEFAULT_RULE,
        branch: 'CPL',
        patronCategory: 'Patrons',
        itemType: 'BK',
        loanPeriod: 7,
      })
      login = (await w.account({ location: 'CPL' })).login
      c = await w.client()
    })
    afterAll(() => w.close())

    it('logs in at CPL, lends there under the CPL rule and takes the item back there', async () => {
      expect(await c.send(`9300CN${login}|CO${SIP_PASSWORD}|CPCPL|`, '0')).toBe(sealed('941', '0'))
      expect(await c.send('9900302.00', '1')).toContain('|ANCPL|')

      const p = await w.patron({ category: 'Patrons', homeBranch: 'CPL' })
      const { record, items } = await w.lib.title([{ branch: 'CPL', itemType: 'BK' }])
      const item = items[0]!.barcode
      const out = await c.send(
        `11YN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${item}|AC|AD${PIN}|`,
        '2',
      )
      expect(out).toBe(
        sealed(`121NUY${NOW}AOCARREL|AA${p.barcode}|AB${item}|AJ${record.title}|AH${DUE}|`, '2'),
      )
      const { rows } = await sql<{ branch: string }>`select loans.branch from loans
        join items on items.id = loans.item_id where items.barcode = ${item}`.execute(env().ctx.db)
      expect(rows.map((r) => r.branch)).toEqual(['CPL'])

      const info = await c.send(`17${NOW}AOCARREL|AB${item}|`, '3')
      expect(info).toContain('|AQCPL|APCPL|')

      // Home at CPL and returned at CPL: shelved, not sent anywhere (no CT).
      const back = await c.send(`09N${NOW}${NOW}APCPL|AOCARREL|AB${item}|AC|`, '4')
      expect(back).toBe(sealed(`101YUN${NOW}AOCARREL|AB${item}|AQCPL|AJ${record.title}|`, '4'))
    })

    it('checks in an item of another branch at CPL and sends it home to BR1', async () => {
      const p = await w.patron({ category: 'Patrons', homeBranch: 'BR1' })
      const { items } = await w.lib.title([{ branch: 'BR1', itemType: 'BK' }])
      const item = items[0]!.barcode
      const out = await c.send(
        `11YN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${item}|AC|AD${PIN}|`,
        '5',
      )
      expect(out.startsWith('121')).toBe(true)
      const back = await c.send(`09N${NOW}${NOW}APCPL|AOCARREL|AB${item}|AC|`, '6')
      expect(back).toContain('|AQBR1|')
      expect(back).toContain('|CTBR1|')
    })

    it('refuses a SIP location spelled in another case: codes are compared as written', async () => {
      await expect(
        createSipAccount(env().ctx, SYSTEM_ACTOR, {
          login: 'kiosk-lower',
          password: SIP_PASSWORD,
          institutionId: 'CARREL',
          location: 'cpl',
        }),
      ).rejects.toMatchObject({ code: 'UNKNOWN_BRANCH' })
      await expect(
        createSipAccount(env().ctx, SYSTEM_ACTOR, {
          login: 'kiosk-space',
          password: SIP_PASSWORD,
          institutionId: 'CARREL',
          location: 'C PL',
        }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    })
  },
  CONFIG,
)
