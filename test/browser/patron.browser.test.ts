import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { setUpLibrary } from '../harness/library.js'
import { patronWithPin, PIN } from '../web/web-harness.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: a patron in Chromium', () => {
  let server: Server
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let policy: string[]
  let patron: Awaited<ReturnType<typeof patronWithPin>>
  let wanted: string

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    const ctx = server.env.ctx
    const lib = await setUpLibrary(ctx)
    patron = await patronWithPin(ctx)
    const lent = await lib.title([{}], 'A Map of Quiet Rivers')
    await checkout(ctx, lib.desk, {
      patronBarcode: patron.barcode,
      itemBarcode: lent.items[0]?.barcode ?? '',
      branch: 'main',
    })
    wanted = (await lib.title([{}, { branch: 'east' }], 'The Glasshouse Year')).record.id
    context = await browser.newContext({ baseURL: server.url, acceptDownloads: true })
    page = await context.newPage()
    page.setDefaultTimeout(8000)
    policy = watchPolicy(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('browses the public pages with no cookie and no browser storage, and every page passes axe', async () => {
    for (const path of [
      '/',
      '/search',
      '/leaving?to=ftp%3A%2F%2Fx',
      '/nowhere',
      '/privacy',
      '/wifi',
      '/databases',
    ]) {
      await page.goto(path)
      await expectAccessible(page, path)
    }
    await page.getByRole('link', { name: 'Open Encyclopedia Online' }).click()
    await expect.poll(() => page.url()).toContain('/leaving?to=')
    await expectAccessible(page, 'exit notice')
    const onward = page.getByRole('link', { name: /Continue to encyclopedia\.example\.com/ })
    expect(await onward.getAttribute('rel')).toBe('noopener noreferrer')

    await page.goto('/')
    await page.getByLabel('Search by title, author or keyword').fill('glasshouse')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: '1 title found' }).waitFor()
    await expectAccessible(page, 'search results')
    await page.getByRole('link', { name: 'The Glasshouse Year' }).click()
    await page.getByRole('heading', { name: 'Where to find it' }).waitFor()
    await expectAccessible(page, 'record')

    expect(await context.cookies()).toEqual([])
    const storage = await page.evaluate(() => localStorage.length + sessionStorage.length)
    expect(storage).toBe(0)
  })

  it('places a hold through sign-in, with one session-only cookie for /account', async () => {
    await page.goto(`/records/${wanted}`)
    await page.getByRole('link', { name: 'Place a hold' }).click()
    await page.getByRole('heading', { name: 'Sign in to your account' }).waitFor()
    await expectAccessible(page, 'sign-in')
    expect(await context.cookies()).toEqual([])
    await page.getByLabel('Library card number').fill(patron.barcode)
    await page.getByLabel('PIN').fill('00000000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('The card number or PIN is not right.').waitFor()
    await expectAccessible(page, 'sign-in refused')
    expect(await context.cookies()).toEqual([])
    await page.getByLabel('PIN').fill(PIN)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('heading', { name: 'Place a hold' }).waitFor()
    const cookies = await context.cookies()
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatchObject({
      name: 'carrel_account',
      path: '/account',
      httpOnly: true,
      sameSite: 'Strict',
      expires: -1,
    })
    await expectAccessible(page, 'place a hold')
    await page.getByLabel('Pick it up at').selectOption('east')
    await page.getByRole('button', { name: 'Place hold' }).click()
    await page.getByText('Hold placed on “The Glasshouse Year”').waitFor()
    await expectAccessible(page, 'holds')

    // Cancelling gives up the place in the queue, so the page asks first.
    await page.getByRole('link', { name: 'Cancel hold on The Glasshouse Year' }).click()
    await page.getByRole('button', { name: 'Yes, cancel the hold' }).click()
    await page.getByText('Hold canceled.').waitFor()
    await page.getByText('You have no holds.').waitFor()
  })

  it('renews a checkout and downloads My data', async () => {
    await page.goto('/account')
    await expectAccessible(page, 'account')
    await page.getByRole('button', { name: 'Renew A Map of Quiet Rivers' }).click()
    await page.getByText(/Renewed “A Map of Quiet Rivers”\. It is now due/).waitFor()
    await expectAccessible(page, 'account after renewing')

    await page.getByRole('link', { name: 'My data' }).click()
    await page.getByRole('heading', { name: 'My data', level: 1 }).waitFor()
    await expectAccessible(page, 'my data')
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as JSON' }).click(),
    ])
    expect(json.suggestedFilename()).toMatch(/^my-library-data-\d{4}-\d{2}-\d{2}\.json$/)
    const data = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      sections: { what: string }[]
    }
    expect(data.sections.map((s) => s.what)).toContain('Registration')
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download as CSV/ }).click(),
    ])
    expect(readFileSync(await csv.path(), 'utf8')).toContain(patron.familyName)
  })

  it('passes axe on every other account page, then signs out', async () => {
    for (const path of [
      '/account/holds',
      '/account/fines',
      '/account/history',
      '/account/choices',
      '/account/accesses',
      '/account/pin',
    ]) {
      await page.goto(path)
      await expectAccessible(page, path)
    }
    await page.goto('/account/holds/new?record=missing')
    await expectAccessible(page, 'not found')
    await page.goto('/account')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(`${server.url}/`)
    expect(await context.cookies()).toEqual([])
    expect(policy).toEqual([])
  })
})
