import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computerFixtures } from '../computers/queue-fixtures.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  signedInStaffPage,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: the computer waiting list in Chromium', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it(
    'join, see the place, the wall screen and leave in both languages; the desk list and a sheet of guest passes; axe on every page',
    { timeout: 120_000 },
    async () => {
      const f = computerFixtures(server.env.ctx)
      const group = await f.group('main', 'adult', 'Adults')
      await f.occupy((await f.computer(group, 'PC-01')).id)
      const [a, b] = [await f.patron(), await f.patron()]

      const patron = await browser.newContext({ baseURL: server.url })
      const page = await patron.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)

      await page.goto('/')
      await page.getByRole('link', { name: 'Wait for a computer' }).first().click()
      await page.getByRole('heading', { name: 'Wait for a public computer' }).waitFor()
      await expectAccessible(page, 'join the waiting list')
      await page.getByLabel('Library card number').fill(a.barcode)
      await page.getByLabel('PIN').fill('1111')
      await page.getByRole('button', { name: 'Join the waiting list' }).click()
      await page.getByRole('alert').getByText('The card number or PIN is not right.').waitFor()
      await expectAccessible(page, 'join refused')
      await page.getByLabel('PIN').fill('4826')
      await page.getByRole('button', { name: 'Join the waiting list' }).click()
      await page.getByRole('heading', { name: 'Ticket 1' }).waitFor()
      await page.getByText('You are next for the computers “Adults”.').waitFor()
      await expectAccessible(page, 'your place')

      // In Spanish: join, see the place, and the leave page.
      await page.goto('/es/computers/queue')
      await page.getByRole('heading', { name: 'Esperar una computadora pública' }).waitFor()
      await expectAccessible(page, 'join the waiting list (es)')
      await page.getByLabel('Número de la tarjeta de la biblioteca').fill(b.barcode)
      await page.getByLabel('PIN').fill('4826')
      await page.getByRole('button', { name: 'Anotarme en la lista de espera' }).click()
      await page.getByRole('heading', { name: 'Número 2' }).waitFor()
      await expectAccessible(page, 'your place (es)')
      await page.goto('/es/computers/queue/display/main')
      await page.getByRole('heading', { name: /Computadoras públicas/ }).waitFor()
      await expectAccessible(page, 'wall screen (es)')
      await page.goto('/computers/queue/display/main')
      await page.getByRole('cell', { name: 'Adults' }).waitFor()
      await expectAccessible(page, 'wall screen')
      // The wall's own browser opens it reloading itself; axe's meta-refresh rule (WCAG 2.2.1) is
      // the one it is allowed to break there: nobody reads or fills in a screen on the wall.
      await page.goto('/computers/queue/display/main?screen=1')
      await expectAccessible(page, 'wall screen, reloading itself', ['meta-refresh'])
      await page.goto('/es/computers/queue/leave')
      await expectAccessible(page, 'leave (es)')
      await page.goto('/computers/queue')
      await page.getByRole('link', { name: 'Leave the waiting list' }).click()
      await page.getByRole('heading', { name: 'Leave the waiting list?' }).waitFor()
      await expectAccessible(page, 'leave')
      await page.getByLabel('Library card number').fill(b.barcode)
      await page.getByLabel('PIN').fill('4826')
      await page.getByRole('button', { name: 'Yes, give up my place' }).click()
      await page.getByRole('heading', { name: 'You have left the waiting list' }).waitFor()
      await expectAccessible(page, 'left')
      await page.goto('/es/computers/queue/left')
      await expectAccessible(page, 'left (es)')

      // The desk: the list, an anonymous ticket, taking a place off after confirming.
      const {
        context: desk,
        page: staff,
        policy: staffPolicy,
      } = await signedInStaffPage(server, browser, 'circulation')
      await staff.getByRole('link', { name: 'Computer queue' }).click()
      await staff.getByRole('heading', { name: 'Computer waiting list', level: 1 }).waitFor()
      await expectAccessible(staff, 'desk waiting list')
      await staff.getByRole('button', { name: 'Add to the list' }).click()
      await staff.getByText('Ticket 3 is on the list.').waitFor()
      await expectAccessible(staff, 'desk list after adding')
      await staff.getByRole('link', { name: 'Remove ticket 3' }).click()
      await staff.getByRole('heading', { name: 'Take ticket 3 off the list?' }).waitFor()
      await expectAccessible(staff, 'remove confirmation')
      await staff.getByRole('button', { name: 'Yes, take it off' }).click()
      await staff.getByText('The place is taken off the list.').waitFor()

      // Guest passes: the form, the confirmation, the sheet with barcodes.
      await staff.getByRole('link', { name: 'Guest passes' }).click()
      await staff.getByRole('heading', { name: 'Guest passes', level: 1 }).waitFor()
      await expectAccessible(staff, 'guest pass form')
      await staff.getByLabel('How many passes').fill('4')
      await staff.getByRole('button', { name: 'Next' }).click()
      await staff.getByRole('heading', { name: 'Make 4 guest passes for Main?' }).waitFor()
      await expectAccessible(staff, 'guest pass confirmation')
      await staff.getByRole('button', { name: 'Yes, make them' }).click()
      await staff.getByRole('heading', { name: 'Guest passes for Main' }).waitFor()
      expect(await staff.locator('.pass .barcode svg').count()).toBe(4)
      await expectAccessible(staff, 'guest pass sheet')

      expect(await patron.cookies()).toEqual([])
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
      expect(policy).toEqual([])
      expect(staffPolicy).toEqual([])
      await patron.close()
      await desk.close()
    },
  )
})
