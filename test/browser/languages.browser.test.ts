import { describe, expect, it } from 'vitest'
import { PIN } from '../web/web-harness.js'
import { chromiumPresent } from './browser-harness.js'
import { DESKTOP, everyPatronPageIn, PHONE, useBusyLibrary } from './every-page.js'

describe.skipIf(!chromiumPresent())(
  'browser: every patron page in both languages on a desk, and the account menu on a phone',
  () => {
    const lib = useBusyLibrary()
    everyPatronPageIn(lib, 'desktop', DESKTOP)

    it('on a phone, the account menu folds away behind Menu and the header leaves the screen to the page; on a desk it is always open', async () => {
      const { browser, server, barcode } = lib()
      const context = await browser.newContext({ baseURL: server.url, viewport: PHONE })
      const page = await context.newPage()
      page.setDefaultTimeout(8000)
      await page.goto('/account/sign-in')
      await page.getByLabel('Library card number').fill(barcode)
      await page.getByLabel('PIN').fill(PIN)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(/\/account(\?|$)/)
      const fines = page.getByRole('link', { name: 'Fines and balance' })
      expect(await fines.isVisible()).toBe(false)
      // The page's own heading starts within the first third of the screen.
      const h1 = await page.getByRole('heading', { level: 1 }).boundingBox()
      expect(h1?.y ?? PHONE.height).toBeLessThan(PHONE.height / 3)
      await page.getByText('Menu', { exact: true }).click()
      await fines.click()
      await page.getByRole('heading', { name: 'Fines and card balance' }).waitFor()
      // Out of the account: the library's name leads home, and the menu offers the catalog.
      expect(
        await page.getByRole('link', { name: 'Carrel Public Library' }).getAttribute('href'),
      ).toBe('/')
      await page.getByText('Menu', { exact: true }).click()
      expect(
        await page.getByRole('link', { name: 'Search the catalog' }).getAttribute('href'),
      ).toBe('/search')

      await page.setViewportSize(DESKTOP)
      expect(await page.getByText('Menu', { exact: true }).isVisible()).toBe(false)
      await page.goto('/account?lang=es')
      expect(await page.getByRole('link', { name: 'Multas y saldo' }).isVisible()).toBe(true)
      expect(
        await page.getByRole('link', { name: 'Buscar en el catálogo' }).getAttribute('href'),
      ).toBe('/es/search')
      await context.close()
    })
  },
)
