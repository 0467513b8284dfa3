/**
 * Days grouped into the periods a report shows. All dates are `YYYY-MM-DD` in UTC; a week starts
 * on Monday and is named by that Monday (which may fall before the range's first day).
 */
export type Grouping = 'day' | 'week' | 'month'

export const GROUPINGS: readonly Grouping[] = ['day', 'week', 'month']

const DAY_MS = 86_400_000

const toDate = (day: string): Date => new Date(`${day}T00:00:00Z`)
const toDay = (date: Date): string => date.toISOString().slice(0, 10)

/** True for a real calendar day written `YYYY-MM-DD` (so `2026-02-30` is not one). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = toDate(value)
  return !Number.isNaN(date.getTime()) && toDay(date) === value
}

/** The days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = toDate(from).getTime(); t <= toDate(to).getTime(); t += DAY_MS) {
    days.push(toDay(new Date(t)))
  }
  return days
}

/** How many days a range spans, both ends included. */
export function rangeLength(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS) + 1
}

/** The day `n` days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  return toDay(new Date(toDate(day).getTime() + n * DAY_MS))
}

/** The period a day falls in: the day itself, its week's Monday, or `YYYY-MM`. */
export function periodOf(day: string, grouping: Grouping): string {
  if (grouping === 'day') return day
  if (grouping === 'month') return day.slice(0, 7)
  const weekday = (toDate(day).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  return addDays(day, -weekday)
}

/** Every period the range touches, in order, so a period with no counts still shows as zero. */
export function periodsOf(from: string, to: string, grouping: Grouping): string[] {
  const periods: string[] = []
  for (const day of daysBetween(from, to)) {
    const period = periodOf(day, grouping)
    if (periods.at(-1) !== period) periods.push(period)
  }
  return periods
}
