import { afterAll, beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { updateItem } from '../../src/catalog/catalog.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { saveItemType } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { checksumOk, type SipClient } from './sip-client.js'
import { BLANK_DATE, NOW, PIN, sipWorld, type SipWorld } from './sip-world.js'

const DUE = '20260205    235959' // 21 days after 2026-01-15, at the close of the local day

describeEngines('SIP2 fidelity: magnetic media, security marker, refusals, check-in', (env) => {
  let w: SipWorld
  let c: SipClient
  let seq = 0
  /** One exchange; the answer must carry a good checksum and the sequence number sent. */
  const send = async (text: string) => {
    const n = String(seq++ % 10)
    const line = await c.send(text, n)
    expect(checksumOk(line)).toBe(true)
    expect(line).toMatch(new RegExp(`AY${n}AZ[0-9A-F]{4}$`))
    return line.replace(/AY\dAZ[0-9A-F]{4}$/, '')
  }
  const lend = (patron: string, item: string, extra = '') =>
    send(`11YN${NOW}${BLANK_DATE}AOCARREL|AA${patron}|AB${item}|AC|${extra}`)
  const giveBack = (item: string) => send(`09N${NOW}${NOW}APmain|AOCARREL|AB${item}|AC|`)
  const renewIt = (patron: string, item: string) =>
    send(`29NN${NOW}${BLANK_DATE}AOCARREL|AA${patron}|AB${item}|AD${PIN}|`)
  const info = (item: string) => send(`17${NOW}AOCARREL|AB${item}|AC|`)

  beforeAll(async () => {
    w = await sipWorld(env().ctx)
    c = (await w.loggedIn()).c
  })
  afterAll(() => w.close())

  it('a DVD is magnetic media by its type: 12, 10, 30 say Y and never desensitize or resensitize', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title([{ itemType: 'dvd' }])
    const dvd = items[0]!.barcode
    expect(await lend(p.barcode, dvd, `AD${PIN}|`)).toBe(
      `121NYN${NOW}AOCARREL|AA${p.barcode}|AB${dvd}|AJ${record.title}|AH${DUE}|`,
    )
    expect(await renewIt(p.barcode, dvd)).toBe(
      `301YYN${NOW}AOCARREL|AA${p.barcode}|AB${dvd}|AJ${record.title}|AH${DUE}|`,
    )
    expect(await giveBack(dvd)).toBe(`101NYN${NOW}AOCARREL|AB${dvd}|AQmain|AJ${record.title}|`)
  })

  it('a copy’s own N overrides its DVD type: desensitized on loan, resensitized on return', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title([{ itemType: 'dvd' }])
    const copy = items[0]!.barcode
    await updateItem(env().ctx, SYSTEM_ACTOR, copy, { magneticMedia: 'N' })
    expect(await lend(p.barcode, copy)).toBe(
      `121NNY${NOW}AOCARREL|AA${p.barcode}|AB${copy}|AJ${record.title}|AH${DUE}|`,
    )
    expect(await renewIt(p.barcode, copy)).toBe(
      `301YNN${NOW}AOCARREL|AA${p.barcode}|AB${copy}|AJ${record.title}|AH${DUE}|`,
    )
    expect(await giveBack(copy)).toBe(`101YNN${NOW}AOCARREL|AB${copy}|AQmain|AJ${record.title}|`)
    // Cleared, the copy takes its type's Y again.
    await updateItem(env().ctx, SYSTEM_ACTOR, copy, { magneticMedia: null })
    expect((await lend(p.barcode, copy)).slice(0, 6)).toBe('121NYN')
  })

  it('an item type that does not say sends U, and the strip is handled as before', async () => {
    const { ctx } = env()
    await saveItemType(ctx, SYSTEM_ACTOR, { code: 'kit', name: 'Kit' })
    const p = await w.patron()
    const { record, items } = await w.lib.title([{ itemType: 'kit' }])
    const kit = items[0]!.barcode
    expect(await lend(p.barcode, kit)).toBe(
      `121NUY${NOW}AOCARREL|AA${p.barcode}|AB${kit}|AJ${record.title}|AH${DUE}|`,
    )
    expect(await giveBack(kit)).toBe(`101YUN${NOW}AOCARREL|AB${kit}|AQmain|AJ${record.title}|`)
  })

  it('18 carries the security marker: the type’s, or the copy’s own 02', async () => {
    const { ctx } = env()
    await saveItemType(ctx, SYSTEM_ACTOR, {
      code: 'audiobook',
      name: 'Audiobook',
      magneticMedia: 'Y',
      securityMarker: '03',
    })
    const { record, items } = await w.lib.title([{ itemType: 'audiobook' }, {}])
    const [byType, own] = [items[0]!.barcode, items[1]!.barcode]
    await updateItem(ctx, SYSTEM_ACTOR, own, { securityMarker: '02' })
    expect(await info(byType)).toBe(
      `18030301${NOW}CF0|AB${byType}|AJ${record.title}|BGCARREL|CK001|AQmain|APmain|`,
    )
    const line = await info(own)
    expect([line.slice(2, 4), line.slice(4, 6), line.slice(6, 8)]).toEqual(['03', '02', '01'])
    // A book with nothing set keeps marker 00 ("other").
    const { items: books } = await w.lib.title()
    expect((await info(books[0]!.barcode)).slice(4, 6)).toBe('00')
    // The copy's marker travels in 18 only; magnetic media in 12 follows the type's Y.
    const p = await w.patron()
    expect((await lend(p.barcode, own)).slice(0, 6)).toBe('121NNY')
    expect((await lend(p.barcode, byType)).slice(0, 6)).toBe('121NYN')
  })

  it('12 refusals: BL and the title whenever the item is known', async () => {
    const { ctx } = env()
    const p = await w.patron()
    const q = await w.patron()
    const { record, items } = await w.lib.title([{ itemType: 'dvd' }])
    const dvd = items[0]!.barcode
    await checkout(ctx, w.lib.desk, { patronBarcode: q.barcode, itemBarcode: dvd, branch: 'main' })
    // Unknown item, known patron: BLY, AJ empty, magnetic media unknown.
    expect(await lend(p.barcode, '3nothing-here')).toBe(
      `120NUN${NOW}AOCARREL|AA${p.barcode}|AB3nothing-here|AJ|AH|AFInvalid item: no item has that barcode.|BLY|`,
    )
    // Known item on loan to someone else: the title, BLY, and the copy's own magnetic media.
    expect(await lend(p.barcode, dvd)).toBe(
      `120NYN${NOW}AOCARREL|AA${p.barcode}|AB${dvd}|AJ${record.title}|AH|AFThis item is checked out to another patron.|BLY|`,
    )
    expect(await send(`11NN${NOW}${BLANK_DATE}AOCARREL|AA${p.barcode}|AB${dvd}|AC|`)).toBe(
      `120NYN${NOW}AOCARREL|AA${p.barcode}|AB${dvd}|AJ${record.title}|AH|AFThis item is already on loan.|BLY|`,
    )
    // Unknown patron: BLN, still with the title.
    expect(await lend('21111111111119', dvd)).toBe(
      `120NYN${NOW}AOCARREL|AA21111111111119|AB${dvd}|AJ${record.title}|AH|AFInvalid patron: no card has that number.|BLN|`,
    )
    // Unknown patron and unknown item.
    expect(await lend('21111111111119', '3nothing-here')).toBe(
      `120NUN${NOW}AOCARREL|AA21111111111119|AB3nothing-here|AJ|AH|AFInvalid patron: no card has that number.|BLN|`,
    )
    // A wrong PIN: BLY and CQN, and no name anywhere.
    const wrong = await lend(p.barcode, dvd, 'AD0000|')
    expect(wrong).toBe(
      `120NYN${NOW}AOCARREL|AA${p.barcode}|AB${dvd}|AJ${record.title}|AH|AFThe card number or PIN is not right.|BLY|CQN|`,
    )
    expect(wrong).not.toContain(p.input.familyName)
  })

  it('30 refusals: BL and the title whenever the item is known', async () => {
    const p = await w.patron()
    const { record, items } = await w.lib.title()
    const book = items[0]!.barcode
    expect(await renewIt(p.barcode, book)).toBe(
      `300NNN${NOW}AOCARREL|AA${p.barcode}|AB${book}|AJ${record.title}|AH|AFThis item is not on loan.|BLY|`,
    )
    expect(await renewIt(p.barcode, '3nothing-here')).toBe(
      `300NUN${NOW}AOCARREL|AA${p.barcode}|AB3nothing-here|AJ|AH|AFInvalid item: no item has that barcode.|BLY|`,
    )
    expect(await send(`29NN${NOW}${BLANK_DATE}AOCARREL|AA21111111111119|AB${book}|`)).toBe(
      `300NNN${NOW}AOCARREL|AA21111111111119|AB${book}|AJ${record.title}|AH|AFThis item is not on loan.|BLN|`,
    )
  })

  it('09 of a copy that is not on loan: ok 0 but resensitize Y; an unknown item: N', async () => {
    const { record, items } = await w.lib.title()
    const book = items[0]!.barcode
    expect(await giveBack(book)).toBe(
      `100YNN${NOW}AOCARREL|AB${book}|AQmain|AJ${record.title}|AFThis item was not checked out.|`,
    )
    expect(await giveBack('3nothing-here')).toBe(
      `100NUY${NOW}AOCARREL|AB3nothing-here|AQ|CV99|AFInvalid item: no item has that barcode.|`,
    )
  })

  it('09 never names the borrower, whatever the strip says', async () => {
    const { ctx } = env()
    const p = await w.patron()
    const { items } = await w.lib.title([{ itemType: 'dvd' }])
    const dvd = items[0]!.barcode
    await checkout(ctx, w.lib.desk, { patronBarcode: p.barcode, itemBarcode: dvd, branch: 'main' })
    const back = await giveBack(dvd)
    expect(back.slice(0, 6)).toBe('101NYN')
    expect(back).not.toContain('|AA')
    expect(back).not.toContain(p.barcode)
  })
})
