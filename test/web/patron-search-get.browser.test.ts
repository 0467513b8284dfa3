// In Chromium: a patron search, then a patron, then Back shows the results again at once,
// with no "confirm form resubmission" stop, and the words never reach the address bar.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  type Server,
} from '../browser/browser-harness.js'
import { patronWithPin } from './web-harness.js'

describe.skipIf(!chromiumPresent())('browser: patron search and Back', () => {
  let server: Server
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    page = await (await browser.newContext({ baseURL: server.url })).newPage()
    page.setDefaultTimeout(8000)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('goes back from a patron to the results, and forward again', async () => {
    const patron = await patronWithPin(server.env.ctx)
    await staffActor(server.env.ctx, 'circulation', 'search-back-desk')
    await page.goto('/staff/sign-in')
    await page.getByLabel('Username').fill('search-back-desk')
    await page.getByLabel('Password').fill(STAFF_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()

    await page.getByLabel('Search for').fill(patron.familyName)
    await page.getByRole('button', { name: 'Find' }).click()
    await page.getByRole('heading', { name: 'Patrons found' }).waitFor()
    const results = page.url()
    expect(results).toMatch(/\/staff\/patrons\/search\?r=[A-Za-z0-9_-]{8}$/)
    expect(results).not.toContain(patron.familyName)
    await expectAccessible(page, 'patron search results')

    const name = `${patron.familyName}, ${patron.givenName}`
    await page.getByRole('link', { name }).click()
    await page.getByRole('heading', { name }).waitFor()
    const answer = await page.goBack()
    expect(answer?.status()).toBe(200)
    expect(page.url()).toBe(results)
    await page.getByRole('heading', { name: 'Patrons found' }).waitFor()
    await page.getByRole('link', { name }).waitFor()
    await page.goForward()
    await page.getByRole('heading', { name }).waitFor()
    await page.goBack()
    await page.reload()
    await page.getByRole('link', { name }).waitFor()

    await page.goto('/staff/patrons/search?r=unknown0')
    await page.getByText('That search is no longer held').waitFor()
    await expectAccessible(page, 'expired search')
  })
})
