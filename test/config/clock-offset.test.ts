import { describe, expect, it } from 'vitest'
import {
  DAY,
  describeClockOffset,
  ManualClock,
  MINUTE,
  OffsetClock,
  parseClockOffset,
  realClock,
  sandboxClockNotice,
} from '../../src/clock.js'
import { ConfigError, loadConfig } from '../../src/config/config.js'
import { configuredClockOffset } from '../../src/context.js'

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn()
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('sandbox clock offset', () => {
  it('parses days, hours and minutes, either way', () => {
    expect(parseClockOffset('40d')).toBe(40 * DAY)
    expect(parseClockOffset('-3d')).toBe(-3 * DAY)
    expect(parseClockOffset('+2d')).toBe(2 * DAY)
    expect(parseClockOffset('12h')).toBe(12 * 60 * MINUTE)
    expect(parseClockOffset('90m')).toBe(90 * MINUTE)
    expect(parseClockOffset('0d')).toBe(0)
    expect(parseClockOffset('3650d')).toBe(3650 * DAY)
  })

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '40',
      'd',
      '40 d',
      '4 days',
      '40D',
      '1.5d',
      '40s',
      '1w',
      '40d12h',
      '--3d',
      '3d ago',
      '3651d',
      '99999999d',
    ])
      expect(parseClockOffset(bad), bad).toBeUndefined()
  })

  it('moves the time it reads from its base clock, and says by how much', () => {
    const base = new ManualClock(new Date('2026-03-01T12:00:00.000Z'))
    const ahead = new OffsetClock(base, 40 * DAY)
    expect(ahead.now().toISOString()).toBe('2026-04-10T12:00:00.000Z')
    base.advance(90 * MINUTE)
    expect(ahead.now().toISOString()).toBe('2026-04-10T13:30:00.000Z')
    expect(new OffsetClock(base, -3 * DAY).now().toISOString()).toBe('2026-02-26T13:30:00.000Z')
    // Leases between processes keep real time.
    expect(realClock(ahead)).toBe(base)
    expect(realClock(new OffsetClock(ahead, DAY))).toBe(base)
    expect(realClock(base)).toBe(base)

    expect(describeClockOffset(40 * DAY)).toBe('40 days ahead')
    expect(describeClockOffset(-DAY)).toBe('1 day behind')
    expect(describeClockOffset(12 * 60 * MINUTE)).toBe('12 hours ahead')
    expect(describeClockOffset(90 * MINUTE)).toBe('1 hour 30 minutes ahead')
    expect(sandboxClockNotice(ahead)).toBe('Sandbox clock: 40 days ahead — dates are not real')
    expect(sandboxClockNotice(base)).toBeUndefined()
    expect(sandboxClockNotice(new OffsetClock(base, 0))).toBeUndefined()
  })

  it('is read from clock.offset or CARREL_CLOCK_OFFSET; unset means no offset', () => {
    expect(configuredClockOffset(loadConfig({ env: {}, file: undefined }))).toBe(0)
    const fromEnv = loadConfig({ env: { CARREL_CLOCK_OFFSET: '40d' } })
    expect(fromEnv.clock.offset).toBe('40d')
    expect(configuredClockOffset(fromEnv)).toBe(40 * DAY)
    const fromFile = loadConfig({ env: {}, overrides: { clock: { offset: '-3d' } } })
    expect(configuredClockOffset(fromFile)).toBe(-3 * DAY)
  })

  it('names the key and the variable of a bad offset', () => {
    for (const bad of ['4 days', '40', '1w', 'soon']) {
      const problems = problemsOf(() => loadConfig({ env: { CARREL_CLOCK_OFFSET: bad } }))
      expect(problems).toHaveLength(1)
      expect(problems[0]).toContain('clock.offset')
      expect(problems[0]).toContain('CARREL_CLOCK_OFFSET')
      expect(problems[0]).toContain(`"${bad}"`)
    }
    const typed = problemsOf(() => loadConfig({ env: {}, overrides: { clock: { offset: 40 } } }))
    expect(typed.join('\n')).toContain('clock.offset')
    const unknownKey = problemsOf(() =>
      loadConfig({ env: {}, overrides: { clock: { offest: '40d' } } }),
    )
    expect(unknownKey.join('\n')).toContain('clock')
  })
})
