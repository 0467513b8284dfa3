import type { ComponentChildren, VNode } from 'preact'
import { LOCALES, LOCALE_NAMES } from '../../i18n/catalog.js'
import { I18nContext, switchedPath, type I18n } from '../locale.js'
import type { Flash } from '../sessions.js'
import { FlashMessage } from './ui.js'

export interface NavLink {
  href: string
  label: string
}

export interface SignedIn {
  /** Who is signed in, as shown in the header. */
  label: string
  signOutAction: string
  csrf: string
}

/** Everything around a page's own content. */
export interface Chrome {
  library: string
  title: string
  area: 'public' | 'account' | 'staff'
  nav: NavLink[]
  /** The path the page lives at, to mark its link in the navigation. */
  path: string
  /** The address as requested (without any language prefix), for the language switch. */
  url: string
  /** The page's language, its texts and formats. */
  i18n: I18n
  user?: SignedIn
  flash?: Flash
  /** htmx and the desk's print button; public pages load only the statistics script. */
  scripts?: boolean
  /** Staff pages of a demo on a moved clock say so in the header. */
  sandboxClock?: string
  /** A page that reloads itself (a screen on the wall), with no script. */
  refreshSeconds?: number
  /**
   * Count the view in the website statistics (the script, or the pixel without script): public
   * pages only, never a kiosk or a screen on the wall.
   */
  statistics?: boolean
}

/** Where the library's name leads: the patron's pages lead back to the public site's home. */
const HOME: Record<Chrome['area'], string> = { public: '/', account: '/', staff: '/staff' }

/**
 * htmx keeps no history snapshots (that would be browser storage), evaluates nothing and talks
 * only to this site; its indicator styles would need an inline style, so they stay off.
 */
const HTMX_CONFIG = JSON.stringify({
  historyEnabled: false,
  historyCacheSize: 0,
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
})

export function Page({ chrome, children }: { chrome: Chrome; children: ComponentChildren }): VNode {
  const { t, link, locale } = chrome.i18n
  const area = chrome.area === 'public' ? undefined : t(`common.area.${chrome.area}`)
  const counted = chrome.area === 'public' && chrome.statistics === true
  return (
    <I18nContext.Provider value={chrome.i18n}>
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${chrome.title} – ${chrome.library}`}</title>
          <link rel="stylesheet" href="/assets/carrel.css" />
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          {chrome.refreshSeconds !== undefined && (
            <meta http-equiv="refresh" content={String(chrome.refreshSeconds)} />
          )}
          {chrome.scripts === true && <meta name="htmx-config" content={HTMX_CONFIG} />}
          {chrome.scripts === true && <script src="/assets/htmx.min.js" defer />}
          {chrome.scripts === true && <script src="/assets/desk.js" defer />}
          {counted && <script src="/statistics/script.js" defer />}
        </head>
        <body class={`area-${chrome.area}`}>
          <a class="skip-link" href="#main">
            {t('common.skipLink')}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <p class="brand">
                <a href={link(HOME[chrome.area])}>{chrome.library}</a>
                {area !== undefined && <span class="area-name">{area}</span>}
              </p>
              {chrome.user !== undefined && (
                <form class="sign-out" method="post" action={link(chrome.user.signOutAction)}>
                  <span class="who">{chrome.user.label}</span>
                  <input type="hidden" name="_csrf" value={chrome.user.csrf} />
                  <button type="submit" class="button secondary">
                    {t('common.signOut')}
                  </button>
                </form>
              )}
              {chrome.area !== 'staff' && <LanguageSwitch chrome={chrome} />}
            </div>
            {chrome.sandboxClock !== undefined && (
              <p class="wrap sandbox-clock" role="note">
                <strong>{chrome.sandboxClock}</strong>
              </p>
            )}
            {chrome.nav.length > 0 && (
              <nav class="wrap" aria-label={area ?? t('common.mainMenu')}>
                {/* On a narrow screen the links fold away behind "Menu"; wider, the stylesheet
                    shows them with no summary to press (where the browser allows that). */}
                <details class="menu">
                  <summary>{t('common.menu')}</summary>
                  <ul class="nav">
                    {chrome.nav.map((link) => (
                      <li key={link.href}>
                        <a
                          href={chrome.i18n.link(link.href)}
                          aria-current={link.href === chrome.path ? 'page' : undefined}
                        >
                          {link.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              </nav>
            )}
          </header>
          {counted && (
            <noscript>
              <img
                class="statistics-pixel"
                src="/statistics/pixel.gif"
                alt=""
                width={1}
                height={1}
              />
            </noscript>
          )}
          <main id="main" tabIndex={-1}>
            <div class="wrap">
              {chrome.flash !== undefined && <FlashMessage flash={chrome.flash} />}
              {children}
            </div>
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <ul class="footer-links">
                <li>
                  <a href={link('/privacy')}>{t('common.footer.privacy')}</a>
                </li>
                <li>
                  <a href={link('/policy')}>{t('policy.footer')}</a>
                </li>
                <li>
                  <a href={link('/wifi')}>{t('common.footer.wifi')}</a>
                </li>
                <li>
                  <a href={link('/records-requests')}>{t('common.footer.records')}</a>
                </li>
                <li>
                  <a href={link('/branches')}>{t('branches.nav')}</a>
                </li>
                <li>
                  <a href={link('/databases')}>{t('common.footer.databases')}</a>
                </li>
                <li>
                  <a href={chrome.area === 'staff' ? '/' : '/staff/sign-in'}>
                    {chrome.area === 'staff'
                      ? t('common.footer.publicSite')
                      : t('common.footer.staffSignIn')}
                  </a>
                </li>
              </ul>
              <p class="small">{t('common.footer.cookies')}</p>
            </div>
          </footer>
        </body>
      </html>
    </I18nContext.Provider>
  )
}

/**
 * Every patron page offers the other language: the same address in it (a prefix on public pages,
 * `?lang=` in the account area). Nothing is stored; a patron's lasting choice is in their settings.
 */
function LanguageSwitch({ chrome }: { chrome: Chrome }): VNode {
  const { t, locale } = chrome.i18n
  return (
    <ul class="language-switch" aria-label={t('common.language.label')}>
      {LOCALES.filter((l) => l !== locale).map((other) => (
        <li key={other}>
          <a
            href={switchedPath(chrome.url, other)}
            lang={other}
            hrefLang={other}
            aria-label={t('common.language.switchTo', { language: LOCALE_NAMES[other] })}
          >
            {LOCALE_NAMES[other]}
          </a>
        </li>
      ))}
    </ul>
  )
}
