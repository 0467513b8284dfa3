import { INTL_TAG, type Locale } from './catalog.js'

/** Formats of wall-clock times and weekday names, made once per language. */
const timeFormats = new Map<Locale, Intl.DateTimeFormat>()
const weekdayFormats = new Map<Locale, Intl.DateTimeFormat>()

function cached(
  map: Map<Locale, Intl.DateTimeFormat>,
  locale: Locale,
  o: Intl.DateTimeFormatOptions,
) {
  let f = map.get(locale)
  if (f === undefined) map.set(locale, (f = new Intl.DateTimeFormat(INTL_TAG[locale], o)))
  return f
}

/** "17:30" as a reader of `locale` says it: "5:30 PM", "5:30 p.m.". A wall-clock time has no zone. */
export function timeOfDay(locale: Locale, hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  const f = cached(timeFormats, locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })
  return f.format(Date.UTC(1970, 0, 1, h, m))
}

/** 0 = Sunday … 6 = Saturday, named in `locale` ("Sunday", "domingo"). */
export function weekdayName(locale: Locale, weekday: number): string {
  const f = cached(weekdayFormats, locale, { weekday: 'long', timeZone: 'UTC' })
  // 4 January 1970 was a Sunday.
  return f.format(Date.UTC(1970, 0, 4 + weekday))
}

/** Whether a sentence says the hour in the singular (Spanish "la 1:00"): 1 AM and 1 PM. */
export const isOneOClock = (hhmm: string): boolean =>
  hhmm.startsWith('01:') || hhmm.startsWith('13:')
