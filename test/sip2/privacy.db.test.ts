import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { updateSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { describeEngines } from '../harness/engines.js'
import type { SipClient } from './sip-client.js'
import { BLANK_DATE, NOW, PIN, SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

const SUMMARIES = ['', 'Y', ' Y', '  Y', '   Y', '    Y', '     Y']

describeEngines('SIP2 privacy: personal fields and audit', (env) => {
  let w: SipWorld
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
  })
  afterAll(() => w.close())

  /** Every patron-facing message a terminal can send, answered; all their bytes together. */
  async function everything(c: SipClient, barcode: string, item: string): Promise<string> {
    const out: string[] = []
    let seq = 0
    const send = async (text: string) => out.push(await c.send(text, String(seq++ % 10)))
    await send(`23000${NOW}AOCARREL|AA${barcode}|AC|AD${PIN}|`)
    await send(`23000${NOW}AOCARREL|AA${barcode}|AC|AD|`)
    for (const s of SUMMARIES)
      await send(`63000${NOW}${s.padEnd(10)}AOCARREL|AA${barcode}|AD${PIN}|`)
    for (const s of SUMMARIES) await send(`63000${NOW}${s.padEnd(10)}AOCARREL|AA${barcode}|`)
    await send(`11YN${NOW}${BLANK_DATE}AOCARREL|AA${barcode}|AB${item}|AC|AD${PIN}|`)
    await send(`17${NOW}AOCARREL|AB${item}|`)
    await send(`29NN${NOW}${BLANK_DATE}AOCARREL|AA${barcode}|AB${item}|`)
    await send(`65${NOW}AOCARREL|AA${barcode}|`)
    await send(`15+${NOW}AOCARREL|AA${barcode}|AB${item}|`)
    await send(`37${NOW}0100USDBV0.01|AOCARREL|AA${barcode}|`)
    await send(`01N${NOW}AOCARREL|ALx|AA${barcode}|AC|`)
    await send(`25${NOW}AOCARREL|AA${barcode}|`)
    await send(`09N${NOW}${NOW}APmain|AOCARREL|AB${item}|AC|`)
    await send(`35${NOW}AOCARREL|AA${barcode}|`)
    await send('9900302.00')
    return out.join('\n')
  }

  it('an account without permission never receives address, email, phone or birth date', async () => {
    const p = await w.patron()
    const { items } = await w.lib.title()
    const other = await w.lib.title()
    await checkout(env().ctx, w.lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: other.items[0]!.barcode,
      branch: 'main',
    })
    for (const fields of [undefined, ['name' as const], []]) {
      const { c } = await w.loggedIn(fields === undefined ? {} : { personalFields: fields })
      const seen = await everything(c, p.barcode, items[0]!.barcode)
      const a = p.input.address
      for (const secret of [
        a.line1,
        a.postcode,
        p.input.email!,
        p.input.phone!,
        p.input.phone!.replace(/\D/g, ''),
        p.input.birthDate!,
        p.input.birthDate!.replaceAll('-', ''),
        p.input.licenceNumber!,
      ])
        expect(seen, secret).not.toContain(secret)
      for (const id of ['BD', 'BE', 'BF', 'PB']) expect(seen).not.toMatch(new RegExp(`\\|${id}`))
      // The name is the default; an account with no fields does not get it either.
      expect(seen.includes(p.input.familyName)).toBe(fields === undefined || fields.length > 0)
    }
  })

  it('an account allowed them receives them in 64, and a change applies at once', async () => {
    const p = await w.patron()
    const { c, account } = await w.loggedIn({
      personalFields: ['name', 'address', 'email', 'phone', 'birthDate'],
    })
    const ask = (seq: string) => c.send(`63000${NOW}          AOCARREL|AA${p.barcode}|`, seq)
    const full = await ask('1')
    const a = p.input.address
    expect(full).toContain(`|AE${p.name}|`)
    expect(full).toContain(`|BD${a.line1}, ${a.city}, ${a.region} ${a.postcode}|`)
    expect(full).toContain(`|BE${p.input.email}|`)
    expect(full).toContain(`|BF${p.input.phone}|`)
    expect(full).toContain('|PB19840309|')
    await updateSipAccount(env().ctx, SYSTEM_ACTOR, account.id, { personalFields: ['name'] })
    const narrowed = await ask('2')
    expect(narrowed).toContain(`|AE${p.name}|`)
    expect(narrowed).not.toMatch(/\|(BD|BE|BF|PB)/)
  })

  it('audits logins, failed PINs and every patron lookup with the SIP account as actor: a lookup that reads the patron once, as that read', async () => {
    const { db } = env().ctx
    const p = await w.patron()
    const account = await w.account()
    const c = await w.client()
    await c.send(`9300CN${account.login}|COnot the password|`, '0')
    await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|`, '1')
    await c.send(`23000${NOW}AOCARREL|AA${p.barcode}|AC|AD0000|`, '2')
    await c.send(`63000${NOW}          AOCARREL|AA${p.barcode}|`, '3')
    const { rows } = await sql<{ actor_type: string; action: string; patron_id: string | null }>`
      select actor_type, action, patron_id from audit_log where actor_id = ${account.id} order by seq`.execute(
      db,
    )
    expect(rows.map((r) => r.actor_type)).toEqual(rows.map(() => 'sip'))
    expect(rows.map((r) => [r.action, r.patron_id])).toEqual([
      ['sip.login_failed', null],
      ['sip.login', null],
      ['card.pin_failed', p.id],
      // The 23 with a wrong PIN found the card and read nothing: the finding is audited.
      ['patron.search_hit', p.id],
      // The 63 found the card and read the patron: one entry, the read.
      ['patron.read', p.id],
    ])
  })
})
