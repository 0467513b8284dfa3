import type {
  DailyPagesTable,
  DailyReferrersTable,
  DailyTotalsTable,
  DailyTransitionsTable,
  PageViewsTable,
} from './statistics.tables.js'

type Counts<T> = Omit<T, 'day' | 'site' | 'path' | 'host' | 'from_path' | 'to_path'>

/** Increments keyed by a table's primary key, added up in memory until the next flush. */
class Counter<K extends object, C extends Record<string, number>> {
  readonly rows = new Map<string, K & C>()
  constructor(private readonly zero: () => C) {}
  add(key: K, counts: Partial<C>): void {
    const id = JSON.stringify(Object.values(key))
    let row = this.rows.get(id)
    if (row === undefined) {
      row = { ...key, ...this.zero() }
      this.rows.set(id, row)
    }
    const target = row as Record<string, number>
    for (const [name, n] of Object.entries(counts as Record<string, number>))
      target[name] = (target[name] ?? 0) + n
  }
  mergeInto(other: Counter<K, C>): void {
    for (const row of this.rows.values()) {
      const key = { ...row }
      const counts = {} as Partial<C>
      for (const name of Object.keys(this.zero()) as (keyof C)[]) {
        counts[name] = row[name]
        delete (key as Partial<C>)[name]
      }
      other.add(key, counts)
    }
  }
}

/**
 * Everything counted since the last flush: the raw views and the increments of every daily
 * table. A flush writes one tally in one transaction; a failed one is merged back into the next.
 */
export class Tally {
  readonly views: PageViewsTable[] = []
  readonly totals = new Counter<{ day: string; site: string }, Counts<DailyTotalsTable>>(() => ({
    views: 0,
    visits: 0,
    visitors: 0,
  }))
  readonly pages = new Counter<
    { day: string; site: string; path: string },
    Counts<DailyPagesTable>
  >(() => ({ views: 0, visits: 0, entries: 0, exits: 0 }))
  readonly referrers = new Counter<
    { day: string; site: string; host: string },
    Counts<DailyReferrersTable>
  >(() => ({ visits: 0 }))
  readonly transitions = new Counter<
    { day: string; site: string; from_path: string; to_path: string },
    Counts<DailyTransitionsTable>
  >(() => ({ count: 0 }))

  get isEmpty(): boolean {
    return (
      this.views.length === 0 &&
      this.totals.rows.size === 0 &&
      this.pages.rows.size === 0 &&
      this.referrers.rows.size === 0 &&
      this.transitions.rows.size === 0
    )
  }

  /** Adds this tally's rows to `other` (a failed flush hands its counts to the next one). */
  mergeInto(other: Tally): void {
    other.views.unshift(...this.views)
    this.totals.mergeInto(other.totals)
    this.pages.mergeInto(other.pages)
    this.referrers.mergeInto(other.referrers)
    this.transitions.mergeInto(other.transitions)
  }
}
