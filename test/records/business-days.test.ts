// The statutory clock of a records request (5 ILCS 140/3(d) and (e); REQ-2.5): five business
// days from the day after receipt, skipping weekends and the whole library's closed days, and one
// extension of five more.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, weekday, type ClosedDay } from '../../src/library/calendar.js'
import {
  addBusinessDays,
  businessDays,
  businessDaysLeft,
  extendedDue,
  responseDue,
} from '../../src/records/business-days.js'

const none = businessDays([])
const closedOn = (on_date: string, branch = '*'): ClosedDay => ({ branch, on_date, weekday: null })

describe('the records-request clock', () => {
  it('counts five business days from the day after receipt, skipping the weekend', () => {
    // Monday 2026-12-07 → Monday 2026-12-14; Friday 2026-12-04 → Friday 2026-12-11.
    expect(responseDue('2026-12-07', none)).toBe('2026-12-14')
    expect(responseDue('2026-12-04', none)).toBe('2026-12-11')
    // Received on a Saturday: Monday is the first business day.
    expect(responseDue('2026-12-05', none)).toBe('2026-12-11')
  })

  it('skips the days the whole library is closed, by date and by weekday, but not one branch’s closure', () => {
    const christmas = businessDays([closedOn('2026-12-24'), closedOn('2026-12-25')])
    expect(responseDue('2026-12-21', christmas)).toBe('2026-12-30')
    const branchOnly = businessDays([
      closedOn('2026-12-24', 'east'),
      closedOn('2026-12-25', 'east'),
    ])
    expect(responseDue('2026-12-21', branchOnly)).toBe('2026-12-28')
    const closedWednesdays = businessDays([{ branch: '*', on_date: null, weekday: 3 }])
    expect(responseDue('2026-12-07', closedWednesdays)).toBe('2026-12-15')
  })

  it('moves by exactly five more business days with the extension', () => {
    expect(extendedDue('2026-12-14', none)).toBe('2026-12-21')
    const newYear = businessDays([closedOn('2027-01-01')])
    expect(extendedDue('2026-12-28', newYear)).toBe('2027-01-05')
  })

  it('says how many business days are left, zero on the due day and negative after', () => {
    expect(businessDaysLeft('2026-12-07', '2026-12-14', none)).toBe(5)
    expect(businessDaysLeft('2026-12-14', '2026-12-14', none)).toBe(0)
    expect(businessDaysLeft('2026-12-15', '2026-12-14', none)).toBe(-1)
    expect(businessDaysLeft('2026-12-12', '2026-12-14', none)).toBe(1)
  })

  it('refuses a calendar with no business day at all', () => {
    const allClosed = businessDays(
      [1, 2, 3, 4, 5].map((w) => ({ branch: '*', on_date: null, weekday: w })),
    )
    expect(() => responseDue('2026-12-07', allClosed)).toThrow(/calendar/)
  })

  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2025-01-01', n))
  const closures = fc.array(day, { maxLength: 40 }).map((ds) => ds.map((d) => closedOn(d)))

  it('never falls due on a weekend or closed day, always after receipt, and the extension adds exactly five business days', () => {
    fc.assert(
      fc.property(day, closures, (received, closed) => {
        const isBusinessDay = businessDays(closed)
        const due = responseDue(received, isBusinessDay)
        expect(due > received).toBe(true)
        expect([0, 6]).not.toContain(weekday(due))
        expect(closed.map((c) => c.on_date)).not.toContain(due)
        expect(businessDaysLeft(received, due, isBusinessDay)).toBe(5)
        const extended = extendedDue(due, isBusinessDay)
        expect(isBusinessDay(extended)).toBe(true)
        expect(businessDaysLeft(due, extended, isBusinessDay)).toBe(5)
        expect(businessDaysLeft(received, extended, isBusinessDay)).toBe(10)
        expect(addBusinessDays(received, 10, isBusinessDay)).toBe(extended)
      }),
    )
  })
})
