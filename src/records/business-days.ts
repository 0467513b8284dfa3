import { addDays, closedDayTest, weekday, type ClosedDay } from '../library/calendar.js'

/** Business days a public body has to answer a records request (5 ILCS 140/3(d)). */
export const RESPONSE_BUSINESS_DAYS = 5
/** Business days one extension adds (5 ILCS 140/3(e)); it may be taken once. */
export const EXTENSION_BUSINESS_DAYS = 5

/** Whether a local date is a day the library does business: not a weekend, not a closed day. */
export type IsBusinessDay = (date: string) => boolean

/**
 * The library's business days for the statutory clock. Saturdays and Sundays never count, nor
 * any day the whole library is closed (a `*` closed-day row, by date or by weekday). A closure of
 * one branch does not stop the clock: the records officer answers for the whole library, and
 * the other branches are open.
 */
export function businessDays(closed: readonly ClosedDay[]): IsBusinessDay {
  const libraryClosed = closedDayTest(closed, '*')
  return (date) => {
    const day = weekday(date)
    return day !== 0 && day !== 6 && !libraryClosed(date)
  }
}

/** Refuses a calendar so closed that no business day can be found (every weekday closed). */
const SEARCH_LIMIT = 3 * 366

/**
 * The day `count` business days after `from`, counting from the day after it: a request received
 * on a Friday is due five business days later, the Friday after (with no closed days between).
 * The day of receipt never counts, whether or not it is a business day.
 */
export function addBusinessDays(from: string, count: number, isBusinessDay: IsBusinessDay): string {
  let day = from
  let left = count
  for (let walked = 0; left > 0; walked++) {
    if (walked > SEARCH_LIMIT)
      throw new Error('No business day within three years: the calendar is all closed days.')
    day = addDays(day, 1)
    if (isBusinessDay(day)) left -= 1
  }
  return day
}

/** The response due date of a request received on `receivedOn`. */
export const responseDue = (receivedOn: string, isBusinessDay: IsBusinessDay): string =>
  addBusinessDays(receivedOn, RESPONSE_BUSINESS_DAYS, isBusinessDay)

/** The due date after the one extension: five more business days after the first due date. */
export const extendedDue = (dueOn: string, isBusinessDay: IsBusinessDay): string =>
  addBusinessDays(dueOn, EXTENSION_BUSINESS_DAYS, isBusinessDay)

/**
 * Business days from `today` to `due`: 0 on the due day itself, 5 on the day of receipt of a
 * fresh request, negative once the due day has passed (-1 on the first business day after).
 */
export function businessDaysLeft(today: string, due: string, isBusinessDay: IsBusinessDay): number {
  const [from, to, sign] = today <= due ? [today, due, 1] : [due, today, -1]
  let n = 0
  let day = from
  for (let walked = 0; day < to && walked <= SEARCH_LIMIT; walked++) {
    day = addDays(day, 1)
    if (isBusinessDay(day)) n += 1
  }
  return sign * n
}
