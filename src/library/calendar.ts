/** Local dates in the library's time zone, as YYYY-MM-DD strings; every instant is stored in UTC. */

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

/** The zone's offset from UTC at an instant, in ms, straight from Intl (slow: a formatToParts). */
function offsetAt(ms: number, tz: string): number {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  )
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  )
  return wall - Math.floor(ms / 1000) * 1000
}

const SPAN = 15 * 60_000
/** Offsets by zone and quarter hour, for quarters with no change of offset inside them. */
const offsets = new Map<string, number>()

/**
 * The zone's offset at an instant. Circulation asks it many times per transaction, so a quarter
 * hour whose start and end have the same offset is remembered (an offset changes at most once in
 * a quarter hour, so then it holds throughout); a quarter with a change is always asked afresh.
 */
function offset(ms: number, tz: string): number {
  const start = Math.floor(ms / SPAN) * SPAN
  const key = `${tz}|${start}`
  const known = offsets.get(key)
  if (known !== undefined) return known
  const first = offsetAt(start, tz)
  if (first !== offsetAt(start + SPAN - 1000, tz)) return offsetAt(ms, tz)
  if (offsets.size >= 4096) offsets.clear()
  offsets.set(key, first)
  return first
}

const two = (n: number) => String(n).padStart(2, '0')

/** The wall-clock parts (year … second) of an instant in a zone. */
export function wallParts(instant: Date, tz: string): Record<string, string> {
  const ms = instant.getTime()
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset(ms, tz))
  return {
    year: String(wall.getUTCFullYear()).padStart(4, '0'),
    month: two(wall.getUTCMonth() + 1),
    day: two(wall.getUTCDate()),
    hour: two(wall.getUTCHours()),
    minute: two(wall.getUTCMinutes()),
    second: two(wall.getUTCSeconds()),
  }
}

function wallClock(instant: Date, tz: string): { date: string; ms: number } {
  const parts = wallParts(instant, tz)
  const date = `${parts.year}-${parts.month}-${parts.day}`
  const ms = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return { date, ms }
}

/** The instant a local wall-clock time (as UTC milliseconds) names in a zone, corrected once for a DST change. */
export function fromWallClock(wall: number, tz: string): Date {
  let guess = wall
  for (let i = 0; i < 2; i++) guess = wall - (wallClock(new Date(guess), tz).ms - guess)
  return new Date(guess)
}

/** The library's calendar date at an instant. */
export function localDate(instant: Date, tz: string): string {
  return wallClock(instant, tz).date
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay()
}

/** The instant a local date and wall-clock time ("HH:MM") name in a zone. */
export function atLocalTime(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  return fromWallClock(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0), tz)
}

/** The last second of a local date, as an instant (due dates for day loans). */
export function endOfLocalDay(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return fromWallClock(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 59), tz)
}

export interface ClosedDay {
  branch: string
  on_date: string | null
  weekday: number | null
}

/** A predicate telling whether a branch is closed on a local date. */
export function closedDayTest(
  rows: readonly ClosedDay[],
  branch: string,
): (date: string) => boolean {
  const relevant = rows.filter((r) => r.branch === branch || r.branch === '*')
  const dates = new Set(relevant.flatMap((r) => (r.on_date === null ? [] : [r.on_date])))
  const weekdays = new Set(relevant.flatMap((r) => (r.weekday === null ? [] : [r.weekday])))
  return (date) => dates.has(date) || weekdays.has(weekday(date))
}
