import { describe, expect, it } from 'vitest'
import { sectionOf } from '../../src/analytics/report-flows.js'
import { isDay, periodOf, periodsOf, rangeLength } from '../../src/analytics/report-periods.js'

describe('report periods', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isDay('2028-02-29')).toBe(true)
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-1-05',
      '26-01-05',
      'today',
      '',
    ])
      expect({ bad, ok: isDay(bad) }).toEqual({ bad, ok: false })
  })

  it('names a week by its Monday, across a month and a year end', () => {
    expect(periodOf('2026-11-01', 'week')).toBe('2026-10-26') // a Sunday
    expect(periodOf('2026-11-02', 'week')).toBe('2026-11-02') // a Monday
    expect(periodOf('2027-01-01', 'week')).toBe('2026-12-28')
    expect(periodOf('2026-11-01', 'month')).toBe('2026-11')
    expect(periodsOf('2026-12-30', '2027-01-12', 'week')).toEqual([
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
    ])
    expect(periodsOf('2026-12-30', '2027-02-01', 'month')).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
    ])
  })

  it('counts both ends of a range', () => {
    expect(rangeLength('2026-01-01', '2026-01-01')).toBe(1)
    expect(rangeLength('2026-01-01', '2026-12-31')).toBe(365)
  })

  it('takes a path’s first segment as its section', () => {
    expect(sectionOf('/')).toBe('/')
    expect(sectionOf('/catalog/item/7')).toBe('/catalog')
    expect(sectionOf('/events')).toBe('/events')
    expect(sectionOf('//odd//path')).toBe('/odd')
  })
})
