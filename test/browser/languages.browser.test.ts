import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { PIN, patronWithPin } from '../web/web-harness.js'
import { busyPatron } from '../web/busy-patron.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 375, height: 812 }

/** Every public and account page, in one language: public ones by prefix, account ones by ?lang. */
function pagesIn(lang: 'en' | 'es', ids: { queued: string; spare: string }): string[] {
  const pub = lang === 'es' ? '/es' : ''
  const q = (path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
  return [
    `${pub}/`,
    `${pub}/search?q=almanac`,
    `${pub}/privacy`,
    `${pub}/transparency`,
    `${pub}/wifi`,
    `${pub}/databases`,
    `${pub}/leaving?to=https%3A%2F%2Fencyclopedia.example.com%2F`,
    `${pub}/nowhere`,
    `${pub}/newsletter`,
    `${pub}/newsletter/check-email`,
    `${pub}/newsletter/confirm/not-a-real-token-at-all`,
    `${pub}/newsletter/unsubscribe/not-a-real-token`,
    ...[
      '/account',
      '/account/holds',
      `/account/holds/${ids.queued}/cancel`,
      `/account/holds/new?record=${ids.spare}`,
      '/account/fines',
      '/account/history',
      '/account/history/erase',
      '/account/choices',
      '/account/my-data',
      '/account/accesses',
      '/account/pin',
    ].map(q),
  ]
}

/** Wider than the screen: something makes the reader scroll sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe.skipIf(!chromiumPresent())(
  'browser: every patron page in both languages, on a desk and a phone',
  () => {
    let server: Server
    let browser: Browser
    let ids: { queued: string; spare: string }
    let barcode: string
    let busyId: string

    beforeAll(async () => {
      ;[server, browser] = await Promise.all([startServer(), launchChromium()])
      const busy = await busyPatron(server.env.ctx, server.env.clock)
      ids = { queued: busy.queuedId, spare: busy.spareRecord }
      barcode = busy.patron.barcode
      busyId = busy.patron.id
    })

    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['375 px', PHONE],
    ] as const)
      for (const lang of ['en', 'es'] as const)
        it(
          `passes axe on every page in ${lang === 'en' ? 'English' : 'Spanish'} at ${name}, says its language and never scrolls sideways`,
          {
            timeout: 180_000,
          },
          async () => {
            const context = await browser.newContext({ baseURL: server.url, viewport })
            const page = await context.newPage()
            page.setDefaultTimeout(8000)
            const policy = watchPolicy(page)
            await page.goto('/account/sign-in?lang=es')
            await page.getByLabel('Número de la tarjeta de la biblioteca').fill(barcode)
            await page.getByLabel('PIN').fill(PIN)
            await page.getByRole('button', { name: 'Iniciar sesión' }).click()
            await page.waitForURL(/\/account(\?|$)/)
            const wide: string[] = []
            for (const path of pagesIn(lang, ids)) {
              await page.goto(path)
              expect({ path, lang: await page.getAttribute('html', 'lang') }).toEqual({
                path,
                lang,
              })
              await expectAccessible(page, `${path} at ${name}`)
              if ((await overflow(page)) > 0) wide.push(path)
            }
            expect(wide).toEqual([])
            expect(policy).toEqual([])
            await context.close()
          },
        )

    it('on a phone, the account menu folds away behind Menu and the header leaves the screen to the page; on a desk it is always open', async () => {
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

    it(
      'passes axe on every staff page at 375 px too, and none scrolls sideways',
      { timeout: 180_000 },
      async () => {
        const ctx = server.env.ctx
        const username = `admin-${Math.random().toString(36).slice(2, 8)}`
        await staffActor(ctx, 'admin', username)
        const lib = await setUpLibrary(ctx, {})
        const title = await lib.title([{ branch: 'east' }], 'Harbor Lights')
        const barcodeOfCopy = title.items[0]?.barcode ?? ''
        const context = await browser.newContext({ baseURL: server.url, viewport: PHONE })
        const page = await context.newPage()
        page.setDefaultTimeout(8000)
        const policy = watchPolicy(page)
        await page.goto('/staff/sign-in')
        await expectAccessible(page, 'staff sign-in at 375 px')
        await page.getByLabel('Username').fill(username)
        await page.getByLabel('Password').fill(STAFF_PASSWORD)
        await page.getByLabel('Working at').selectOption('main')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()
        const patron = busyId
        // One message in the maildrop, for "Mail not sent" and its message page.
        const told = await patronWithPin(ctx, {
          notify: { notices: true, newsletter: false, policyChanges: false },
        })
        await enqueueNotice(
          ctx.db,
          told.id,
          'hold_ready',
          { pickupCode: 'AXE-375', branch: 'main', expiresOn: '2030-01-15' },
          new Date().toISOString(),
        )
        await deliverNotices(ctx)
        const wide: string[] = []
        for (const path of [
          '/staff',
          '/staff/checkin',
          '/staff/holds',
          `/staff/patrons/${patron}`,
          `/staff/patrons/${patron}/cards`,
          `/staff/patrons/${patron}/notes`,
          `/staff/patrons/${patron}/fees`,
          `/staff/patrons/${patron}/edit`,
          '/staff/patrons/new',
          '/staff/catalog',
          `/staff/records/${title.record.id}`,
          `/staff/items/${encodeURIComponent(barcodeOfCopy)}`,
          '/staff/audit',
          '/staff/accounts',
          '/staff/mail',
          '/staff/mail/print',
          '/staff/newsletter',
          '/staff/newsletter/new',
        ]) {
          const answer = await page.goto(path)
          expect({ path, status: answer?.status() }).toEqual({ path, status: 200 })
          await expectAccessible(page, `${path} at 375 px`)
          if ((await overflow(page)) > 0) wide.push(path)
        }
        await page.goto('/staff/mail')
        await page
          .locator('a[href^="/staff/mail/"]:not([href="/staff/mail/print"])')
          .first()
          .click()
        await page.getByText('AXE-375').first().waitFor()
        await expectAccessible(page, 'a message on Mail not sent at 375 px')
        if ((await overflow(page)) > 0) wide.push('/staff/mail/<message>')
        expect(wide).toEqual([])
        expect(policy).toEqual([])
        await context.close()
      },
    )
  },
)
