import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { describeEngines } from '../harness/engines.js'
import { checksumOk, sealed, type SipClient } from './sip-client.js'
import { NOW, PIN, sipWorld, type SipWorld } from './sip-world.js'

const DUE = '20260205    235959'

describeEngines('SIP2 item and hold messages', (env) => {
  let w: SipWorld
  let c: SipClient
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
    c = (await w.loggedIn()).c
  })
  afterAll(() => w.close())

  it('17/18: status, due date and queue length by position; an unknown item is "other"', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    const shelf = await c.send(`17${NOW}AOCARREL|AB${item}|AC|`, '1')
    expect(shelf).toBe(
      sealed(`18030001${NOW}CF0|AB${item}|AJ${record.title}|BGCARREL|CK001|AQmain|APmain|`, '1'),
    )
    // circulation status (2), security marker (2), fee type (2), then the date.
    expect([shelf.slice(2, 4), shelf.slice(4, 6), shelf.slice(6, 8), shelf.slice(8, 26)]).toEqual([
      '03',
      '00',
      '01',
      NOW,
    ])
    await checkout(env().ctx, w.lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item,
      branch: 'main',
    })
    const out = await c.send(`17${NOW}AOCARREL|AB${item}|`, '2')
    expect(out).toBe(
      sealed(
        `18040001${NOW}CF0|AH${DUE}|AB${item}|AJ${record.title}|BGCARREL|CK001|AQmain|APmain|`,
        '2',
      ),
    )
    const unknown = await c.send(`17${NOW}AOCARREL|AB3missing|`, '3')
    expect(unknown).toBe(
      sealed(`18010101${NOW}AB3missing|AJ|AFInvalid item: no item has that barcode.|`, '3'),
    )
  })

  it('19/20: item properties are not stored, and the answer says so', async () => {
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    const line = await c.send(`19${NOW}AOCARREL|AB${item}|CHsome properties|`, '4')
    expect(line).toBe(
      sealed(`200${NOW}AB${item}|AJ${record.title}|AFCarrel does not store item properties.|`, '4'),
    )
    expect(checksumOk(line)).toBe(true)
  })

  it('15/16: places and cancels a title-level hold; refuses a change', async () => {
    const p = await w.patron()
    const q = await w.patron()
    const { record, items } = await w.lib.title()
    const item = items[0]!.barcode
    await checkout(env().ctx, w.lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: item,
      branch: 'main',
    })
    const placed = await c.send(`15+${NOW}BSmain|AOCARREL|AA${q.barcode}|AD${PIN}|AB${item}|`, '5')
    expect(placed).toBe(
      sealed(`161N${NOW}BR1|BSmain|AOCARREL|AA${q.barcode}|AB${item}|AJ${record.title}|`, '5'),
    )
    const queue = await c.send(`17${NOW}AOCARREL|AB${item}|`, '6')
    expect(queue).toContain(`${NOW}CF1|`)
    const twice = await c.send(`15+${NOW}AOCARREL|AA${q.barcode}|AJ${record.id}|`, '7')
    expect(twice).toBe(
      sealed(
        `160N${NOW}AOCARREL|AA${q.barcode}|AJ${record.id}|AFThis patron already has a hold on this title.|`,
        '7',
      ),
    )
    const change = await c.send(`15*${NOW}AOCARREL|AA${q.barcode}|AB${item}|`, '8')
    expect(change).toBe(
      sealed(
        `160N${NOW}AOCARREL|AA${q.barcode}|AB${item}|AFHolds cannot be changed here; cancel the hold and place it again.|`,
        '8',
      ),
    )
    const cancelled = await c.send(`15-${NOW}AOCARREL|AA${q.barcode}|AB${item}|`, '9')
    expect(cancelled).toBe(
      sealed(
        `161N${NOW}BSmain|AOCARREL|AA${q.barcode}|AB${item}|AJ${record.title}|AFHold cancelled.|`,
        '9',
      ),
    )
    const none = await c.send(`15-${NOW}AOCARREL|AA${q.barcode}|AB${item}|`, '0')
    expect(none).toContain('|AFThis patron has no hold on that title.|')
    expect(none.slice(0, 4)).toBe('160N')
  })
})
