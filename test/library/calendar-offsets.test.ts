import { describe, expect, it } from 'vitest'
import { fromWallClock, localDate, wallParts } from '../../src/library/calendar.js'

/** What Intl says, the slow way, for comparison. */
function intlParts(at: Date, tz: string) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]))
  return [p.year, p.month, p.day, p.hour, p.minute, p.second].join(' ')
}

const ZONES = ['America/Chicago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/Dublin', 'UTC']

describe('wall-clock parts from remembered offsets', () => {
  it('agree with Intl at every second around the 2026 daylight-saving changes', () => {
    // Chicago: 2026-03-08 02:00 CST → CDT (08:00 UTC) and 2026-11-01 02:00 CDT → CST (07:00 UTC);
    // Monrovia 1972-01-07 00:44:30 UTC, from UTC-0:44:30 to UTC: a change inside a quarter hour,
    // which must never be remembered as one offset for the whole quarter.
    const changes = [
      ['America/Chicago', '2026-03-08T08:00:00Z'],
      ['America/Chicago', '2026-11-01T07:00:00Z'],
      ['Africa/Monrovia', '1972-01-07T00:44:30Z'],
    ] as const
    for (const [tz, change] of changes) {
      const t = Date.parse(change)
      for (let s = -1800; s <= 1800; s += 7) {
        const at = new Date(t + s * 1000 + 123)
        const p = wallParts(at, tz)
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second].join(' ')).toBe(
          intlParts(at, tz),
        )
      }
    }
  })

  it('agree with Intl at random instants in zones with half-hour and quarter-hour offsets and changes', () => {
    let seed = 42
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    for (const tz of ZONES)
      for (let i = 0; i < 400; i++) {
        const at = new Date(Date.parse('1990-01-01T00:00:00Z') + random() * 50 * 365 * 86_400_000)
        const p = wallParts(at, tz)
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second].join(' ')).toBe(
          intlParts(at, tz),
        )
      }
  })

  it('the library date and the instant of a wall-clock time stay right across a change', () => {
    expect(localDate(new Date('2026-11-01T05:30:00Z'), 'America/Chicago')).toBe('2026-11-01')
    expect(localDate(new Date('2026-11-01T04:59:59Z'), 'America/Chicago')).toBe('2026-10-31')
    // 23:59 local on the day after the change is CST (UTC-6).
    expect(fromWallClock(Date.UTC(2026, 10, 2, 23, 59), 'America/Chicago').toISOString()).toBe(
      '2026-11-03T05:59:00.000Z',
    )
  })
})
