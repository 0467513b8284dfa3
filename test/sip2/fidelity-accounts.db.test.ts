import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { savePatronCategory } from '../../src/library/library.service.js'
import { updateSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { startSip2Server, type Sip2Server } from '../../src/sip2/server.js'
import { can } from '../../src/staff/roles.js'
import { describeEngines } from '../harness/engines.js'
import { call, expectProblem, signIn, useApp } from '../http/http-harness.js'
import { sealed, SipClient } from './sip-client.js'
import { NOW, PIN, SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

const bxOf = (line: string) => /\|BX([YN]{16})\|/.exec(line)?.[1] ?? ''
/** BX positions of 01 block patron and 25 patron enable, and the 98's status-update flag. */
const blockFlags = (line: string) => bxOf(line)[3]! + bxOf(line)[12]! + line[6]!
const extensions = (line: string) => line.match(/\|(PC|PI|AQ)[^|]*/g)?.map((f) => f.slice(1)) ?? []
const REFUSED = 'AFThis terminal may not do that; please ask staff.|'

describe('a SIP actor', () => {
  it('holds a granted permission; no other kind of actor gains one by carrying a list', () => {
    expect(can({ type: 'sip', id: 'k' }, 'card.manage')).toBe(false)
    expect(can({ type: 'sip', id: 'k', grants: ['card.manage'] }, 'card.manage')).toBe(true)
    expect(can({ type: 'sip', id: 'k', grants: ['card.manage'] }, 'patron.erase')).toBe(false)
    expect(can({ type: 'patron', id: 'p', grants: ['card.manage'] }, 'card.manage')).toBe(false)
  })
})

describeEngines(
  'SIP2 account fidelity: block permission, patron class, unknown commands',
  (env) => {
    const app = useApp(env)
    let w: SipWorld
    beforeAll(async () => {
      w = await sipWorld(env().ctx)
      await savePatronCategory(env().ctx, SYSTEM_ACTOR, {
        code: 'teen',
        name: 'Teen',
        maxOwedCents: 500,
        internetProfile: 'Filtered',
      })
      await savePatronCategory(env().ctx, SYSTEM_ACTOR, {
        code: 'senior',
        name: 'Senior',
        maxOwedCents: 500,
      })
    })
    afterAll(() => w.close())

    const auditOf = async (action: string, actorId: string) =>
      (
        await sql<{ actor_type: string; detail: string }>`select actor_type, detail from audit_log
        where action = ${action} and actor_id = ${actorId} order by seq`.execute(env().ctx.db)
      ).rows.map((r) => ({ type: r.actor_type, detail: JSON.parse(r.detail) as unknown }))

    it('01/25: refused and BX N by default; allowed once granted through the API, and audited', async () => {
      const { c, account } = await w.loggedIn()
      expect(account.mayBlockPatrons).toBe(false)
      expect(account.allowedMessages).toEqual(expect.arrayContaining(['01', '25']))
      const q = await w.patron()
      expect(blockFlags(await c.send('9900302.00', '1'))).toBe('NNN')
      const block = `01N${NOW}AOCARREL|ALCard retained|AA${q.barcode}|AC|`
      expect(await c.send(block, '2')).toBe(
        sealed(`24YYYY          000${NOW}AOCARREL|AA${q.barcode}|AE|${REFUSED}`, '2'),
      )
      expect(await c.send(`25${NOW}AOCARREL|AA${q.barcode}|`, '3')).toBe(
        sealed(`26YYYY          000${NOW}AOCARREL|AA${q.barcode}|AE|${REFUSED}`, '3'),
      )
      expect(await auditOf('card.status', account.id)).toEqual([])

      const admin = await signIn(app(), env().ctx, 'admin')
      const patch = (payload: unknown) =>
        call(app(), {
          method: 'PATCH',
          url: `/api/v1/sip-accounts/${account.id}`,
          token: admin.token,
          payload,
        })
      expectProblem(await patch({ mayBlockPatrons: 'yes' }), 400, 'INVALID_INPUT')
      const granted = await patch({ mayBlockPatrons: true })
      expect(granted.status).toBe(200)
      expect(granted.body).toMatchObject({ mayBlockPatrons: true, unknownCommands: 'ignore' })
      // The open connection follows from its next message: BX, the 98 flag and the handlers agree.
      expect(blockFlags(await c.send('9900302.00', '4'))).toBe('YYY')
      expect(await c.send(block, '5')).toBe(
        sealed(
          `24YY YY         000${NOW}AOCARREL|AA${q.barcode}|AE${q.name}|BLY|BHUSD|BV0.00|AFThis card has been blocked.|`,
          '5',
        ),
      )
      expect(await c.send(`25${NOW}AOCARREL|AA${q.barcode}|`, '6')).toBe(
        sealed(`26              000${NOW}AOCARREL|AA${q.barcode}|AE${q.name}|BLY|`, '6'),
      )
      expect(await auditOf('card.status', account.id)).toEqual([
        { type: 'sip', detail: { from: 'active', to: 'lost' } },
        { type: 'sip', detail: { from: 'lost', to: 'active' } },
      ])

      expect((await patch({ mayBlockPatrons: false })).status).toBe(200)
      expect(await c.send(block, '7')).toContain(REFUSED)
      expect(blockFlags(await c.send('9900302.00', '8'))).toBe('NNN')
      const changes = (await auditOf('sip.account_update', admin.staffId)).map((e) => e.detail)
      expect(changes).toEqual([
        { sipAccountId: account.id, fields: ['mayBlockPatrons'], mayBlockPatrons: true },
        { sipAccountId: account.id, fields: ['mayBlockPatrons'], mayBlockPatrons: false },
      ])
    })

    it('01/25: a grant does not open a message the account may not send', async () => {
      const { c } = await w.loggedIn({ mayBlockPatrons: true, allowedMessages: ['23', '25'] })
      // 01 is not among its messages, 25 is.
      expect(blockFlags(await c.send('9900302.00', '1'))).toBe('NYN')
    })

    it('64/24: PC, PI and AQ only when the account may receive them; PI only where the category has one', async () => {
      const teen = await w.patron({ category: 'teen', homeBranch: 'east' })
      const senior = await w.patron({ category: 'senior', homeBranch: 'main' })
      const ask63 = (barcode: string, pin = PIN) =>
        `63000${NOW}          AOCARREL|AA${barcode}|AD${pin}|`
      const ask23 = (barcode: string) => `23000${NOW}AOCARREL|AA${barcode}|AC|AD${PIN}|`

      const plain = (await w.loggedIn()).c
      expect(extensions(await plain.send(ask63(teen.barcode), '1'))).toEqual([])
      expect(extensions(await plain.send(ask23(teen.barcode), '2'))).toEqual([])

      const wide = (
        await w.loggedIn({
          personalFields: ['name', 'patronClass', 'homeLibrary', 'internetProfile'],
        })
      ).c
      const info = await wide.send(ask63(teen.barcode), '1')
      expect(info).toContain(`|AE${teen.name}|`)
      expect(extensions(info)).toEqual(['PCteen', 'PIFiltered', 'AQeast'])
      expect(await wide.send(ask23(teen.barcode), '2')).toBe(
        sealed(
          `24              000${NOW}AOCARREL|AA${teen.barcode}|AE${teen.name}|BLY|CQY|BHUSD|BV0.00|PCteen|PIFiltered|AQeast|`,
          '2',
        ),
      )
      expect(extensions(await wide.send(ask63(senior.barcode), '3'))).toEqual([
        'PCsenior',
        'AQmain',
      ])
      expect(extensions(await wide.send(ask23(senior.barcode), '4'))).toEqual([
        'PCsenior',
        'AQmain',
      ])
      // A PIN that is not accepted releases none of them.
      const wrong = await wide.send(ask63(teen.barcode, '9999'), '5')
      expect(wrong).toContain('|CQN|')
      expect(extensions(wrong)).toEqual([])

      // Each field on its own: the class alone, without even the name.
      const classOnly = (await w.loggedIn({ personalFields: ['patronClass'] })).c
      const line = await classOnly.send(ask63(teen.barcode), '1')
      expect(line).toContain('|AE|')
      expect(extensions(line)).toEqual(['PCteen'])
    })

    it('a patron category keeps its internet profile until it is cleared', async () => {
      const { ctx } = env()
      const profile = async () =>
        (
          await sql<{ internet_profile: string | null }>`select internet_profile
          from patron_categories where code = 'teen'`.execute(ctx.db)
        ).rows[0]?.internet_profile
      const admin = await signIn(app(), ctx, 'admin')
      const put = (payload: unknown) =>
        call(app(), {
          method: 'PUT',
          url: '/api/v1/library/patron-categories/teen',
          token: admin.token,
          payload,
        })
      const base = { name: 'Teen', maxOwedCents: 500 }
      expect((await put(base)).status).toBe(204)
      expect(await profile()).toBe('Filtered')
      expectProblem(await put({ ...base, internetProfile: 'x'.repeat(41) }), 400, 'INVALID_INPUT')
      expectProblem(await put({ ...base, internetProfile: 'A|B' }), 400, 'INVALID_INPUT')
      expect((await put({ ...base, internetProfile: 'Open' })).status).toBe(204)
      const library = await call(app(), {
        method: 'GET',
        url: '/api/v1/library',
        token: admin.token,
      })
      expect(library.body).toMatchObject({
        patronCategories: expect.arrayContaining([
          { code: 'teen', name: 'Teen', maxOwedCents: 500, internetProfile: 'Open' },
          { code: 'senior', name: 'Senior', maxOwedCents: 500, internetProfile: null },
        ]) as unknown,
      })
      expect((await put({ ...base, internetProfile: null })).status).toBe(204)
      expect(await profile()).toBeNull()
      await put({ ...base, internetProfile: 'Filtered' })
    })

    it("unknown commands: 'ignore' answers nothing and the next request in order; 'resend' answers 96", async () => {
      const { c, account } = await w.loggedIn()
      expect(account.unknownCommands).toBe('ignore')
      const status = await c.send('9900302.00', '1')
      // An unknown code, a response code and a sealed unknown code, then a request, in one packet.
      c.write(`XY123\r941\r${sealed('XA1', '2')}\r35${NOW}AOCARREL|AA2|\r`)
      expect((await c.next()).slice(0, 2)).toBe('36')
      expect(await c.silence(150)).toEqual([])
      // Nothing was sent for them, so a resend request still gets the last real answer.
      c.write(`35${NOW}AOCARREL|AA2|\r`)
      const ended = await c.next()
      c.write('XY\r')
      expect(await c.send('97')).toBe(ended)
      expect(status.slice(0, 3)).toBe('98Y')

      await updateSipAccount(env().ctx, SYSTEM_ACTOR, account.id, { unknownCommands: 'resend' })
      expect(await c.send('XY123')).toBe('96')
      expect(await c.send('XA1', '3')).toBe('96AZFEF6')
      expect(await c.send('941')).toBe('96')
      const resend = (await w.loggedIn({ unknownCommands: 'resend' })).c
      expect(await resend.send('XY123')).toBe('96')
    })

    it('unknown commands before login follow sip2.unknownCommands (ignore unless set)', async () => {
      const quiet = await w.client()
      quiet.write('XY123\r')
      expect((await quiet.send('9900302.00')).slice(0, 3)).toBe('98Y')
      expect(await quiet.silence(100)).toEqual([])

      const ctx = await env().reopen({ sip2: { unknownCommands: 'resend' } })
      expect(ctx.config.sip2.unknownCommands).toBe('resend')
      const server: Sip2Server = await startSip2Server(ctx, { port: 0 })
      try {
        const c = await SipClient.connect(server.port)
        expect(await c.send('XY123')).toBe('96')
        // After a login the account's own choice (ignore) applies.
        const account = await w.account()
        expect(await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`)).toBe('941')
        c.write('XY123\r')
        expect((await c.send('9900302.00')).slice(0, 3)).toBe('98Y')
        expect(await c.silence(100)).toEqual([])
        c.close()
      } finally {
        await server.close()
      }
    })
  },
)
