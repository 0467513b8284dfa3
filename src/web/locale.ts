import type { IncomingMessage } from 'node:http'
import type { FastifyRequest } from 'fastify'
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/catalog.js'
import { formatsFor, translator, type Formats, type T } from '../i18n/i18n.js'
import { negotiateLocale } from '../i18n/negotiate.js'

/**
 * How a page's language was chosen. No cookie carries it (P7): it is in the address (`/es/…`
 * for public pages, `?lang=es` for the account's sign-in form), in a signed-in patron's stored
 * preference, or, failing those, negotiated from the browser's Accept-Language.
 */
export type LocaleSource = 'address' | 'stored' | 'browser'

export interface I18n {
  locale: Locale
  source: LocaleSource
  t: T
  fmt: Formats
  /** An address on this site, in this page's language: `/search` becomes `/es/search`. */
  link: (path: string) => string
}

/** Public pages that may take a language prefix: everything but these areas. */
const UNPREFIXED = /^\/(?:api|assets|staff|account|healthz|readyz|metrics)(?:[/?]|$)/
const PREFIX = /^\/(en|es)(?=[/?]|$)/

const chosenByAddress = new WeakMap<IncomingMessage, Locale>()

/**
 * Fastify's rewriteUrl: `/es/search?q=x` is routed as `/search?q=x`, remembering Spanish for
 * the request. A prefix before a non-public area (`/es/staff`) is left alone, so it is a 404.
 */
export function rewriteLocalePrefix(req: IncomingMessage): string {
  const url = req.url ?? '/'
  const m = PREFIX.exec(url)
  if (m === null) return url
  let rest = url.slice(m[0].length)
  if (rest === '' || rest.startsWith('?')) rest = `/${rest}`
  if (UNPREFIXED.test(rest)) return url
  chosenByAddress.set(req, m[1] as Locale)
  return rest
}

/** The language chosen in the address: the `/es/` prefix, or `?lang=` on an account page. */
export function addressLocale(request: FastifyRequest): Locale | undefined {
  const prefixed = chosenByAddress.get(request.raw)
  if (prefixed !== undefined) return prefixed
  const lang = (request.query as Record<string, unknown> | undefined)?.lang
  return isLocale(lang) ? lang : undefined
}

export function i18nFor(locale: Locale, source: LocaleSource, timeZone: string): I18n {
  return {
    locale,
    source,
    t: translator(locale),
    fmt: formatsFor(locale, timeZone),
    link: (path) => localizedPath(path, locale, source),
  }
}

/** The language of a page: the address first, then the patron's stored choice, then the browser. */
export function requestI18n(
  request: FastifyRequest,
  timeZone: string,
  stored?: Locale | null,
): I18n {
  const fromAddress = addressLocale(request)
  if (fromAddress !== undefined) return i18nFor(fromAddress, 'address', timeZone)
  if (stored !== undefined && stored !== null) return i18nFor(stored, 'stored', timeZone)
  return i18nFor(negotiateLocale(request.headers['accept-language']), 'browser', timeZone)
}

/** Staff pages are in English, whatever the browser asks for. */
export const staffI18n = (timeZone: string): I18n => i18nFor(DEFAULT_LOCALE, 'address', timeZone)

/**
 * Links keep the language they were chosen in. A language the browser chose needs nothing (the
 * next page negotiates the same way); a chosen one goes in the prefix, or, for the account area
 * whose cookie lives under /account, in `?lang=` (only until the patron has a stored choice).
 */
export function localizedPath(path: string, locale: Locale, source: LocaleSource): string {
  if (source === 'browser' || !path.startsWith('/') || path.startsWith('//')) return path
  if (path === '/account' || path.startsWith('/account/') || path.startsWith('/account?')) {
    if (source === 'stored') return path
    const [base = path, query = ''] = path.split(/\?(.*)/s, 2)
    const params = new URLSearchParams(query)
    params.set('lang', locale)
    return `${base}?${params.toString()}`
  }
  if (UNPREFIXED.test(path)) return path
  return `/${locale}${path}`
}

/** The same page in another language: the address for the switch's link. */
export function switchedPath(currentUrl: string, to: Locale): string {
  if (currentUrl.startsWith('/account')) {
    const [base = currentUrl, query = ''] = currentUrl.split(/\?(.*)/s, 2)
    const params = new URLSearchParams(query)
    params.set('lang', to)
    return `${base}?${params.toString()}`
  }
  return `/${to}${currentUrl === '/' ? '/' : currentUrl}`
}

const englishDefault = i18nFor(DEFAULT_LOCALE, 'browser', 'UTC')

/** The page's language, for any component below `Page`. */
export const I18nContext = createContext<I18n>(englishDefault)
export const useI18n = (): I18n => useContext(I18nContext)
