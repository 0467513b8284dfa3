/** SIP2 dates: YYYYMMDD, a 4-character zone (blanks = the library's local time), HHMMSS. */
import { fromWallClock, wallParts } from '../library/calendar.js'

/** An instant as local time in the library's zone, which SCs prefer (reference §2.3). */
export function sipDate(instant: Date, tz: string): string {
  const p = wallParts(instant, tz)
  return `${p.year}${p.month}${p.day}    ${p.hour}${p.minute}${p.second}`
}

const SIP_DATE = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/

/**
 * Reads a request date. Blanks or zeros (an unused date) and anything unreadable give undefined.
 * A zone ending in "Z" is UTC; any other zone is read as the library's local time.
 */
export function parseSipDate(text: string, tz: string): Date | undefined {
  const m = SIP_DATE.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, , h, mi, s] = m.map((v) => Number(v))
  const wall = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0)
  const check = new Date(wall)
  if (
    (y ?? 0) < 1970 ||
    check.getUTCMonth() !== (mo ?? 0) - 1 ||
    check.getUTCDate() !== d ||
    (h ?? 0) > 23 ||
    (mi ?? 0) > 59 ||
    (s ?? 0) > 59
  )
    return undefined
  return m[4]?.trimEnd().endsWith('Z') === true ? check : fromWallClock(wall, tz)
}
