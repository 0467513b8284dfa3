import { describe, expect, it } from 'vitest'
import {
  dayPlans,
  openState,
  upcomingClosures,
  weekHours,
  type ClosedDayRow,
  type WeekHours,
} from '../../src/library/opening-hours.js'

const ZONE = 'America/Chicago'

/** Every day 09:00–17:00, Saturday with a lunch break, as stored rows would give it. */
const WEEK: WeekHours = weekHours([
  ...[0, 1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    span: 0,
    opens_at: '09:00',
    closes_at: '17:00',
  })),
  { weekday: 6, span: 1, opens_at: '14:00', closes_at: '18:00' },
  { weekday: 6, span: 0, opens_at: '10:00', closes_at: '13:00' },
])

const closed = (over: Partial<ClosedDayRow>): ClosedDayRow => ({
  branch: '*',
  on_date: null,
  weekday: null,
  note: '',
  ...over,
})

const at = (instant: string, rows: ClosedDayRow[] = [], week = WEEK) =>
  openState(week, rows, 'main', new Date(instant), ZONE)

describe('opening hours: open now, on the library clock', () => {
  it('reads the local wall clock: opening time counts as open, closing time as closed', () => {
    // Thursday 15 January 2026, Chicago is UTC−6.
    expect(at('2026-01-15T10:00:00Z')).toEqual({
      kind: 'closed',
      next: { date: '2026-01-15', opens: '09:00' },
    })
    expect(at('2026-01-15T15:00:00Z')).toEqual({ kind: 'open', closes: '17:00' })
    expect(at('2026-01-15T22:59:00Z')).toEqual({ kind: 'open', closes: '17:00' })
    expect(at('2026-01-15T23:00:00Z')).toEqual({
      kind: 'closed',
      next: { date: '2026-01-16', opens: '09:00' },
    })
  })

  it('knows the lunch break between two spans of one day', () => {
    // Saturday 17 January 2026.
    expect(at('2026-01-17T17:30:00Z')).toEqual({ kind: 'open', closes: '13:00' })
    expect(at('2026-01-17T19:30:00Z')).toEqual({
      kind: 'closed',
      next: { date: '2026-01-17', opens: '14:00' },
    })
    expect(at('2026-01-17T20:00:00Z')).toEqual({ kind: 'open', closes: '18:00' })
  })

  it('follows the daylight-saving change on the day it happens, both ways', () => {
    // 8 March 2026: clocks go forward at 2:00; 14:30 UTC is 9:30 CDT (8:30 had the change been ignored).
    expect(at('2026-03-08T14:30:00Z')).toEqual({ kind: 'open', closes: '17:00' })
    // 22:30 UTC is 17:30 CDT: closed, though it would be 16:30 in standard time.
    expect(at('2026-03-08T22:30:00Z').kind).toBe('closed')
    // 1 November 2026: clocks go back at 2:00; 14:30 UTC is 8:30 CST (9:30 in daylight time).
    expect(at('2026-11-01T14:30:00Z')).toEqual({
      kind: 'closed',
      next: { date: '2026-11-01', opens: '09:00' },
    })
    expect(at('2026-11-01T15:30:00Z')).toEqual({ kind: 'open', closes: '17:00' })
  })

  it('is closed on a closed day, and looks past closed days for the next opening', () => {
    const rows = [
      closed({ on_date: '2026-01-15', note: 'Staff training' }),
      closed({ branch: 'main', weekday: 5 }),
      closed({ branch: 'east', on_date: '2026-01-17' }),
    ]
    // Thursday 15 January at 11:00: closed for the day; Friday is closed every week at this branch.
    expect(at('2026-01-15T17:00:00Z', rows)).toEqual({
      kind: 'closed',
      next: { date: '2026-01-17', opens: '10:00' },
    })
  })

  it('says nothing about a branch whose hours were never entered, and finds no opening in a closed week', () => {
    expect(at('2026-01-15T17:00:00Z', [], weekHours([]))).toEqual({ kind: 'unknown' })
    const everyDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => closed({ weekday }))
    expect(at('2026-01-15T17:00:00Z', everyDay)).toEqual({ kind: 'closed', next: null })
  })
})

describe('opening hours: the days ahead', () => {
  const rows = [
    closed({ weekday: 0, note: 'Closed on Sundays' }),
    closed({ branch: 'main', on_date: '2026-01-19', note: 'Martin Luther King Jr. Day' }),
    closed({ on_date: '2026-01-19', note: 'Martin Luther King Jr. Day' }),
    closed({ branch: 'east', on_date: '2026-01-20', note: 'Painting' }),
    closed({ on_date: '2026-03-20', note: 'Too far ahead' }),
    closed({ on_date: '2026-01-10', note: 'Already past' }),
  ]

  it('gives each day its hours, or closed with the notes of the closed days that cover it', () => {
    const plans = dayPlans(WEEK, rows, 'main', '2026-01-17', 4)
    expect(plans).toEqual([
      {
        date: '2026-01-17',
        weekday: 6,
        spans: [
          { opens: '10:00', closes: '13:00' },
          { opens: '14:00', closes: '18:00' },
        ],
        closed: null,
      },
      { date: '2026-01-18', weekday: 0, spans: [], closed: { notes: ['Closed on Sundays'] } },
      {
        date: '2026-01-19',
        weekday: 1,
        spans: [],
        closed: { notes: ['Martin Luther King Jr. Day'] },
      },
      // Another branch's closure does not close this one.
      {
        date: '2026-01-20',
        weekday: 2,
        spans: [{ opens: '09:00', closes: '17:00' }],
        closed: null,
      },
    ])
  })

  it('lists dated closures within the window, in order, and every weekly one', () => {
    expect(upcomingClosures(rows, 'main', '2026-01-15', 60)).toEqual({
      dates: [{ date: '2026-01-19', notes: ['Martin Luther King Jr. Day'] }],
      weekly: [{ weekday: 0, notes: ['Closed on Sundays'] }],
    })
    expect(upcomingClosures(rows, 'east', '2026-01-15', 60).dates).toEqual([
      { date: '2026-01-19', notes: ['Martin Luther King Jr. Day'] },
      { date: '2026-01-20', notes: ['Painting'] },
    ])
    // The window's last day is included, the next one is not.
    expect(upcomingClosures(rows, 'main', '2026-01-20', 60).dates).toEqual([
      { date: '2026-03-20', notes: ['Too far ahead'] },
    ])
    expect(upcomingClosures(rows, 'main', '2026-01-19', 60).dates).toEqual([
      { date: '2026-01-19', notes: ['Martin Luther King Jr. Day'] },
    ])
  })
})
