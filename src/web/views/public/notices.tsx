import type { VNode } from 'preact'
import { Page, type Chrome } from '../layout.js'
import type { Locale } from '../../../i18n/catalog.js'
import { SearchForm } from './catalog.js'

export function HomePage({ chrome }: { chrome: Chrome }): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('public.home.welcome', { library: chrome.library })}</h1>
      <p class="lead">{t('public.home.lead')}</p>
      <SearchForm terms={{}} />
      <div class="grid-2">
        <section class="card" aria-labelledby="h-branches">
          <h2 id="h-branches">{t('branches.home.heading')}</h2>
          <p>{t('branches.home.text')}</p>
          <p>
            <a href={link('/branches')}>{t('branches.home.link')}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-account">
          <h2 id="h-account">{t('public.home.accountHeading')}</h2>
          <p>{t('public.home.accountText')}</p>
          <p>
            <a href={link('/account')}>{t('public.home.accountLink')}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-privacy">
          <h2 id="h-privacy">{t('public.home.privacyHeading')}</h2>
          <p>{t('public.home.privacyText')}</p>
          <p>
            <a href={link('/privacy')}>{t('public.home.privacyLink')}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-databases">
          <h2 id="h-databases">{t('public.home.databasesHeading')}</h2>
          <p>{t('public.home.databasesText')}</p>
          <p>
            <a href={link('/databases')}>{t('public.home.databasesLink')}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-wifi">
          <h2 id="h-wifi">{t('public.home.wifiHeading')}</h2>
          <p>{t('public.home.wifiText')}</p>
          <p>
            <a href={link('/wifi')}>{t('public.home.wifiLink')}</a>
          </p>
        </section>
      </div>
    </Page>
  )
}

/** P15: said plainly, first. */
export function WifiPage({ chrome }: { chrome: Chrome }): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('public.wifi.heading')}</h1>
      <div class="notice" role="note">
        <p>
          <strong>{t('public.wifi.warningStrong')}</strong> {t('public.wifi.warningRest')}
        </p>
      </div>
      <div class="measure">
        <p>{t('public.wifi.intro')}</p>
        <ul>
          <li>
            {t('public.wifi.httpsBefore')} <strong>https</strong>
            {t('public.wifi.httpsAfter')}
          </li>
          <li>{t('public.wifi.banking')}</li>
          <li>{t('public.wifi.sharing')}</li>
          <li>{t('public.wifi.signOut')}</li>
        </ul>
        <p>{t('public.wifi.ownPages')}</p>
        <p>
          {t('public.wifi.privacyQuestion')}{' '}
          <a href={link('/privacy')}>{t('public.wifi.privacyLink')}</a>
        </p>
      </div>
    </Page>
  )
}

export interface Database {
  name: string
  url: string
  /** The vendor's own privacy policy; not every vendor publishes one. */
  privacyPolicy?: string | undefined
  /** One text for every language, or one per language. */
  description: string | Partial<Record<Locale, string>>
}

/** The description in the page's language, else the English one, else none. */
export function describedIn(db: Database, locale: Locale): string {
  if (typeof db.description === 'string') return db.description
  return db.description[locale] ?? db.description.en ?? ''
}

/** The exit notice's address for an outside link (P14); put it through `link()` on a page. */
export const exitHref = (url: string): string => `/leaving?to=${encodeURIComponent(url)}`

/**
 * P14: each service is marked as setting its own cookies, and each link goes through the exit
 * notice, its privacy policy's link too: the library's own policy does not cover these services.
 */
export function DatabasesPage({
  chrome,
  databases,
}: {
  chrome: Chrome
  databases: Database[]
}): VNode {
  const { t, link, locale } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('public.databases.heading')}</h1>
      <p class="lead measure">{t('public.databases.lead')}</p>
      <section class="notice measure" aria-labelledby="h-policies">
        <h2 id="h-policies">{t('public.databases.policiesHeading')}</h2>
        <p>{t('public.databases.policies')}</p>
      </section>
      {databases.length === 0 ? (
        <p class="empty">{t('public.databases.none')}</p>
      ) : (
        <ul class="db-list">
          {databases.map((db) => (
            <li key={db.url}>
              <h2>{db.name}</h2>
              {describedIn(db, locale) !== '' && <p>{describedIn(db, locale)}</p>}
              <p>
                <span class="tag">{t('public.databases.setsCookies')}</span>{' '}
                <span class="small">
                  {t('public.databases.runBy', { host: new URL(db.url).host })}
                </span>
              </p>
              <p>
                <a href={link(exitHref(db.url))}>{t('public.databases.open', { name: db.name })}</a>
              </p>
              <p>
                {db.privacyPolicy === undefined ? (
                  t('public.databases.noPolicy', { name: db.name })
                ) : (
                  <a href={link(exitHref(db.privacyPolicy))}>
                    {t('public.databases.readPolicy', { name: db.name })}
                  </a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}

export function ExitPage({ chrome, destination }: { chrome: Chrome; destination: URL }): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('public.leaving.heading')}</h1>
      <p class="lead measure">{t('public.leaving.lead')}</p>
      <p>{t('public.leaving.goingTo')}</p>
      <p class="destination">
        <strong>{destination.host}</strong>
        <br />
        <span class="small">{destination.href}</span>
      </p>
      <p class="actions">
        <a
          class="button"
          href={destination.href}
          rel="noopener noreferrer"
          referrerpolicy="no-referrer"
        >
          {t('public.leaving.continue', { host: destination.host })}
        </a>
        <a href={link('/')}>{t('public.leaving.stay')}</a>
      </p>
    </Page>
  )
}
