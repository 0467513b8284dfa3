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
