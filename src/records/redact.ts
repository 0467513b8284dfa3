import { EXEMPTIONS, type ExemptionCode } from './exemptions.js'

/** The private details of a sender: their own name is the only name the system can know. */
export interface KnownPerson {
  name?: string | null | undefined
}

/** Writes the marker that replaces a redaction, naming the exemption it is made under. */
export type Marker = (code: ExemptionCode, citation: string) => string

export const englishMarker: Marker = (_code, citation) => `[redacted: ${citation}]`

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]*[A-Za-z]/g
// North American numbers with or without area code and country code, and longer international ones.
const PHONE =
  /(?<![\p{L}\p{N}])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])?\d{3}[\s.-]\d{4}(?![\p{N}])|(?<![\p{L}\p{N}])\+\d[\d\s.-]{7,16}\d(?![\p{N}])/gu
const STREET_WORDS =
  'street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|way|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|trail|trl'
const UNIT = String.raw`(?:,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*[\p{L}\p{N}-]+)?`
// "1234 N. Oak Park Ave., Apt 2", and the Spanish order "Calle Mayor 12".
const ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,6}[A-Za-z]?\s+(?:[\p{L}\p{N}.'-]+\s+){0,4}(?:${STREET_WORDS})\b\.?${UNIT}` +
    String.raw`|(?<![\p{L}\p{N}])(?:calle|avenida|av\.|camino|paseo)\s+(?:[\p{L}.'-]+\s+){0,4}\d{1,6}${UNIT}`,
  'giu',
)

interface Span {
  start: number
  end: number
  code: ExemptionCode
}

function spans(text: string, pattern: RegExp, code: ExemptionCode): Span[] {
  return [...text.matchAll(pattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    code,
  }))
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The sender's whole name, then each of its words of two letters or more, wherever they stand alone. */
function nameSpans(text: string, name: string | null | undefined): Span[] {
  const whole = name?.trim().replace(/\s+/g, ' ') ?? ''
  if (whole === '') return []
  const parts = [whole, ...whole.split(' ').filter((w) => [...w].length >= 2)]
  return parts.flatMap((p) =>
    spans(
      text,
      new RegExp(`(?<![\\p{L}\\p{N}])${escape(p).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu'),
      'personal-privacy',
    ),
  )
}

/**
 * Redacts the private details found in free text: email addresses, phone numbers and street
 * addresses (5 ILCS 140/7(1)(b)), and the sender's own name wherever it appears, whole or in
 * part (5 ILCS 140/7(1)(c)). Other people's names cannot be recognized: staff read the export
 * before it is released. Overlapping finds become one marker; where a contact detail is among
 * them the marker names 7(1)(b).
 */
export function redactText(
  text: string,
  person: KnownPerson,
  marker: Marker = englishMarker,
): string {
  const found = [
    ...spans(text, EMAIL, 'private-information'),
    ...spans(text, PHONE, 'private-information'),
    ...spans(text, ADDRESS, 'private-information'),
    ...nameSpans(text, person.name),
  ].sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: Span[] = []
  for (const s of found) {
    const last = merged.at(-1)
    if (last !== undefined && s.start < last.end) {
      last.end = Math.max(last.end, s.end)
      if (s.code === 'private-information') last.code = s.code
    } else merged.push({ ...s })
  }
  let out = ''
  let at = 0
  for (const s of merged) {
    out += text.slice(at, s.start) + marker(s.code, EXEMPTIONS[s.code])
    at = s.end
  }
  return out + text.slice(at)
}
