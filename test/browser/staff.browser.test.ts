import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import type { StaffRole } from '../../src/staff/staff.tables.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { patronWithPin } from '../web/web-harness.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: the staff desk in Chromium', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let policy: string[]
  let borrower: Awaited<ReturnType<typeof patronWithPin>>
  let holder: Awaited<ReturnType<typeof patronWithPin>>
  let held: { record: string; item: string }
  let other: string
  let spare: string

  const signIn = async (p: Page, role: StaffRole) => {
    const username = `${role.replace('_', '-')}-${Math.random().toString(36).slice(2, 8)}`
    await staffActor(server.env.ctx, role, username)
    await p.goto('/staff/sign-in')
    await p.getByLabel('Username').fill(username)
    await p.getByLabel('Password').fill(STAFF_PASSWORD)
    await p.getByLabel('Working at').selectOption('main')
    await p.getByRole('button', { name: 'Sign in' }).click()
    await p.getByRole('heading', { name: 'Circulation desk' }).waitFor()
  }

  const scan = async (label: string, value: string) => {
    // A scanner types into the focused field and presses Enter.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(label)
    await page.keyboard.type(value)
    await page.keyboard.press('Enter')
  }

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    const ctx = server.env.ctx
    const lib = await setUpLibrary(ctx)
    borrower = await patronWithPin(ctx)
    holder = await patronWithPin(ctx)
    const t = await lib.title([{}], 'Songs for a Long Winter')
    held = { record: t.record.id, item: t.items[0]?.barcode ?? '' }
    other = (await lib.title([{}], 'Bicycle Repair for Everyone')).items[0]?.barcode ?? ''
    spare = (await lib.title([{}], 'Tea with the Lighthouse Keeper')).items[0]?.barcode ?? ''
    await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: holder.id,
      recordId: held.record,
      pickupBranch: 'main',
    })
    page = await (await browser.newContext({ baseURL: server.url })).newPage()
    page.setDefaultTimeout(8000)
    policy = watchPolicy(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('scans a card, then items, and the loans list updates in place with the cursor back in the scan field', async () => {
    await page.goto('/staff/sign-in')
    await expectAccessible(page, 'staff sign-in')
    await signIn(page, 'librarian')
    await expectAccessible(page, 'desk')
    await page.getByLabel('Search for').fill(borrower.familyName)
    await page.getByRole('button', { name: 'Find' }).click()
    await page.getByRole('heading', { name: 'Patrons found' }).waitFor()
    await expectAccessible(page, 'patron search results')
    await page.goto('/staff')
    await scan('barcode', borrower.barcode)
    await page
      .getByRole('heading', { name: `${borrower.familyName}, ${borrower.givenName}` })
      .waitFor()
    await expectAccessible(page, 'patron at the desk')

    // htmx swaps the panel: no page load happens between the scans. (Before htmx has loaded, a
    // scan is a plain form post, which works too; the test waits for the page to finish loading
    // so that it checks the swap, not that race.)
    await page.waitForLoadState('load')
    await page.waitForFunction(() => 'htmx' in window)
    let loads = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) loads += 1
    })
    // htmx binds the swapped-in form only when the swap settles; a scan before that is a plain
    // form post (which works, with a page load), so the test waits for the settle.
    const settled = page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          document.addEventListener('htmx:afterSettle', () => resolve(), { once: true }),
        ),
    )
    await scan('itemBarcode', other)
    await page.getByText('Checked out “Bicycle Repair for Everyone”').waitFor()
    await settled
    await scan('itemBarcode', held.item)
    await page.getByText('Checked out “Songs for a Long Winter”').waitFor()
    await page.getByRole('heading', { name: 'On loan (2)' }).waitFor()
    expect(loads).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-itemBarcode')
    await expectAccessible(page, 'patron after two checkouts')
  })

  it('checks in the held title and shows a pickup-code slip that names nobody', async () => {
    await page.getByRole('link', { name: 'Check in', exact: true }).click()
    await page.getByRole('heading', { name: 'Check in', level: 1 }).waitFor()
    await expectAccessible(page, 'check-in')
    await scan('itemBarcode', held.item)
    const slip = page.locator('section.slip')
    await slip.getByRole('heading', { name: 'Put on the hold shelf' }).waitFor()
    const code = (await slip.locator('.code').textContent()) ?? ''
    expect(code).toMatch(/^\S{3,}$/)
    const text = (await slip.textContent()) ?? ''
    expect(text).toContain('Songs for a Long Winter')
    expect(text).toContain('Pickup at: Main')
    for (const secret of [holder.givenName, holder.familyName, holder.barcode, borrower.familyName])
      expect(await page.content()).not.toContain(secret)
    expect(await slip.getByRole('button', { name: 'Print slip' }).isVisible()).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'itemBarcode',
    )
    await expectAccessible(page, 'check-in with slip')

    await page.goto('/staff/holds')
    await page.getByRole('cell', { name: code }).waitFor()
    await expectAccessible(page, 'hold shelf')
  })

  it('works without script too: a plain form post checks an item out', async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false })
    const plain = await context.newPage()
    plain.setDefaultTimeout(8000)
    await signIn(plain, 'circulation')
    await plain.getByLabel('Scan or type a library card').fill(borrower.barcode)
    await plain.keyboard.press('Enter')
    await plain.getByLabel('Scan or type an item barcode').fill(spare)
    await plain.keyboard.press('Enter')
    await plain.getByText('Checked out “Tea with the Lighthouse Keeper”').waitFor()
    await context.close()
  })

  it('passes axe on every other desk page, for a librarian', async () => {
    const patronPages = ['', '/fees', '/notes', '/edit', '/cards'].map(
      (p) => `/staff/patrons/${borrower.id}${p}`,
    )
    const pages = [
      '/staff/patrons/new',
      '/staff/catalog',
      '/staff/catalog?q=winter',
      `/staff/records/${held.record}`,
      `/staff/items/${other}`,
      ...patronPages,
    ]
    for (const path of pages) {
      await page.goto(path)
      await expectAccessible(page, path)
    }
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
    await page.getByRole('alert').waitFor()
    await expectAccessible(page, 'registration refused')
    await page.goto('/staff/audit')
    await expectAccessible(page, 'refused page')
    await page.goto('/staff')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/staff\/sign-in$/)
  })

  it('passes axe on the audit log and the staff accounts, for an administrator', async () => {
    await signIn(page, 'admin')
    for (const path of ['/staff/audit', '/staff/accounts']) {
      await page.goto(path)
      await expectAccessible(page, path)
    }
    await page
      .getByRole('link', { name: /^Test admin$/ })
      .first()
      .click()
    await expectAccessible(page, 'staff account')
    await page.goto('/staff/nowhere')
    await expectAccessible(page, 'not found')
    expect(policy).toEqual([])
  })
})
