import { addDays, endOfLocalDay, localDate } from '../library/calendar.js'
import type { LoanRule } from '../library/loan-rules.js'

const HOUR = 3_600_000
const MAX_SHIFT_DAYS = 366

/** Moves a local date forward to the first day the branch is open. */
export function nextOpenDay(date: string, isClosed: (d: string) => boolean): string {
  let d = date
  for (let i = 0; i < MAX_SHIFT_DAYS && isClosed(d); i++) d = addDays(d, 1)
  return d
}

/**
 * When a loan starting at `from` is due. Day loans end at the close of a local day that the
 * branch is open; hour loans that would end on a closed day end with the next open day.
 */
export function dueDate(
  rule: Pick<LoanRule, 'loan_period' | 'period_unit'>,
  from: Date,
  tz: string,
  isClosed: (d: string) => boolean,
): Date {
  if (rule.period_unit === 'hours') {
    const due = new Date(from.getTime() + rule.loan_period * HOUR)
    const day = localDate(due, tz)
    return isClosed(day) ? endOfLocalDay(nextOpenDay(day, isClosed), tz) : due
  }
  return endOfLocalDay(nextOpenDay(addDays(localDate(from, tz), rule.loan_period), isClosed), tz)
}

/** Open days the loan has been overdue at `until`; closed days are not charged. */
export function chargeableDays(
  due: Date,
  until: Date,
  tz: string,
  isClosed: (d: string) => boolean,
): number {
  if (until.getTime() <= due.getTime()) return 0
  const last = localDate(until, tz)
  let d = addDays(localDate(due, tz), 1)
  let days = 0
  for (let i = 0; i < 3660 && d <= last; i++, d = addDays(d, 1)) if (!isClosed(d)) days++
  // An hour loan overdue within its own day still counts as one day.
  return days === 0 && !isClosed(last) ? 1 : days
}

/** The overdue fine for one loan: nothing within the grace period, then every chargeable day, capped. */
export function overdueFine(
  rule: Pick<LoanRule, 'fine_per_day_cents' | 'max_fine_cents' | 'grace_days'>,
  due: Date,
  until: Date,
  tz: string,
  isClosed: (d: string) => boolean,
): number {
  const days = chargeableDays(due, until, tz, isClosed)
  if (days === 0 || days <= rule.grace_days) return 0
  const fine = days * rule.fine_per_day_cents
  return rule.max_fine_cents === null ? fine : Math.min(fine, rule.max_fine_cents)
}
