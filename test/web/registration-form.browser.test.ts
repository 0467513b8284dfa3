// In Chromium: a refused registration opens with the focus on the error summary even with
// script switched off, the required fields read as required, and the pages pass axe.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  type Server,
} from '../browser/browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: the registration form', () => {
  let server: Server
  let browser: Browser
  const contexts: BrowserContext[] = []

  const signedIn = async (javaScriptEnabled: boolean): Promise<Page> => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled })
    contexts.push(context)
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    const username = `reg-form-${contexts.length}`
    await staffActor(server.env.ctx, 'librarian', username)
    await page.goto('/staff/sign-in')
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(STAFF_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()
    return page
  }

  /** Fills the form so that only the card number is refused (by the server, not the browser). */
  const refusedRegistration = async (page: Page) => {
    await page.goto('/staff/patrons/new')
    for (const [label, value] of [
      ['Given name', 'Ada'],
      ['Family name', 'Quill'],
      ['Address line 1', '1 Elm St'],
      ['Town or city', 'Thornton'],
      ['ZIP code', '60476'],
      ['Card number', '12'],
    ] as const)
      await page.getByLabel(label, { exact: true }).fill(value)
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await page.locator('#error-summary').waitFor()
  }

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await server?.close()
  })

  it('moves the focus to the error summary without script', async () => {
    const page = await signedIn(false)
    await page.goto('/staff/patrons/new')
    // A fresh form: nothing takes the focus.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY')
    await refusedRegistration(page)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary')
    const link = page.locator('#error-summary a')
    expect(await link.textContent()).toMatch(/^Card number: That card number does not fit/)
    expect(await link.getAttribute('href')).toBe('#f-barcode')
  })

  it('names required fields by their words, marks them required, and passes axe', async () => {
    const page = await signedIn(true)
    await page.goto('/staff/patrons/new')
    await expectAccessible(page, 'registration form')
    const given = page.getByRole('textbox', { name: 'Given name', exact: true })
    expect(await given.evaluate((el) => (el as HTMLInputElement).required)).toBe(true)
    expect(await given.getAttribute('aria-required')).toBe('true')
    const line2 = page.getByRole('textbox', { name: 'Address line 2', exact: true })
    expect(await line2.evaluate((el) => (el as HTMLInputElement).required)).toBe(false)
    // Clicking the label (mark and all) still reaches the field.
    await page.locator('label[for="f-givenName"]').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-givenName')

    await refusedRegistration(page)
    const card = page.getByRole('textbox', { name: 'Card number', exact: true })
    expect(await card.getAttribute('aria-invalid')).toBe('true')
    expect(await card.getAttribute('aria-describedby')).toContain('f-barcode-error')
    await expectAccessible(page, 'registration refused')
  })
})
