import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../src/clock.js'
import type { ComputerRulesTable } from '../../src/computers/computers.tables.js'
import {
  extensionMinutes,
  grantMinutes,
  ruleFor,
  type TimeRule,
} from '../../src/computers/time-rules.js'

const now = new Date('2026-01-15T16:00:00.000Z')
const open = { open: true as const, closesAt: null }
const closesIn = (minutes: number) => ({
  open: true as const,
  closesAt: new Date(now.getTime() + minutes * MINUTE + 30_000),
})
const adult: TimeRule = {
  allowed: true,
  dailyMinutes: 120,
  sessionMinutes: 60,
  extensionMinutes: 15,
}

describe('computers: time rules', () => {
  it('grants the session length, cut to the allowance left and to closing time', () => {
    const grant = (usedToday: number, closing: Parameters<typeof grantMinutes>[0]['closing']) =>
      grantMinutes({ rule: adult, usedToday, closing, now })
    expect(grant(0, open)).toEqual({ kind: 'granted', minutes: 60 })
    expect(grant(100, open)).toEqual({ kind: 'granted', minutes: 20 })
    expect(grant(119, open)).toEqual({ kind: 'granted', minutes: 1 })
    expect(grant(120, open)).toEqual({ kind: 'no_time_left' })
    expect(grant(0, closesIn(25))).toEqual({ kind: 'granted', minutes: 25 })
    expect(grant(0, closesIn(0))).toEqual({ kind: 'closed' })
    expect(grant(0, { open: false })).toEqual({ kind: 'closed' })
    expect(grantMinutes({ rule: undefined, usedToday: 0, closing: open, now })).toEqual({
      kind: 'not_allowed',
    })
    expect(
      grantMinutes({ rule: { ...adult, allowed: false }, usedToday: 0, closing: open, now }),
    ).toEqual({ kind: 'not_allowed' })
  })

  it('extends by the rule, cut to the allowance left after this session and to closing', () => {
    const ext = (usedToday: number, sessionMinutes: number, closing = open as never) =>
      extensionMinutes({ rule: adult, usedToday, sessionMinutes, closing, now })
    expect(ext(0, 60)).toBe(15)
    expect(ext(50, 60)).toBe(10)
    expect(ext(60, 60)).toBe(0)
    expect(ext(0, 60, closesIn(7) as never)).toBe(7)
    expect(ext(0, 60, { open: false } as never)).toBe(0)
    expect(
      extensionMinutes({
        rule: { ...adult, extensionMinutes: 0 },
        usedToday: 0,
        sessionMinutes: 60,
        closing: open,
        now,
      }),
    ).toBe(0)
  })

  it('takes the most specific rule: group and category, then either one, then any', () => {
    const row = (group_code: string, category: string, daily: number): ComputerRulesTable => ({
      id: `${group_code}/${category}`,
      group_code,
      category,
      allowed: 1,
      daily_minutes: daily,
      session_minutes: 30,
      extension_minutes: 0,
    })
    const rules = [
      row('*', '*', 1),
      row('*', 'child', 2),
      row('kids', '*', 3),
      row('kids', 'child', 4),
    ]
    expect(ruleFor(rules, 'kids', 'child')?.dailyMinutes).toBe(4)
    expect(ruleFor(rules, 'kids', 'adult')?.dailyMinutes).toBe(3)
    expect(ruleFor(rules, 'adult', 'child')?.dailyMinutes).toBe(2)
    expect(ruleFor(rules, 'adult', 'adult')?.dailyMinutes).toBe(1)
    expect(ruleFor(rules.slice(1), 'adult', 'adult')).toBeUndefined()
  })
})
