import { validation } from '../errors.js'

/**
 * The period an annual report covers, as library-local days (both included).
 *
 * Illinois libraries report on their own fiscal year, and a fiscal year is named for the calendar
 * year it ends in (the Illinois State Library's IPLAR forms name a July–June year by both years,
 * "FY2025-2026"; the IMLS survey files it under the later one). So with the year starting in
 * July, `2026` means 1 July 2025 to 30 June 2026; with it starting in January, the calendar year.
 */
export interface ReportPeriod {
  from: string
  to: string
  /** The fiscal year asked for, when the period is one. */
  fiscalYear: number | null
}

export const FIRST_YEAR = 2000
export const LAST_YEAR = 2199
/** An annual report covers at most a year (a leap year's 366 days). */
export const MAX_DAYS = 366

const DAY = /^\d{4}-\d{2}-\d{2}$/

const pad = (n: number) => String(n).padStart(2, '0')

/** The day before a `YYYY-MM-DD` day. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

function isRealDay(text: string): boolean {
  if (!DAY.test(text)) return false
  const d = new Date(`${text}T12:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

/** Days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  return (Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000 + 1
}

/** The fiscal year that ends in `year`, starting on the first of `startMonth` (1–12). */
export function fiscalYearPeriod(year: number, startMonth: number): ReportPeriod {
  if (startMonth === 1) return { from: `${year}-01-01`, to: `${year}-12-31`, fiscalYear: year }
  return {
    from: `${year - 1}-${pad(startMonth)}-01`,
    to: dayBefore(`${year}-${pad(startMonth)}-01`),
    fiscalYear: year,
  }
}

/** The fiscal year a day falls in (named for the year it ends in). */
export function fiscalYearOf(day: string, startMonth: number): number {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7))
  return startMonth === 1 || month < startMonth ? year : year + 1
}

export interface PeriodInput {
  year?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/**
 * A fiscal year (`year`) or two days (`from` and `to`); with neither, the last fiscal year that
 * has ended by `today`. Anything else is refused with a stable code, never guessed at.
 */
export function resolvePeriod(input: PeriodInput, startMonth: number, today: string): ReportPeriod {
  const year = input.year?.trim() ?? ''
  const from = input.from?.trim() ?? ''
  const to = input.to?.trim() ?? ''
  if (year !== '' && (from !== '' || to !== ''))
    throw validation('REPORT_PERIOD_INVALID', 'Give either a fiscal year or two days, not both.')
  if (from !== '' || to !== '') {
    if (!isRealDay(from) || !isRealDay(to))
      throw validation(
        'REPORT_PERIOD_INVALID',
        'Give both days of the period as YYYY-MM-DD, such as 2025-07-01 and 2026-06-30.',
      )
    if (from > to)
      throw validation('REPORT_PERIOD_INVALID', 'The first day must not be after the last day.')
    if (daysIn(from, to) > MAX_DAYS)
      throw validation(
        'REPORT_PERIOD_INVALID',
        `An annual report covers at most ${MAX_DAYS} days; ${from} to ${to} is longer.`,
      )
    return { from, to, fiscalYear: null }
  }
  if (year === '') return fiscalYearPeriod(fiscalYearOf(today, startMonth) - 1, startMonth)
  const n = /^\d{4}$/.test(year) ? Number(year) : NaN
  if (!(n >= FIRST_YEAR && n <= LAST_YEAR))
    throw validation(
      'REPORT_YEAR_INVALID',
      `The year must be a four-digit year from ${FIRST_YEAR} to ${LAST_YEAR}, such as 2026.`,
    )
  return fiscalYearPeriod(n, startMonth)
}
