import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { INTL_TAG, type Locale } from '../../i18n/catalog.js'
import { catalogOf } from '../../i18n/i18n.js'
import { publicChrome } from '../chrome.js'
import { sendPage } from '../render.js'
import { KioskPage } from '../views/kiosk/kiosk-page.js'

/**
 * The words the kiosk's script needs, in the page's language: the `kiosk` part of the catalog
 * with its plural forms as they stand (the script picks one with Intl.PluralRules), plus the
 * language tag and the library's time zone for the times it shows.
 */
export function kioskWords(locale: Locale, timeZone: string): Record<string, string> {
  const words: Record<string, string> = { _tag: INTL_TAG[locale], _zone: timeZone }
  for (const [key, text] of Object.entries(catalogOf(locale)))
    if (key.startsWith('kiosk.')) words[key.slice('kiosk.'.length)] = text
  return words
}

/**
 * `/kiosk` (and `/es/kiosk`): the screen of a public computer's locked-down browser. Like every
 * public page it sets no cookie and uses no browser storage; the computer's device credential
 * arrives in the address's fragment (`/kiosk#…`, which browsers never send to a server) or is
 * pasted by staff, and the script keeps it in memory only. The script talks to the device API.
 */
export function kioskRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/kiosk', async (request, reply) => {
    const chrome = publicChrome(ctx, request, '')
    const { t, locale } = chrome.i18n
    return sendPage(
      reply,
      <KioskPage
        chrome={{ ...chrome, title: t('kiosk.title'), statistics: false }}
        words={kioskWords(locale, ctx.config.library.timezone)}
      />,
    )
  })
}
