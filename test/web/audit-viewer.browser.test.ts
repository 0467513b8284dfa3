// In Chromium: the audit log page passes axe as it is first shown, filtered by a card number
// (whose number never reaches the address bar) and refusing a bad date.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getPatron } from '../../src/patrons/patron.service.js'
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

describe.skipIf(!chromiumPresent())('browser: the audit log', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let policy: string[]

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    page = await (await browser.newContext({ baseURL: server.url })).newPage()
    page.setDefaultTimeout(8000)
    policy = watchPolicy(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('filters by card number without putting it in the address, and stays accessible', async () => {
    const ctx = server.env.ctx
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    await getPatron(ctx, lib.desk, p.id)
    await staffActor(ctx, 'privacy_officer', 'audit-browser-officer')
    await page.goto('/staff/sign-in')
    await page.getByLabel('Username').fill('audit-browser-officer')
    await page.getByLabel('Password').fill(STAFF_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()

    await page.goto('/staff/audit')
    await expectAccessible(page, 'audit log')
    await page.getByLabel('Entries about the patron with this card number').fill(p.barcode)
    await page.getByLabel('Action').selectOption('patron.read')
    await page.getByRole('button', { name: 'Show entries' }).click()
    await page.getByText(`Only entries about the patron with card ${p.barcode}.`).waitFor()
    expect(page.url()).toMatch(/\/staff\/audit\?action=patron\.read&patron=[A-Za-z0-9_-]{8}$/)
    expect(page.url()).not.toContain(p.barcode)
    await expectAccessible(page, 'audit log filtered by card')
    // Reload keeps the filter: the token is held by the session.
    await page.reload()
    await page.getByText(`Only entries about the patron with card ${p.barcode}.`).waitFor()

    await page.goto('/staff/audit?from=2026-02-30')
    await page.getByText('The first day is not a real date.').first().waitFor()
    await expectAccessible(page, 'audit log refusing a date')
    expect(policy).toEqual([])
  })
})
