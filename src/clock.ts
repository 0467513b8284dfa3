/** Time is injected so that rules depending on it can be tested by moving the clock. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests can set and move. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-01-15T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime())
  }
  set(at: Date | string): void {
    this.current = new Date(at)
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export const MINUTE = 60_000
export const DAY = 24 * 60 * MINUTE

export const iso = (d: Date): string => d.toISOString()
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10)

/**
 * A clock shifted by a fixed amount, for training and demo libraries ("what happens in 40
 * days?"). Only the library's own time moves; leases between processes keep real time (`realClock`).
 */
export class OffsetClock implements Clock {
  constructor(
    readonly base: Clock,
    readonly offsetMs: number,
  ) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs)
  }
}

/** The unshifted clock under any offset: for coordination between processes, not for rules. */
export function realClock(clock: Clock): Clock {
  return clock instanceof OffsetClock ? realClock(clock.base) : clock
}

const OFFSET_UNITS = { d: DAY, h: 60 * MINUTE, m: MINUTE } as const
/** Ten years either way: far enough for any rehearsal, near enough to keep dates valid. */
export const MAX_CLOCK_OFFSET_MS = 3650 * DAY

/** Parses `40d`, `-3d`, `+12h` or `90m` into milliseconds; undefined for anything else. */
export function parseClockOffset(text: string): number | undefined {
  const match = /^([+-]?)(\d{1,7})([dhm])$/.exec(text.trim())
  if (match === null) return undefined
  const [, sign, amount, unit] = match
  const ms = Number(amount) * OFFSET_UNITS[unit as keyof typeof OFFSET_UNITS]
  if (ms > MAX_CLOCK_OFFSET_MS) return undefined
  return sign === '-' ? -ms : ms
}

/** "40 days ahead", "3 days behind", "12 hours ahead", "1 hour 30 minutes ahead". */
export function describeClockOffset(ms: number): string {
  const abs = Math.abs(ms)
  const parts: string[] = []
  const days = Math.floor(abs / DAY)
  const hours = Math.floor((abs % DAY) / (60 * MINUTE))
  const minutes = Math.round((abs % (60 * MINUTE)) / MINUTE)
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (days > 0) parts.push(unit(days, 'day'))
  if (hours > 0) parts.push(unit(hours, 'hour'))
  if (minutes > 0) parts.push(unit(minutes, 'minute'))
  if (parts.length === 0) return 'not moved'
  return `${parts.join(' ')} ${ms > 0 ? 'ahead' : 'behind'}`
}

/** The warning shown wherever a sandbox clock is in use (staff pages, command output); else undefined. */
export function sandboxClockNotice(clock: Clock): string | undefined {
  if (!(clock instanceof OffsetClock) || clock.offsetMs === 0) return undefined
  return `Sandbox clock: ${describeClockOffset(clock.offsetMs)} — dates are not real`
}
