/**
 * The statistics store's tables (its own database: nothing here ever joins a patron record).
 * Every `day` is `YYYY-MM-DD` in UTC. Only `page_views` holds rows about single page views,
 * and it is emptied after `statistics.rawDays`; the daily tables hold counts only.
 */

export interface PageViewsTable {
  /** Random, never time-ordered. */
  id: string
  /** Host (and port) of the counted page, such as `www.mylibrary.org`. */
  site: string
  day: string
  /** ISO UTC to the second. */
  viewed_at: string
  /** The visitor's network address with its host part zeroed (IPv4 /24, IPv6 /48 by default). */
  address: string
  /** Path without query string (except allow-listed parameters) or fragment. */
  path: string
  /** Host of the referring page, only when it is another site. */
  referrer_host: string | null
}

export interface DailyTotalsTable {
  day: string
  site: string
  views: number
  visits: number
  visitors: number
}

export interface DailyPagesTable {
  day: string
  site: string
  path: string
  views: number
  /** Visits that saw the path that day. */
  visits: number
  entries: number
  exits: number
}

export interface DailyReferrersTable {
  day: string
  site: string
  host: string
  /** Visits that entered the site from this host. */
  visits: number
}

export interface DailyTransitionsTable {
  day: string
  site: string
  from_path: string
  to_path: string
  count: number
}

export interface StatisticsDb {
  page_views: PageViewsTable
  daily_totals: DailyTotalsTable
  daily_pages: DailyPagesTable
  daily_referrers: DailyReferrersTable
  daily_transitions: DailyTransitionsTable
}
