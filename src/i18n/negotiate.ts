import { DEFAULT_LOCALE, isLocale, type Locale } from './catalog.js'

/**
 * The language a browser asks for (RFC 9110 §12.5.4): the supported language with the highest
 * weight, matched on the primary subtag ("es-MX" asks for Spanish); English when none matches.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (acceptLanguage === undefined || acceptLanguage.length > 500) return DEFAULT_LOCALE
  let best: { locale: Locale; q: number } | undefined
  for (const part of acceptLanguage.split(',')) {
    const [range = '', ...params] = part.trim().split(';')
    const primary = range.trim().toLowerCase().split('-')[0]
    if (!isLocale(primary)) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue
    if (best === undefined || q > best.q) best = { locale: primary, q }
  }
  return best?.locale ?? DEFAULT_LOCALE
}
