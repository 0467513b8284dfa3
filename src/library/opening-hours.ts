/**
 * A branch's week: its regular opening hours, the closed days that override them, and whether it
 * is open at an instant. Pure functions over local dates and wall-clock times ("HH:MM", which
 * compare correctly as strings) in the library's time zone.
 */
import { addDays, localDate, wallParts, weekday } from './calendar.js'
import { ANY } from './library.tables.js'

export interface Span {
  opens: string
  closes: string
}

/** Spans per weekday, 0 = Sunday … 6 = Saturday, each day's spans in order. */
export type WeekHours = Span[][]

export interface ClosedDayRow {
  branch: string
  on_date: string | null
  weekday: number | null
  note: string
}

export function weekHours(
  rows: readonly { weekday: number; span: number; opens_at: string; closes_at: string }[],
): WeekHours {
  const week: WeekHours = [[], [], [], [], [], [], []]
  for (const r of [...rows].sort((a, b) => a.span - b.span))
    week[r.weekday]?.push({ opens: r.opens_at, closes: r.closes_at })
  return week
}

/** No span on any day: the library has not entered this branch's hours yet. */
export const hoursKnown = (week: WeekHours): boolean => week.some((d) => d.length > 0)

const relevant = (rows: readonly ClosedDayRow[], branch: string) =>
  rows.filter((r) => r.branch === branch || r.branch === ANY)

export interface DayPlan {
  date: string
  weekday: number
  spans: Span[]
  /** Set when a closed day covers the date: the notes given for it (possibly none). */
  closed: { notes: string[] } | null
}

/** The days from `from` on, each with its hours, or closed with the closed days' notes. */
export function dayPlans(
  week: WeekHours,
  closedRows: readonly ClosedDayRow[],
  branch: string,
  from: string,
  days: number,
): DayPlan[] {
  const rows = relevant(closedRows, branch)
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i)
    const day = weekday(date)
    const closing = rows.filter((r) => r.on_date === date || r.weekday === day)
    return {
      date,
      weekday: day,
      spans: closing.length > 0 ? [] : (week[day] ?? []),
      closed: closing.length > 0 ? { notes: notesOf(closing) } : null,
    }
  })
}

const notesOf = (rows: readonly ClosedDayRow[]): string[] => [
  ...new Set(rows.map((r) => r.note.trim()).filter((n) => n !== '')),
]

export interface Closures {
  /** One-off closed dates in the window, in date order, notes merged per date. */
  dates: { date: string; notes: string[] }[]
  /** Weekly closures, by weekday. */
  weekly: { weekday: number; notes: string[] }[]
}

/** The closed days a visitor should know about: dated ones within `days` of `from`, and every weekly one. */
export function upcomingClosures(
  closedRows: readonly ClosedDayRow[],
  branch: string,
  from: string,
  days: number,
): Closures {
  const rows = relevant(closedRows, branch)
  const until = addDays(from, days)
  const byDate = new Map<string, ClosedDayRow[]>()
  for (const r of rows)
    if (r.on_date !== null && r.on_date >= from && r.on_date < until)
      byDate.set(r.on_date, [...(byDate.get(r.on_date) ?? []), r])
  const byWeekday = new Map<number, ClosedDayRow[]>()
  for (const r of rows)
    if (r.weekday !== null) byWeekday.set(r.weekday, [...(byWeekday.get(r.weekday) ?? []), r])
  return {
    dates: [...byDate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, rs]) => ({ date, notes: notesOf(rs) })),
    weekly: [...byWeekday.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, rs]) => ({ weekday: day, notes: notesOf(rs) })),
  }
}

export type OpenState =
  | { kind: 'unknown' }
  | { kind: 'open'; closes: string }
  | { kind: 'closed'; next: { date: string; opens: string } | null }

/** How far ahead "closed now" looks for the next opening. */
const LOOK_AHEAD_DAYS = 60

/** Open or closed at an instant, read on the library's own wall clock (so a DST change moves nothing). */
export function openState(
  week: WeekHours,
  closedRows: readonly ClosedDayRow[],
  branch: string,
  now: Date,
  timeZone: string,
): OpenState {
  if (!hoursKnown(week)) return { kind: 'unknown' }
  const parts = wallParts(now, timeZone)
  const time = `${parts.hour}:${parts.minute}`
  const plans = dayPlans(week, closedRows, branch, localDate(now, timeZone), LOOK_AHEAD_DAYS)
  const today = plans[0]
  const current = today?.spans.find((s) => s.opens <= time && time < s.closes)
  if (current !== undefined) return { kind: 'open', closes: current.closes }
  for (const plan of plans) {
    const span = plan.spans.find((s) => plan !== today || s.opens > time)
    if (span !== undefined) return { kind: 'closed', next: { date: plan.date, opens: span.opens } }
  }
  return { kind: 'closed', next: null }
}
