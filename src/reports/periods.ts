/** How a report groups its days: by day, ISO week (Monday to Sunday) or calendar month. */
export const GROUPINGS = ['day', 'week', 'month'] as const
export type Grouping = (typeof GROUPINGS)[number]

const DAY_MS = 86_400_000

const utc = (day: string): Date => new Date(`${day}T00:00:00Z`)
const iso = (d: Date): string => d.toISOString().slice(0, 10)

/** Whether `day` is a real calendar date written YYYY-MM-DD. */
export function isDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(utc(day).getTime()) && iso(utc(day)) === day
}

export function addDays(day: string, n: number): string {
  return iso(new Date(utc(day).getTime() + n * DAY_MS))
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY_MS) + 1
}

/** The ISO week a day falls in, as YYYY-Www (the year is the week's, which may differ at New Year). */
export function isoWeek(day: string): string {
  const d = utc(day)
  const weekday = (d.getUTCDay() + 6) % 7 // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = 1 + Math.floor((thursday.getTime() - utc(`${year}-01-01`).getTime()) / DAY_MS / 7)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The period a day is counted in. */
export function periodOf(day: string, grouping: Grouping): string {
  if (grouping === 'day') return day
  if (grouping === 'month') return day.slice(0, 7)
  return isoWeek(day)
}

/** Every period the range touches, in order, so a period with nothing counted still shows. */
export function periodsBetween(from: string, to: string, grouping: Grouping): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const p = periodOf(d, grouping)
    if (out[out.length - 1] !== p) out.push(p)
  }
  return out
}
