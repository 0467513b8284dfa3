import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { saveBranchDetails } from '../../src/library/branch-details.service.js'
import { addClosedDay, saveBranch } from '../../src/library/library.service.js'
import {
  chromiumPresent,
  signedInStaffPage,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 375, height: 812 }

describe.skipIf(!chromiumPresent())('browser: hours and locations, and the databases page', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    const { ctx, clock } = server.env
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    await saveBranchDetails(ctx, SYSTEM_ACTOR, 'main', {
      address: '200 Larkspur Avenue\nMillbrook, IL 60999',
      phone: '(312) 555-0142',
      email: 'ask@library.example.org',
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })),
    })
    await saveBranchDetails(ctx, SYSTEM_ACTOR, 'east', {
      address: '48 Orchard Street\nMillbrook, IL 60999',
      phone: '(312) 555-0167',
      hours: [
        { weekday: 6, opens: '10:00', closes: '13:00' },
        { weekday: 6, opens: '14:00', closes: '18:00' },
      ],
    })
    await addClosedDay(ctx, SYSTEM_ACTOR, { branch: '*', weekday: 0, note: 'Closed on Sundays' })
    await addClosedDay(ctx, SYSTEM_ACTOR, {
      branch: 'east',
      date: '2026-01-22',
      note: 'Painting the reading room',
    })
    clock.set('2026-01-15T16:00:00Z')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`passes axe on every page in both languages, reached from the home page (${name})`, async () => {
      const visitor = await browser.newContext({ baseURL: server.url, viewport })
      const page = await visitor.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)

      for (const [home, lang] of [
        ['/', 'en'],
        ['/es/', 'es'],
      ] as const) {
        await page.goto(home)
        const t = lang === 'en'
        await page
          .getByRole('link', { name: t ? 'See hours and locations' : 'Ver horarios y sucursales' })
          .click()
        await page
          .getByRole('heading', {
            level: 1,
            name: t ? 'Hours and locations' : 'Horarios y sucursales',
          })
          .waitFor()
        await expectAccessible(page, `branches (${lang}, ${name})`)
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
        ).toBeLessThanOrEqual(0)
        await page
          .getByText(t ? 'Open now, until 5:00 PM.' : 'Abierto ahora, hasta las 5:00 p.m.')
          .waitFor()
        await page
          .getByRole('link', { name: t ? 'More about East Branch' : 'Más sobre East Branch' })
          .click()
        await page.getByRole('heading', { level: 1, name: 'East Branch' }).waitFor()
        await page
          .getByText(
            t
              ? 'Thursday, January 22: Painting the reading room'
              : 'Jueves 22 de enero: Painting the reading room',
          )
          .waitFor()
        await expectAccessible(page, `a branch (${lang}, ${name})`)
        // Nothing makes the reader scroll sideways, even on a phone.
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
        ).toBeLessThanOrEqual(0)
        await page.goto(`${lang === 'es' ? '/es' : ''}/branches/nowhere`)
        await expectAccessible(page, `an unknown branch (${lang}, ${name})`)
        await page.goto(`${lang === 'es' ? '/es' : ''}/databases`)
        await page
          .getByRole('link', {
            name: t
              ? "Read Encyclopedia Online's privacy policy"
              : 'Leer la política de privacidad de Encyclopedia Online',
          })
          .waitFor()
        await expectAccessible(page, `databases (${lang}, ${name})`)
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
      }

      // Browsing set no cookie and used no storage (P7); no page broke the security policy.
      expect(await visitor.cookies()).toEqual([])
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
      expect(policy).toEqual([])
      await visitor.close()
    })
  }

  it("passes axe on the administrator's branch pages, and saves a week from the form", async () => {
    const { context: desk, page: page, policy } = await signedInStaffPage(server, browser, 'admin')
    await page.getByRole('link', { name: 'Branches' }).click()
    await page.getByRole('heading', { level: 1, name: 'Branches' }).waitFor()
    await expectAccessible(page, 'staff branches')
    await page.getByRole('link', { name: 'East Branch' }).click()
    await page.getByRole('heading', { level: 1, name: 'East Branch' }).waitFor()
    await expectAccessible(page, 'staff branch form')
    await page.getByLabel('Monday opens', { exact: true }).fill('12:00')
    await page.getByLabel('Monday closes', { exact: true }).fill('11:00')
    await page.getByRole('button', { name: 'Save address and hours' }).click()
    await page.getByRole('alert').getByText('A span must close after it opens.').waitFor()
    await expectAccessible(page, 'staff branch form refused')
    await page.getByLabel('Monday closes', { exact: true }).fill('19:00')
    await page.getByRole('button', { name: 'Save address and hours' }).click()
    await page.getByText('Saved the address and hours of East Branch.').waitFor()
    expect(policy).toEqual([])
    await desk.close()
  })
})
