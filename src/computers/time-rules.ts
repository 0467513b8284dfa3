/**
 * How many minutes a sign-in or an automatic extension grants: pure functions of the rule, the
 * minutes already used today, the branch's closing time and the instant, so they are tested
 * without a database or a clock.
 */
import { MINUTE } from '../clock.js'
import type { ComputerRulesTable } from './computers.tables.js'

export interface TimeRule {
  allowed: boolean
  dailyMinutes: number
  sessionMinutes: number
  extensionMinutes: number
}

/** The branch at an instant: closed, or open until a closing instant (null: hours not entered). */
export type Closing = { open: false } | { open: true; closesAt: Date | null }

export type Grant =
  | { kind: 'granted'; minutes: number }
  | { kind: 'not_allowed' }
  | { kind: 'no_time_left' }
  | { kind: 'closed' }

const ANY = '*'

/** The most specific rule: group and category, then group and any, any and category, any and any. */
export function ruleFor(
  rules: readonly ComputerRulesTable[],
  groupCode: string,
  category: string,
): TimeRule | undefined {
  const order: [string, string][] = [
    [groupCode, category],
    [groupCode, ANY],
    [ANY, category],
    [ANY, ANY],
  ]
  for (const [g, c] of order) {
    const row = rules.find((r) => r.group_code === g && r.category === c)
    if (row !== undefined)
      return {
        allowed: row.allowed === 1,
        dailyMinutes: row.daily_minutes,
        sessionMinutes: row.session_minutes,
        extensionMinutes: row.extension_minutes,
      }
  }
  return undefined
}

/** Whole minutes from `now` until the branch closes; Infinity when no closing time is known. */
export function minutesUntilClosing(closing: Closing, now: Date): number {
  if (!closing.open) return 0
  if (closing.closesAt === null) return Number.POSITIVE_INFINITY
  return Math.max(0, Math.floor((closing.closesAt.getTime() - now.getTime()) / MINUTE))
}

/** A sign-in: the session length, cut to what is left of today's allowance and to closing time. */
export function grantMinutes(input: {
  rule: TimeRule | undefined
  usedToday: number
  closing: Closing
  now: Date
}): Grant {
  const { rule, usedToday, closing, now } = input
  if (rule === undefined || !rule.allowed) return { kind: 'not_allowed' }
  const left = rule.dailyMinutes - usedToday
  if (left < 1) return { kind: 'no_time_left' }
  const untilClosing = minutesUntilClosing(closing, now)
  if (untilClosing < 1) return { kind: 'closed' }
  return { kind: 'granted', minutes: Math.min(rule.sessionMinutes, left, untilClosing) }
}

/**
 * An automatic extension at the end of a session: the rule's extension, cut to the allowance left
 * (counting this session so far) and to closing time; 0 when none applies.
 */
export function extensionMinutes(input: {
  rule: TimeRule | undefined
  usedToday: number
  sessionMinutes: number
  closing: Closing
  now: Date
}): number {
  const { rule, usedToday, sessionMinutes, closing, now } = input
  if (rule === undefined || !rule.allowed || rule.extensionMinutes < 1) return 0
  const left = rule.dailyMinutes - usedToday - sessionMinutes
  const minutes = Math.min(rule.extensionMinutes, left, minutesUntilClosing(closing, now))
  return minutes >= 1 ? minutes : 0
}

/** Minutes a session has used by `until`, rounded up (a started minute counts). */
export function minutesBetween(from: string, until: Date): number {
  return Math.max(0, Math.ceil((until.getTime() - new Date(from).getTime()) / MINUTE))
}
