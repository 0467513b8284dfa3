import type { VNode } from 'preact'
import { LOCALES, LOCALE_NAMES } from '../../../i18n/catalog.js'
import { I18nContext, switchedPath } from '../../locale.js'
import type { Chrome } from '../layout.js'
import { KioskScreens } from './kiosk-screens.js'

/**
 * The kiosk's whole page. It has no site navigation or footer: following a link would leave the
 * screen, and with it the device credential the script holds in memory. Every screen is in the
 * page from the start, hidden; the script shows one at a time, and without the script only the
 * notice asking for it is visible, so no form can be sent (a PIN must never reach an address).
 */
export function KioskPage(p: { chrome: Chrome; words: Record<string, unknown> }): VNode {
  const { t, locale } = p.chrome.i18n
  return (
    <I18nContext.Provider value={p.chrome.i18n}>
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${p.chrome.title} – ${p.chrome.library}`}</title>
          <link rel="stylesheet" href="/assets/carrel.css" />
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <script src="/assets/kiosk.js" defer />
        </head>
        <body class="area-kiosk">
          <header class="site-header">
            <div class="wrap header-row">
              <p class="brand">
                {p.chrome.library}
                <span class="area-name">{t('kiosk.title')}</span>
              </p>
              <ul class="language-switch" aria-label={t('common.language.label')}>
                {LOCALES.filter((l) => l !== locale).map((other) => (
                  <li key={other}>
                    <a
                      href={switchedPath('/kiosk', other)}
                      data-kiosk-language
                      lang={other}
                      hrefLang={other}
                      aria-label={t('common.language.switchTo', {
                        language: LOCALE_NAMES[other],
                      })}
                    >
                      {LOCALE_NAMES[other]}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            <div class="wrap kiosk">
              <noscript>
                <p class="notice">{t('kiosk.noScript')}</p>
              </noscript>
              <div id="kiosk-words" hidden data-words={JSON.stringify(p.words)} />
              <KioskScreens />
            </div>
          </main>
        </body>
      </html>
    </I18nContext.Provider>
  )
}
