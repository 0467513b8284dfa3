import { createHmac, randomBytes, randomUUID } from 'node:crypto'

/** A visit ends after this long without a view. */
export const VISIT_IDLE_MS = 30 * 60_000

/** An open visit, held in memory only; its id is random and never written anywhere. */
export interface Visit {
  id: string
  site: string
  day: string
  lastPath: string
  lastAt: number
  /** Paths this visit has seen (for "visits that saw the path"). */
  seen: Set<string>
}

export interface ViewOutcome {
  /** The visit this view belongs to, after the view. */
  visit: Visit
  /** True when the view started a new visit (an entry). */
  entered: boolean
  /** The path this visit came from, when the view continued it. */
  from?: string
  /** True when this browser had not been seen on this site today. */
  newVisitor: boolean
  /** True when this visit had not seen the path before. */
  newPathInVisit: boolean
}

/**
 * Recognises the same browser across page views without remembering who it is: a random key,
 * made in memory for one UTC day and never written, turns address + User-Agent + site into a
 * keyed hash; the hash finds an open visit (itself a random id) or counts a new visitor. When
 * the day changes the key is overwritten, the visitors forgotten and every open visit ended,
 * so nothing kept — in memory or on disk — can link today's views to yesterday's.
 */
export class VisitTracker {
  private day = ''
  private key: Buffer = randomBytes(32)
  private readonly visitors = new Set<string>()
  private readonly open = new Map<string, Visit>()

  /** Counts one view; `ended` receives visits this view (or a new day) closed. */
  view(
    input: { day: string; at: number; address: string; agent: string; site: string; path: string },
    ended: (visit: Visit) => void,
  ): ViewOutcome {
    if (input.day !== this.day) this.newDay(input.day, ended)
    const mark = createHmac('sha256', this.key)
      .update(`${input.address}\n${input.agent}\n${input.site}`)
      .digest('base64url')
      .slice(0, 22)
    const newVisitor = !this.visitors.has(mark)
    if (newVisitor) this.visitors.add(mark)
    const current = this.open.get(mark)
    if (current !== undefined && input.at - current.lastAt < VISIT_IDLE_MS) {
      const from = current.lastPath
      const newPathInVisit = !current.seen.has(input.path)
      current.seen.add(input.path)
      current.lastPath = input.path
      current.lastAt = input.at
      return { visit: current, entered: false, from, newVisitor, newPathInVisit }
    }
    if (current !== undefined) ended(current)
    const visit: Visit = {
      id: randomUUID(),
      site: input.site,
      day: input.day,
      lastPath: input.path,
      lastAt: input.at,
      seen: new Set([input.path]),
    }
    this.open.set(mark, visit)
    return { visit, entered: true, newVisitor, newPathInVisit: true }
  }

  /** Ends visits idle for 30 minutes at `at` (and every visit when the day has changed). */
  expire(day: string, at: number, ended: (visit: Visit) => void): void {
    if (this.day !== '' && day !== this.day) {
      this.newDay(day, ended)
      return
    }
    for (const [mark, visit] of this.open) {
      if (at - visit.lastAt >= VISIT_IDLE_MS) {
        this.open.delete(mark)
        ended(visit)
      }
    }
  }

  /** Ends every open visit (the process is stopping). */
  endAll(ended: (visit: Visit) => void): void {
    for (const visit of this.open.values()) ended(visit)
    this.open.clear()
  }

  get openVisits(): number {
    return this.open.size
  }

  private newDay(day: string, ended: (visit: Visit) => void): void {
    this.endAll(ended)
    this.visitors.clear()
    this.key.fill(0)
    this.key = randomBytes(32)
    this.day = day
  }
}
