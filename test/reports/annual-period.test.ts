// Which days an annual report covers: a fiscal year is named for the year it ends in; two days
// of one's own are checked; anything else is refused with a stable code.
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.js'
import {
  fiscalYearOf,
  fiscalYearPeriod,
  resolvePeriod,
} from '../../src/reports/annual-period.js'

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError'
  }
  return undefined
}

describe('annual report periods', () => {
  it('names a July–June year for the year it ends in, and a January year for itself', () => {
    expect(fiscalYearPeriod(2026, 7)).toEqual({ from: '2025-07-01', to: '2026-06-30', fiscalYear: 2026 })
    expect(fiscalYearPeriod(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-12-31', fiscalYear: 2026 })
    expect(fiscalYearPeriod(2024, 3)).toEqual({ from: '2023-03-01', to: '2024-02-29', fiscalYear: 2024 })
    expect(fiscalYearPeriod(2026, 12)).toEqual({ from: '2025-12-01', to: '2026-11-30', fiscalYear: 2026 })
  })

  it('knows which fiscal year a day falls in', () => {
    expect(fiscalYearOf('2026-06-30', 7)).toBe(2026)
    expect(fiscalYearOf('2026-07-01', 7)).toBe(2027)
    expect(fiscalYearOf('2026-12-31', 1)).toBe(2026)
  })

  it('takes a year, or two days, and defaults to the last fiscal year that has ended', () => {
    expect(resolvePeriod({ year: ' 2026 ' }, 7, '2030-01-01')).toMatchObject({ from: '2025-07-01', to: '2026-06-30' })
    expect(resolvePeriod({ from: '2025-01-01', to: '2025-12-31' }, 7, '2030-01-01')).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      fiscalYear: null,
    })
    expect(resolvePeriod({}, 7, '2026-07-01')).toMatchObject({ fiscalYear: 2026 })
    expect(resolvePeriod({}, 7, '2026-06-30')).toMatchObject({ fiscalYear: 2025 })
    expect(resolvePeriod({ year: '' }, 1, '2026-03-03')).toMatchObject({ fiscalYear: 2025 })
  })

  it('refuses a bad year or period with a stable code', () => {
    for (const year of ['26', '1999', '2200', 'next', '2026.5', '-2026'])
      expect(codeOf(() => resolvePeriod({ year }, 7, '2026-01-01'))).toBe('REPORT_YEAR_INVALID')
    const bad = [
      { from: '2025-01-01' },
      { to: '2025-01-01' },
      { from: '2025-02-30', to: '2025-03-01' },
      { from: '2025-3-1', to: '2025-03-31' },
      { from: '2025-06-01', to: '2025-05-31' },
      { from: '2025-01-01', to: '2026-01-02' },
      { year: '2026', from: '2025-01-01', to: '2025-02-01' },
    ]
    for (const input of bad)
      expect(codeOf(() => resolvePeriod(input, 7, '2026-01-01'))).toBe('REPORT_PERIOD_INVALID')
    // A leap year's 366 days are one year.
    expect(codeOf(() => resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, 7, '2026-01-01'))).toBeUndefined()
  })
})
