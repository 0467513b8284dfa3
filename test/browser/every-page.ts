import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { busyPatron } from '../web/busy-patron.js'
import { PIN } from '../web/web-harness.js'
import {
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 375, height: 812 }

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
export const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

export interface BusyLibrary {
  server: Server
  browser: Browser
  ids: { queued: string; spare: string }
  barcode: string
  busyId: string
}

/** A server with one patron who has something on every page, and a browser; for one file. */
export function useBusyLibrary(): () => BusyLibrary {
  let lib: BusyLibrary | undefined
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startServer(), launchChromium()])
    const busy = await busyPatron(server.env.ctx, server.env.clock)
    lib = {
      server,
      browser,
      ids: { queued: busy.queuedId, spare: busy.spareRecord },
      barcode: busy.patron.barcode,
      busyId: busy.patron.id,
    }
  })
  afterAll(async () => {
    await lib?.browser.close()
    await lib?.server.close()
  })
  return () => {
    if (lib === undefined) throw new Error('the library is not set up yet')
    return lib
  }
}

/** Signs the busy patron in, then visits every patron page in `lang` with axe at `viewport`. */
export function everyPatronPageIn(
  lib: () => BusyLibrary,
  name: string,
  viewport: { width: number; height: number },
): void {
  for (const lang of ['en', 'es'] as const)
    it(
      `passes axe on every page in ${lang === 'en' ? 'English' : 'Spanish'} at ${name}, says its language and never scrolls sideways`,
      {
        timeout: 180_000,
      },
      async () => {
        const { browser, server, barcode, ids } = lib()
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
}
