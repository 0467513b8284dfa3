import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { DAY } from '../../src/clock.js'
import { describeEngines } from '../harness/engines.js'
import { checksumOk, sealed, type SipClient } from './sip-client.js'
import { BLANK_DATE, NOW, PIN, sipWorld, type SipWorld } from './sip-world.js'

const DUE = '20260205    235959' // 21 days after 2026-01-15, at the close of the local day

describeEngines('SIP2 circulation messages', (env) => {
  let w: SipWorld
  let c: SipClient
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
    c = (await w.loggedIn()).c
  })
  afterAll(() => w.close())

  const openLoans = async (itemBarcode: string) => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from loans
      join items on items.id = loans.item_id
      where items.barcode = ${itemBarcode} and loans.returned_at is null`.execute(env().ctx.db)
    return Number(rows[0]?.n)
  }

  const checkedOutAt = async (itemBarcode: string) => {
    const { rows } = await sql<{ at: string }>`select checked_out_at as at from loans
      join items on items.id = loans.item_id where items.barcode = ${itemBarcode}`.execute(
      env().ctx.db,
    )
    return rows[0]?.at
  }

  it('11/12: lends an item; a retransmission (same AY and checksum) is not lent twice', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    const request = `11YN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${item}|AC|AD${PIN}|`
    const line = await c.send(request, '1')
    expect(line).toBe(
      sealed(`121NNY${NOW}AOCARREL|AA${p.barcode}|AB${item}|AJ${record.title}|AH${DUE}|`, '1'),
    )
    expect(checksumOk(line)).toBe(true)
    expect(await c.send(request, '1')).toBe(line)
    expect(await openLoans(item)).toBe(1)
    // Sent again as a new message: the patron already has it, so it is renewed.
    const again = await c.send(request, '2')
    expect(again).toBe(
      sealed(`121YNY${NOW}AOCARREL|AA${p.barcode}|AB${item}|AJ${record.title}|AH${DUE}|`, '2'),
    )
    const q = await w.patron()
    const taken = await c.send(`11NN${NOW}${BLANK_DATE}AOCARREL|AA${q.barcode}|AB${item}|AC|`, '3')
    expect(taken).toBe(
      sealed(
        `120NNN${NOW}AOCARREL|AA${q.barcode}|AB${item}|AJ${record.title}|AH|AFThis item is already on loan.|BLY|`,
        '3',
      ),
    )
  })

  it('11/12: a wrong PIN, an unknown card and an unknown item are refused with reasons', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    const pin = await c.send(
      `11YN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${item}|AC|AD1357|`,
      '4',
    )
    expect(pin).toBe(
      sealed(
        `120NNN${NOW}AOCARREL|AA${p.barcode}|AB${item}|AJ${record.title}|AH|AFThe card number or PIN is not right.|BLY|CQN|`,
        '4',
      ),
    )
    const card = await c.send(`11YN${NOW}${BLANK_DATE}AOCARREL|AA21111111111|AB${item}|AC|`, '5')
    expect(card).toBe(
      sealed(
        `120NNN${NOW}AOCARREL|AA21111111111|AB${item}|AJ${record.title}|AH|AFInvalid patron: no card has that number.|BLN|`,
        '5',
      ),
    )
    const nothing = await c.send(`11YN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB3none|AC|`, '6')
    expect(nothing).toContain('|AJ|AH|AFInvalid item: no item has that barcode.|BLY|')
    expect(nothing.slice(0, 6)).toBe('120NUN')
  })

  it('11/12 no-block: an offline checkout is recorded at the time it happened', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    const when = '20260114    163000' // yesterday afternoon, local time
    const offline = await c.send(`11NY${when}${DUE}AOCARREL|AA${p.barcode}|AB${item}|AC|`, '7')
    // Due 21 days after it really happened (the service has no input for the SC's own due date).
    expect(offline).toBe(
      sealed(
        `121NNY${NOW}AOCARREL|AA${p.barcode}|AB${item}|AJ${record.title}|AH20260204    235959|`,
        '7',
      ),
    )
    expect(await checkedOutAt(item)).toBe('2026-01-14T22:30:00.000Z')
  })

  it('11/12 no-block: a checkout that would be blocked online is still recorded', async () => {
    const p = await w.patron()
    const { items } = await w.lib.title([{ itemType: 'reference' }])
    const item = items[0]!.barcode
    const online = await c.send(`11NN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${item}|AC|`, '8')
    expect(online).toContain('|AFThis item is not for loan.|')
    const offline = await c.send(`11NY${NOW}${DUE}AOCARREL|AA${p.barcode}|AB${item}|AC|`, '9')
    expect(offline.slice(0, 6)).toBe('121NNY')
    expect(await openLoans(item)).toBe(1)
  })

  it('09/10: checks in; routes to a waiting hold with an alert; refuses what is not on loan', async () => {
    const { ctx } = env()
    const p = await w.patron()
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    await checkout(ctx, w.lib.desk, { patronBarcode: p.barcode, itemBarcode: item, branch: 'main' })
    const back = await c.send(`09N${NOW}${NOW}APmain|AOCARREL|AB${item}|AC|`, '9')
    expect(back).toBe(sealed(`101YNN${NOW}AOCARREL|AB${item}|AQmain|AJ${record.title}|`, '9'))
    const again = await c.send(`09N${NOW}${NOW}APmain|AOCARREL|AB${item}|AC|`, '0')
    expect(again).toBe(
      sealed(
        `100YNN${NOW}AOCARREL|AB${item}|AQmain|AJ${record.title}|AFThis item was not checked out.|`,
        '0',
      ),
    )
    const q = await w.patron()
    await checkout(ctx, w.lib.desk, { patronBarcode: p.barcode, itemBarcode: item, branch: 'main' })
    await placeHold(ctx, w.lib.desk, { patronId: q.id, recordId: record.id, pickupBranch: 'main' })
    const held = await c.send(`09N${NOW}${NOW}APmain|AOCARREL|AB${item}|AC|`, '1')
    expect(held).toMatch(
      new RegExp(
        `^101YNY${NOW}AOCARREL\\|AB${item}\\|AQmain\\|AJ${record.title}\\|CTmain\\|CV01\\|AFHold: put it on the hold shelf under pickup code [A-Z0-9-]+\\.\\|AY1AZ[0-9A-F]{4}$`,
      ),
    )
    expect(checksumOk(held)).toBe(true)
    const unknown = await c.send(`09N${NOW}${NOW}APmain|AOCARREL|AB3nope|AC|`, '2')
    expect(unknown).toBe(
      sealed(
        `100NUY${NOW}AOCARREL|AB3nope|AQ|CV99|AFInvalid item: no item has that barcode.|`,
        '2',
      ),
    )
  })

  it('29/30 and 65/66: renews one item, then all; a title someone waits for is not renewed', async () => {
    const { ctx, clock } = env()
    const p = await w.patron()
    const q = await w.patron()
    const a = await w.lib.title()
    const b = await w.lib.title()
    for (const t of [a, b])
      await checkout(ctx, w.lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: t.items[0]!.barcode,
        branch: 'main',
      })
    await placeHold(ctx, w.lib.desk, {
      patronId: q.id,
      recordId: b.record.id,
      pickupBranch: 'main',
    })
    const start = clock.now()
    clock.advance(10 * DAY)
    try {
      const later = '20260125    040000'
      const due = '20260215    235959'
      const one = await c.send(
        `29NN${later}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${a.items[0]!.barcode}|AD${PIN}|`,
        '3',
      )
      expect(one).toBe(
        sealed(
          `301YNN${later}AOCARREL|AA${p.barcode}|AB${a.items[0]!.barcode}|AJ${a.record.title}|AH${due}|`,
          '3',
        ),
      )
      const refused = await c.send(
        `29NN${later}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${b.items[0]!.barcode}|`,
        '4',
      )
      expect(refused).toBe(
        sealed(
          `300NNN${later}AOCARREL|AA${p.barcode}|AB${b.items[0]!.barcode}|AJ${b.record.title}|AH|AFAnother patron is waiting for this title, so it cannot be renewed.|BLY|`,
          '4',
        ),
      )
      const all = await c.send(`65${later}AOCARREL|AA${p.barcode}|AD${PIN}|`, '5')
      expect(all).toBe(
        sealed(
          `66100010001${later}AOCARREL|BM${a.items[0]!.barcode}|BN${b.items[0]!.barcode}|AFRenewed 1 of 2 items.|`,
          '5',
        ),
      )
      const nobody = await c.send(`65${later}AOCARREL|AA20000000001|`, '6')
      expect(nobody).toBe(
        sealed(`66000000000${later}AOCARREL|AFInvalid patron: no card has that number.|`, '6'),
      )
    } finally {
      clock.set(start)
    }
  })
})
