/** SIP2 dates: YYYYMMDD, a 4-character zone (blanks = the library's local time), HHMMSS. */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(tz, f)
  }
  return f
}

function wallParts(instant: Date, tz: string): Record<string, string> {
  return Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
}

/** An instant as local time in the library's zone, which SCs prefer (reference §2.3). */
export function sipDate(instant: Date, tz: string): string {
  const p = wallParts(instant, tz)
  return `${p.year}${p.month}${p.day}    ${p.hour}${p.minute}${p.second}`
}

/** The instant a local wall-clock time names in a zone (corrected once for a DST change). */
function fromWallClock(wall: number, tz: string): Date {
  let guess = wall
  for (let i = 0; i < 2; i++) {
    const p = wallParts(new Date(guess), tz)
    const seen = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    )
    guess = wall - (seen - guess)
  }
  return new Date(guess)
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
