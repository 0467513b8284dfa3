import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { DAY } from '../../src/clock.js'
import { addDays, localDate } from '../../src/library/calendar.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from '../browser/browser-harness.js'

/*
 * The desk's safeguards in a real browser: axe on every new page and state, the access keys
 * really moving the cursor or the page, and the printed slip leaving only the slip on paper.
 */
describe.skipIf(!chromiumPresent())('browser: the desk safeguards in Chromium', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let policy: string[]
  let patronId: string
  let lost: string
  let held: string
  let east: string

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    const { ctx, clock } = server.env
    clock.set('2026-09-01T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const tz = ctx.config.library.timezone
    const p = await lib.patron({ expiresOn: addDays(localDate(clock.now(), tz), 40) })
    patronId = p.id
    lost = (await lib.title([{ price: 1800 }], 'The Umbrella Left Behind')).items[0]!.barcode
    await checkout(ctx, lib.desk, { patronBarcode: p.barcode, itemBarcode: lost, branch: 'main' })
    const t = await lib.title([{}], 'Songs for the Hold Shelf')
    held = t.items[0]!.barcode
    const holder = await lib.patron()
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: holder.id,
      recordId: t.record.id,
      pickupBranch: 'main',
    })
    east = (await lib.title([{ branch: 'east' }], 'Going East')).items[0]!.barcode
    clock.advance(24 * DAY)
    const username = `circ-${Math.random().toString(36).slice(2, 8)}`
    await staffActor(ctx, 'circulation', username)
    page = await (await browser.newContext({ baseURL: server.url })).newPage()
    page.setDefaultTimeout(8000)
    policy = watchPolicy(page)
    await page.goto('/staff/sign-in')
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(STAFF_PASSWORD)
    await page.getByLabel('Working at').selectOption('main')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the alerts first, asks before declaring lost, and offers undo: each state passes axe', async () => {
    await page.goto(`/staff/patrons/${patronId}`)
    await page.getByRole('heading', { name: 'Before you lend' }).waitFor()
    expect(await page.getByText('Card ending soon:').isVisible()).toBe(true)
    await expectAccessible(page, 'patron with alerts')
    await page.getByRole('button', { name: /Declare The Umbrella Left Behind .* lost/ }).click()
    await page.getByRole('heading', { name: 'Declare this item lost?' }).waitFor()
    expect(await page.getByText('Total to be billed').isVisible()).toBe(true)
    await expectAccessible(page, 'lost confirmation')
    await page.getByRole('button', { name: /^Declare lost and bill \$/ }).click()
    await page.getByRole('heading', { name: 'Declared lost in this session' }).waitFor()
    await expectAccessible(page, 'patron with an undo offer')
    await page.getByRole('button', { name: 'Undo declaring The Umbrella Left Behind' }).click()
    await page.getByText('Undone: “The Umbrella Left Behind”').waitFor()
    expect(await page.getByRole('heading', { name: 'Declared lost in this session' }).count()).toBe(
      0,
    )
  })

  /** An access key as a person presses it: Alt and the letter (Chromium on Linux and Windows). */
  const accessKey = async (key: string) => {
    const cdp = await page.context().newCDPSession(page)
    const code = `Key${key.toUpperCase()}`
    const common = {
      modifiers: 1,
      key,
      code,
      windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0),
    }
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...common })
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'char',
      text: key,
      unmodifiedText: key,
      ...common,
    })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common })
    await cdp.detach()
  }

  it('the access keys move between check-out, check-in and patron search', async () => {
    await page.goto(`/staff/patrons/${patronId}`)
    await page.locator('h1').click()
    await accessKey('o')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-itemBarcode')
    await accessKey('i')
    await page.getByRole('heading', { name: 'Check in', level: 1 }).waitFor()
    await accessKey('p')
    await page.waitForURL(/\/staff\?find=1$/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-value')
  })

  it('keeps the session’s returns and prints a slip with only the slip on paper', async () => {
    await page.goto('/staff/checkin')
    for (const barcode of [held, east]) {
      await page.getByLabel('Scan or type an item barcode').fill(barcode)
      await page.keyboard.press('Enter')
      await page.locator('section.slip').waitFor()
    }
    await page.getByRole('heading', { name: 'Returned in this session (2)' }).waitFor()
    await expectAccessible(page, 'check-in with the session list')
    await page.getByRole('link', { name: /Printable slip for Songs for the Hold Shelf/ }).click()
    await page.getByRole('heading', { name: 'Hold slip' }).waitFor()
    await expectAccessible(page, 'hold slip')
    expect(await page.getByRole('button', { name: 'Print slip' }).isVisible()).toBe(true)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header.site-header').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print slip' }).isVisible()).toBe(false)
    expect(await page.locator('section.slip').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })
    await page.goto(`/staff/checkin/slips/${east}`)
    await page.getByRole('heading', { name: 'Transit slip' }).waitFor()
    await expectAccessible(page, 'transit slip')
    expect(policy).toEqual([])
  })
})
