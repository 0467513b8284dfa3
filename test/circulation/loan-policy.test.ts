import { describe, expect, it } from 'vitest'
import { closedDayTest, endOfLocalDay, localDate } from '../../src/library/calendar.js'
import { pickRule } from '../../src/library/loan-rules.js'
import { chargeableDays, dueDate, overdueFine } from '../../src/circulation/loan-policy.js'

const TZ = 'America/Chicago'
// Sundays closed, plus New Year's Day.
const closed = closedDayTest(
  [
    { branch: '*', on_date: null, weekday: 0 },
    { branch: 'main', on_date: '2026-01-01', weekday: null },
  ],
  'main',
)
const rule = {
  loan_period: 14,
  period_unit: 'days' as const,
  fine_per_day_cents: 25,
  max_fine_cents: 300,
  grace_days: 0,
}

describe('calendar', () => {
  it('knows the local date and the end of a local day across DST', () => {
    expect(localDate(new Date('2026-01-15T04:00:00Z'), TZ)).toBe('2026-01-14')
    expect(endOfLocalDay('2026-01-15', TZ).toISOString()).toBe('2026-01-16T05:59:59.000Z')
    expect(endOfLocalDay('2026-07-15', TZ).toISOString()).toBe('2026-07-16T04:59:59.000Z')
    expect(endOfLocalDay('2026-03-08', TZ).toISOString()).toBe('2026-03-09T04:59:59.000Z')
  })
})

describe('due dates', () => {
  it('falls at the end of an open day, moved off closed days', () => {
    // Checked out Saturday 2025-12-20 → +14 = Saturday 2026-01-03 (open).
    expect(dueDate(rule, new Date('2025-12-20T18:00:00Z'), TZ, closed).toISOString()).toBe(
      '2026-01-04T05:59:59.000Z',
    )
    // Checked out Thursday 2025-12-18 → +14 = Thursday 2026-01-01 (closed) → Friday 2026-01-02.
    expect(localDate(dueDate(rule, new Date('2025-12-18T18:00:00Z'), TZ, closed), TZ)).toBe(
      '2026-01-02',
    )
    // Checked out Sunday-adjacent: +14 lands on a Sunday → Monday.
    expect(localDate(dueDate(rule, new Date('2026-01-04T18:00:00Z'), TZ, closed), TZ)).toBe(
      '2026-01-19',
    )
  })
  it('lets hour loans run by the hour', () => {
    const due = dueDate(
      { loan_period: 4, period_unit: 'hours' },
      new Date('2026-01-15T15:00:00Z'),
      TZ,
      closed,
    )
    expect(due.toISOString()).toBe('2026-01-15T19:00:00.000Z')
  })
})

describe('overdue fines', () => {
  const due = endOfLocalDay('2026-01-02', TZ) // a Friday
  it('charges open days only, from the day after the due date', () => {
    // Sat 3 (open), Sun 4 (closed), Mon 5, Tue 6 → 3 chargeable days.
    const returned = new Date('2026-01-06T20:00:00Z')
    expect(chargeableDays(due, returned, TZ, closed)).toBe(3)
    expect(overdueFine(rule, due, returned, TZ, closed)).toBe(75)
  })
  it('is capped per item', () => {
    expect(overdueFine(rule, due, new Date('2026-03-01T20:00:00Z'), TZ, closed)).toBe(300)
    expect(
      overdueFine(
        { ...rule, max_fine_cents: null },
        due,
        new Date('2026-03-01T20:00:00Z'),
        TZ,
        closed,
      ),
    ).toBeGreaterThan(300)
  })
  it('charges nothing on time or within the grace period', () => {
    expect(overdueFine(rule, due, new Date('2026-01-02T20:00:00Z'), TZ, closed)).toBe(0)
    expect(
      overdueFine({ ...rule, grace_days: 3 }, due, new Date('2026-01-06T20:00:00Z'), TZ, closed),
    ).toBe(0)
    expect(
      overdueFine({ ...rule, grace_days: 2 }, due, new Date('2026-01-06T20:00:00Z'), TZ, closed),
    ).toBe(75)
  })
})

describe('loan rules', () => {
  const r = (branch: string, patron_category: string, item_type: string, loan_period: number) => ({
    id: `${branch}${patron_category}${item_type}`,
    branch,
    patron_category,
    item_type,
    loan_period,
    period_unit: 'days' as const,
    max_items: 10,
    renewals_allowed: 1,
    fine_per_day_cents: 10,
    max_fine_cents: null,
    grace_days: 0,
    holds_allowed: 1,
    updated_at: '',
  })
  const rules = [
    r('*', '*', '*', 21),
    r('*', '*', 'dvd', 7),
    r('*', 'child', '*', 14),
    r('east', '*', '*', 28),
    r('east', 'child', 'dvd', 3),
  ]
  it('prefers branch over category over item type, with fallbacks', () => {
    const pick = (branch: string, patronCategory: string, itemType: string) =>
      pickRule(rules, { branch, patronCategory, itemType })?.loan_period
    expect(pick('main', 'adult', 'book')).toBe(21)
    expect(pick('main', 'adult', 'dvd')).toBe(7)
    expect(pick('main', 'child', 'dvd')).toBe(14)
    expect(pick('east', 'adult', 'dvd')).toBe(28)
    expect(pick('east', 'child', 'dvd')).toBe(3)
    expect(
      pickRule(rules.slice(1), { branch: 'main', patronCategory: 'adult', itemType: 'book' }),
    ).toBeUndefined()
  })
})
