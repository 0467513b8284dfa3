import type { Browser, Page } from 'playwright-core'
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

async function fillDraft(
  staff: Page,
  d: { changes: string; body: string; changesEs?: string; bodyEs?: string; effective: string },
): Promise<void> {
  await staff.getByLabel('Adopted on').fill('2026-01-05')
  await staff.getByLabel('In effect from').fill(d.effective)
  await staff.getByLabel('Next review').fill('2027-01-05')
  await staff.getByLabel('What changed', { exact: true }).fill(d.changes)
  await staff.getByLabel('Policy text (Markdown)', { exact: true }).fill(d.body)
  if (d.changesEs !== undefined)
    await staff.getByLabel('What changed, in Spanish', { exact: true }).fill(d.changesEs)
  if (d.bodyEs !== undefined)
    await staff.getByLabel('Spanish policy text (Markdown)', { exact: true }).fill(d.bodyEs)
}

describe.skipIf(!chromiumPresent())('browser: the privacy policy in Chromium', () => {
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
    'staff write, preview and publish two versions; the public pages in both languages; axe on every page',
    { timeout: 150_000 },
    async () => {
      const {
        context: desk,
        page: staff,
        policy: staffPolicy,
      } = await signedInStaffPage(server, browser, 'privacy_officer')
      await staff.getByRole('link', { name: 'Policy', exact: true }).click()
      await staff.getByRole('heading', { name: 'Privacy policy', level: 1 }).waitFor()
      await expectAccessible(staff, 'staff policy list (empty)')

      await staff.getByRole('link', { name: 'Write a new version' }).click()
      await expectAccessible(staff, 'new policy version')
      await fillDraft(staff, {
        changes: 'First version.',
        changesEs: 'Primera versión.',
        body: '## Records\n\nWe keep registrations for **three years**.',
        bodyEs: '## Registros\n\nGuardamos las inscripciones **tres años**.',
        effective: '2026-01-06',
      })
      await staff.getByRole('button', { name: 'Save and preview' }).click()
      await staff.getByRole('heading', { name: 'Preview: policy draft' }).waitFor()
      await expectAccessible(staff, 'policy preview')
      await staff.getByRole('link', { name: 'Publish this version…' }).click()
      await staff.getByText('This cannot be undone.').waitFor()
      await expectAccessible(staff, 'publish confirmation')
      await staff.getByRole('button', { name: 'Yes, publish version 1' }).click()
      await staff.getByText('Version 1 is published.').waitFor()
      await expectAccessible(staff, 'published version (staff)')

      // Version 2: English only, a material change, with a validation error on the way.
      await staff.goto('/staff/policy/new')
      await fillDraft(staff, {
        changes: 'Registrations are kept one year.',
        body: '## Records\n\nWe keep registrations for **one year**.',
        effective: '2026-01-04',
      })
      await staff.getByLabel(/This is a material change/).check()
      await staff.getByRole('button', { name: 'Save draft' }).click()
      await staff
        .getByRole('alert')
        .getByText('cannot take effect before it is adopted')
        .first()
        .waitFor()
      await expectAccessible(staff, 'policy draft refused')
      await staff.getByLabel('In effect from').fill('2026-01-10')
      await staff.getByRole('button', { name: 'Save and preview' }).click()
      await staff.getByRole('heading', { name: 'Preview: policy draft' }).waitFor()
      expect(await staff.locator('.policy-diff ins').first().textContent()).toContain('one')
      await expectAccessible(staff, 'policy preview with differences')
      await staff.getByRole('link', { name: 'Publish this version…' }).click()
      await staff.getByText('material change').first().waitFor()
      await staff.getByRole('button', { name: 'Yes, publish version 2' }).click()
      await staff.getByText('Version 2 is published.').waitFor()
      await staff.goto('/staff/policy')
      await expectAccessible(staff, 'staff policy list')

      // The public pages, in English and Spanish, at desktop width and on a phone.
      const reader = await browser.newContext({ baseURL: server.url })
      const page = await reader.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 })
        for (const prefix of ['', '/es']) {
          await page.goto(`${prefix}/policy`)
          await page.locator('[data-policy-version="2"]').waitFor()
          await expectAccessible(page, `${prefix}/policy at ${width}px`)
          await page.goto(`${prefix}/policy/versions`)
          await page.locator('[data-version="1"]').waitFor()
          await expectAccessible(page, `${prefix}/policy/versions at ${width}px`)
          await page.goto(`${prefix}/policy/versions/2`)
          await page.locator('.policy-diff del').first().waitFor()
          await expectAccessible(page, `${prefix}/policy/versions/2 at ${width}px`)
          await page.goto(`${prefix}/policy/versions/9`)
          await expectAccessible(page, `${prefix}/policy/versions/9 (not found) at ${width}px`)
        }
      }
      // Spanish readers of version 2 get the English text, said so in Spanish.
      await page.goto('/es/policy/versions/2')
      await page.getByText('Esta versión todavía no tiene texto en español').waitFor()

      expect(await reader.cookies()).toEqual([])
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
      expect(policy).toEqual([])
      expect(staffPolicy).toEqual([])
      await reader.close()
      await desk.close()
    },
  )
})
