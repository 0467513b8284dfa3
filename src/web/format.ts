/** How dates and money read on every page, in the library's own time zone. */
export interface Formats {
  date(iso: string | null | undefined): string
  dateTime(iso: string | null | undefined): string
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export function formats(timeZone: string): Formats {
  const date = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat('en-US', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  // A calendar date has no time zone: read at noon UTC it is the same day everywhere.
  const utcDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' })
  const parse = (iso: string) => new Date(DATE_ONLY.test(iso) ? `${iso}T12:00:00Z` : iso)
  const safe = (fmt: Intl.DateTimeFormat, iso: string | null | undefined): string => {
    if (iso === null || iso === undefined || iso === '') return '—'
    const d = parse(iso)
    return Number.isNaN(d.getTime()) ? iso : fmt.format(d)
  }
  return {
    date: (iso) =>
      safe(iso !== null && iso !== undefined && DATE_ONLY.test(iso) ? utcDate : date, iso),
    dateTime: (iso) => safe(dateTime, iso),
  }
}

export function money(cents: number): string {
  const sign = cents < 0 ? '−' : ''
  const abs = Math.abs(cents)
  return `${sign}$${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Reads "2.50", "$2.50" or "2" as cents; undefined for anything else. */
export function parseMoney(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const m = /^\$?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (m === null) return undefined
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}

export const humanise = (code: string): string => {
  const words = code.replaceAll('_', ' ').replaceAll('.', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A stable code such as ITEM_ON_HOLD_FOR_ANOTHER, as words. */
export const codeLabel = (code: string): string => humanise(code.toLowerCase())

/** The last four digits of a card number: enough to recognise, too little to use. */
export const cardEnding = (barcode: string): string => `ending ${barcode.slice(-4)}`
