import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumPresent,
  signedInStaffPage,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

// REQ-6.3: the suggestion and records-request forms, their thank-you pages (both languages) and
// the staff pages that handle them pass axe; the public pages set no cookie and use no storage.
describe.skipIf(!chromiumPresent())('browser: suggestions and records requests in Chromium', () => {
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
    'public forms and their thank-you pages, in English and Spanish',
    { timeout: 120_000 },
    async () => {
      const visitor = await browser.newContext({ baseURL: server.url })
      const page = await visitor.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)
      for (const lang of ['', '/es']) {
        const en = lang === ''
        await page.goto(`${lang}/suggestions`)
        await expectAccessible(page, `suggestions ${lang}`)
        await page
          .getByLabel(en ? 'Your suggestion or comment' : 'Su sugerencia o comentario')
          .fill('More study rooms.')
        await page.getByRole('button', { name: en ? 'Send' : 'Enviar', exact: true }).click()
        await page.getByRole('heading', { name: en ? 'Thank you' : 'Gracias' }).waitFor()
        await expectAccessible(page, `suggestion sent ${lang}`)

        await page.goto(`${lang}/records-requests`)
        await expectAccessible(page, `records requests ${lang}`)
        await page
          .getByLabel(en ? 'Which records do you want?' : '¿Qué documentos quiere?')
          .fill('The 2026 budget.')
        await page
          .getByLabel(en ? 'Email address (optional)' : 'Correo electrónico (opcional)')
          .fill('reader@example.org')
        await page
          .getByRole('button', { name: en ? 'Send the request' : 'Enviar la solicitud' })
          .click()
        await page
          .getByRole('heading', { name: en ? 'Your request has arrived' : 'Su solicitud llegó' })
          .waitFor()
        await expectAccessible(page, `request sent ${lang}`)
      }
      // A refused form is accessible too.
      await page.goto('/records-requests')
      await page.getByLabel('Which records do you want?').fill('Minutes')
      await page.getByRole('button', { name: 'Send the request' }).click()
      await page.getByRole('alert').waitFor()
      await expectAccessible(page, 'records request refused')
      expect(await visitor.cookies()).toEqual([])
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
      expect(policy).toEqual([])
    },
  )

  it(
    'the staff pages: suggestions and the records-request tracker',
    { timeout: 120_000 },
    async () => {
      const { page: staff, policy } = await signedInStaffPage(server, browser, 'admin')
      await staff.getByRole('link', { name: 'Suggestions' }).click()
      await staff.getByRole('heading', { name: 'Suggestions', level: 1 }).waitFor()
      await expectAccessible(staff, 'staff suggestions')
      await staff.getByRole('link', { name: 'More study rooms.' }).first().click()
      await expectAccessible(staff, 'staff suggestion')

      await staff.getByRole('link', { name: 'Records requests' }).click()
      await staff.getByRole('heading', { name: 'Records requests', level: 1 }).waitFor()
      await expectAccessible(staff, 'records tracker')
      await staff.getByRole('link', { name: /Enter a request/ }).click()
      await expectAccessible(staff, 'records intake')
      await staff.goto('/staff/records-requests')
      await staff.locator('td[data-label="Reference"] a').first().click()
      await staff.getByRole('heading', { name: /Records request R-/ }).waitFor()
      await expectAccessible(staff, 'records request')
      await staff.getByRole('link', { name: 'Close as denied' }).click()
      await expectAccessible(staff, 'close a request')
      expect(policy).toEqual([])
    },
  )
})
