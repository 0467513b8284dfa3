import i18next, { type TFunction } from 'i18next'
import { DEFAULT_LOCALE, INTL_TAG, type Locale } from './catalog.js'
import { en } from './en/index.js'
import { es } from './es/index.js'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}

const instance = i18next.createInstance()
// Synchronous: the catalogs are in memory, so `t` works as soon as this module is loaded.
void instance.init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: ['en', 'es'],
  initAsync: false,
  // Preact escapes every string it renders; escaping here too would show "&amp;" on the page.
  interpolation: { escapeValue: false },
  returnNull: false,
})

export type T = TFunction
/** A translate function fixed to one language. */
export const translator = (locale: Locale): T => instance.getFixedT(locale)

/** Every text of one language's catalog, flattened to dotted keys (for tests and checks). */
export function catalogOf(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (node: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const key = prefix === '' ? k : `${prefix}.${k}`
      if (typeof v === 'string') out[key] = v
      else walk(v, key)
    }
  }
  walk(locale === 'es' ? es : en, '')
  return out
}

/** Dates and money as a reader of `locale` expects them, in the library's time zone. */
export interface Formats {
  date(iso: string | null | undefined): string
  dateTime(iso: string | null | undefined): string
  money(cents: number): string
  /**
   * A day with its weekday, as a notice says it: "Tuesday, December 8" (es: "martes 8 de
   * diciembre"). The year is added unless `near` (a calendar day, usually today) is given and the
   * day is within half a year of it, where the weekday and month leave no doubt.
   */
  weekdayDate(iso: string | null | undefined, near?: string): string
}

/** Days within which a weekday date leaves the year out. */
const NEAR_DAYS = 182

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export function formatsFor(locale: Locale, timeZone: string): Formats {
  const tag = INTL_TAG[locale]
  const date = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat(tag, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  // A calendar date has no time zone: read at noon UTC it is the same day everywhere.
  const utcDate = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', dateStyle: 'medium' })
  const currency = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' })
  const parse = (iso: string) => new Date(DATE_ONLY.test(iso) ? `${iso}T12:00:00Z` : iso)
  const safe = (fmt: Intl.DateTimeFormat, iso: string | null | undefined): string => {
    if (iso === null || iso === undefined || iso === '') return '—'
    const d = parse(iso)
    return Number.isNaN(d.getTime()) ? iso : fmt.format(d)
  }
  const weekday = (withYear: boolean, zone: string) =>
    new Intl.DateTimeFormat(tag, {
      timeZone: zone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      ...(withYear && { year: 'numeric' }),
    })
  // Made on first use: most pages never name a weekday, and each format costs to build.
  const weekdayFormats = new Map<string, Intl.DateTimeFormat>()
  const weekdayFormat = (withYear: boolean, zone: string) => {
    const key = `${zone}|${withYear}`
    let fmt = weekdayFormats.get(key)
    if (fmt === undefined) weekdayFormats.set(key, (fmt = weekday(withYear, zone)))
    return fmt
  }
  const weekdayDate = (iso: string | null | undefined, near?: string): string => {
    if (iso === null || iso === undefined || iso === '') return '—'
    const d = parse(iso)
    if (Number.isNaN(d.getTime())) return iso
    const around = near === undefined ? undefined : parse(near).getTime()
    const withYear =
      around === undefined ||
      Number.isNaN(around) ||
      Math.abs(d.getTime() - around) > NEAR_DAYS * 86_400_000
    const fmt = weekdayFormat(withYear, DATE_ONLY.test(iso) ? 'UTC' : timeZone)
    const parts = fmt.formatToParts(d)
    // Spanish names the weekday and the day together, without the comma Intl puts between them.
    return parts
      .map((p, i) =>
        locale === 'es' && p.type === 'literal' && parts[i - 1]?.type === 'weekday' ? ' ' : p.value,
      )
      .join('')
  }
  return {
    date: (iso) =>
      safe(iso !== null && iso !== undefined && DATE_ONLY.test(iso) ? utcDate : date, iso),
    dateTime: (iso) => safe(dateTime, iso),
    money: (cents) => currency.format(cents / 100).replace('-', '−'),
    weekdayDate,
  }
}
