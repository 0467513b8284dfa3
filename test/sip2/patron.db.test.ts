import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees } from '../../src/circulation/fees.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { DAY } from '../../src/clock.js'
import { describeEngines } from '../harness/engines.js'
import { checksumOk, sealed, type SipClient } from './sip-client.js'
import { NOW, PIN, sipWorld, type SipWorld } from './sip-world.js'

const money = (cents: number) => (cents / 100).toFixed(2)

/** 64's fixed part: status 14, language 3, date 18, then six 4-digit counts. */
function fixed64(line: string) {
  const counts = [0, 1, 2, 3, 4, 5].map((i) => line.slice(37 + i * 4, 41 + i * 4))
  return {
    status: line.slice(2, 16),
    language: line.slice(16, 19),
    date: line.slice(19, 37),
    counts,
  }
}

describeEngines('SIP2 patron messages', (env) => {
  let w: SipWorld
  let c: SipClient
  let p: Awaited<ReturnType<SipWorld['patron']>>
  let titles: { ready: string; waiting: string; charged: string; overdue: string }
  let fineCents = 0

  beforeAll(async () => {
    const { ctx, clock } = env()
    w = await sipWorld(ctx)
    c = (await w.loggedIn()).c
    p = await w.patron()
    const desk = w.lib.desk
    const start = clock.now()
    const lend = async (itemBarcode: string, patronBarcode: string, daysAgo = 0) => {
      clock.set(new Date(start.getTime() - daysAgo * DAY))
      await checkout(ctx, desk, { patronBarcode, itemBarcode, branch: 'main' })
      clock.set(start)
    }
    const charged = await w.lib.title()
    const overdue = await w.lib.title()
    const fined = await w.lib.title()
    const waiting = await w.lib.title()
    const ready = await w.lib.title()
    await lend(charged.items[0]!.barcode, p.barcode)
    await lend(overdue.items[0]!.barcode, p.barcode, 30)
    await lend(fined.items[0]!.barcode, p.barcode, 25)
    await checkin(ctx, desk, { itemBarcode: fined.items[0]!.barcode, branch: 'main' })
    const other = await w.patron()
    await lend(waiting.items[0]!.barcode, other.barcode)
    await placeHold(ctx, desk, {
      patronId: p.id,
      recordId: waiting.record.id,
      pickupBranch: 'main',
    })
    await placeHold(ctx, desk, { patronId: p.id, recordId: ready.record.id, pickupBranch: 'main' })
    await checkin(ctx, desk, { itemBarcode: ready.items[0]!.barcode, branch: 'main' })
    fineCents = (await listFees(ctx, desk, p.id)).owedCents
    titles = {
      ready: ready.record.title,
      waiting: waiting.record.title,
      charged: charged.items[0]!.barcode,
      overdue: overdue.items[0]!.barcode,
    }
  })
  afterAll(() => w.close())

  it('23/24: a known card with the right PIN', async () => {
    const q = await w.patron()
    const line = await c.send(`23001${NOW}AOCARREL|AA${q.barcode}|AC|AD${PIN}|`, '1')
    expect(line).toBe(
      sealed(
        `24              001${NOW}AOCARREL|AA${q.barcode}|AE${q.name}|BLY|CQY|BHUSD|BV0.00|`,
        '1',
      ),
    )
    expect(checksumOk(line)).toBe(true)
  })

  it('23/24: a wrong PIN reveals nothing personal; an unknown card says BLN', async () => {
    const wrong = await c.send(`23000${NOW}AOCARREL|AA${p.barcode}|AC|AD9157|`, '2')
    expect(wrong).toBe(
      sealed(
        `24YYYY          000${NOW}AOCARREL|AA${p.barcode}|AE|BLY|CQN|AFThe card number or PIN is not right.|`,
        '2',
      ),
    )
    const unknown = await c.send(`23000${NOW}AOCARREL|AA29999999999|AC|AD|`, '3')
    expect(unknown).toBe(
      sealed(
        `24YYYY          000${NOW}AOCARREL|AA29999999999|AE|BLN|AFInvalid patron: no card has that number.|`,
        '3',
      ),
    )
  })

  it('63/64: counts by position, and each summary list on request', async () => {
    const ask = async (summary: string, seq: string, extra = '') =>
      c.send(`63001${NOW}${summary.padEnd(10)}AOCARREL|AA${p.barcode}|AD${PIN}|${extra}`, seq)
    const none = await ask('', '4')
    expect(fixed64(none)).toEqual({
      status: ' '.repeat(14),
      language: '001',
      date: NOW,
      counts: ['0001', '0001', '0002', '0001', '0000', '0001'],
    })
    expect(none).toBe(
      sealed(
        `64              001${NOW}000100010002000100000001AOCARREL|AA${p.barcode}|AE${p.name}|BLY|CQY|BHUSD|BV${money(fineCents)}|CC10.00|`,
        '4',
      ),
    )
    const list = async (summary: string, seq: string, extra?: string) => {
      const line = await ask(summary, seq, extra)
      expect(checksumOk(line)).toBe(true)
      return [...line.matchAll(/\|(AS|AT|AU|AV|BU|CD)([^|]*)/g)].map((m) => `${m[1]}${m[2]}`)
    }
    expect(await list('Y', '5')).toEqual([`AS${titles.ready}`])
    expect(await list(' Y', '6')).toEqual([`AT${titles.overdue}`])
    expect(await list('  Y', '7')).toEqual([`AU${titles.overdue}`, `AU${titles.charged}`])
    expect(await list('  Y', '8', 'BP2|BQ2|')).toEqual([`AU${titles.charged}`])
    expect(await list('   Y', '9')).toEqual([`AV${money(fineCents)} overdue 2026-01-15`])
    expect(await list('    Y', '0')).toEqual([])
    expect(await list('     Y', '1')).toEqual([`CD${titles.waiting}`])
  })

  it('63/64: an unknown card gets zero counts and BLN', async () => {
    const line = await c.send(`63000${NOW}          AOCARREL|AA20000000000|`, '2')
    expect(line).toBe(
      sealed(
        `64YYYY          000${NOW}000000000000000000000000AOCARREL|AA20000000000|AE|BLN|AFInvalid patron: no card has that number.|`,
        '2',
      ),
    )
  })

  it('35/36: ends the patron session', async () => {
    expect(await c.send(`35${NOW}AOCARREL|AA${p.barcode}|`, '3')).toBe(
      sealed(`36Y${NOW}AOCARREL|AA${p.barcode}|AFThank you.|`, '3'),
    )
  })

  it('37/38: takes a payment against the oldest fees; refuses bad amounts and currencies', async () => {
    const before = (await listFees(env().ctx, w.lib.desk, p.id)).owedCents
    const paid = await c.send(`37${NOW}0100USDBV0.25|AOCARREL|AA${p.barcode}|BKT-88|`, '4')
    expect(paid).toBe(
      sealed(
        `38Y${NOW}AOCARREL|AA${p.barcode}|BKT-88|AFThank you. Still owed: ${money(before - 25)}.|`,
        '4',
      ),
    )
    expect((await listFees(env().ctx, w.lib.desk, p.id)).owedCents).toBe(before - 25)
    const junk = await c.send(`37${NOW}0100USDBVabc|AOCARREL|AA${p.barcode}|`, '5')
    expect(junk).toBe(
      sealed(
        `38N${NOW}AOCARREL|AA${p.barcode}|AFThe amount (BV) is not a valid sum of money.|`,
        '5',
      ),
    )
    const euros = await c.send(`37${NOW}0100EURBV0.25|AOCARREL|AA${p.barcode}|`, '6')
    expect(euros.slice(0, 3)).toBe('38N')
    expect(euros).toContain('AFPayments are taken in USD only.|')
    const tooMuch = await c.send(`37${NOW}0101USDBV900.00|AOCARREL|AA${p.barcode}|`, '7')
    expect(tooMuch.slice(0, 21)).toBe(`38N${NOW}`)
    expect((await listFees(env().ctx, w.lib.desk, p.id)).owedCents).toBe(before - 25)
  })

  it('01/24 and 25/26: a SIP account may not block or enable cards unless granted, and is told so', async () => {
    const q = await w.patron()
    const block = await c.send(`01Y${NOW}AOCARREL|ALCard retained|AA${q.barcode}|AC|`, '8')
    expect(block).toBe(
      sealed(
        `24YYYY          000${NOW}AOCARREL|AA${q.barcode}|AE|AFThis terminal may not do that; please ask staff.|`,
        '8',
      ),
    )
    const enable = await c.send(`25${NOW}AOCARREL|AA${q.barcode}|`, '9')
    expect(enable).toBe(
      sealed(
        `26YYYY          000${NOW}AOCARREL|AA${q.barcode}|AE|AFThis terminal may not do that; please ask staff.|`,
        '9',
      ),
    )
    // The card is untouched: still in good standing.
    const status = await c.send(`23000${NOW}AOCARREL|AA${q.barcode}|AC|AD${PIN}|`, '0')
    expect(status.slice(2, 16)).toBe(' '.repeat(14))
  })
})
