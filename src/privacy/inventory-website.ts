import { STAFF_ROLES, type StaffRole } from '../staff/staff.tables.js'
import type { Access, ColumnEntry, TableEntry } from './inventory.js'

/*
 * The website statistics (P6), in their own store: single page views for a month, then only
 * daily counts. Nothing here names a patron, a card or an account, and the records store holds
 * no address to join them with. Staff who read statistics see the counts; the raw views, with
 * their truncated addresses, only administrators and the privacy officer.
 */

const only = (...roles: StaffRole[]): Record<StaffRole, Access> =>
  Object.fromEntries(STAFF_ROLES.map((r) => [r, roles.includes(r) ? 'full' : 'hidden'])) as Record<
    StaffRole,
    Access
  >

const view = (purpose: string): ColumnEntry => ({
  category: 'website page view',
  purpose,
  classification: 'operational',
  retention: 'website-views',
  access: only('admin', 'privacy_officer'),
})

const count = (purpose: string): ColumnEntry => ({
  category: 'website statistics',
  purpose,
  classification: 'anonymous_statistic',
  retention: 'website-statistics',
  access: only('admin', 'privacy_officer', 'librarian'),
})

/** The website tables the privacy notice lists (page views are not anonymous, so named here). */
export const WEBSITE_TABLES = [
  'page_views',
  'daily_totals',
  'daily_pages',
  'daily_referrers',
  'daily_transitions',
]

export const WEBSITE_INVENTORY: Record<string, TableEntry> = {
  page_views: {
    store: 'statistics',
    description: 'Single website page views, kept for statistics.rawDays',
    columns: {
      id: view('Identifies the row (random, so it tells nothing about order or time).'),
      site: view('Which website the page belongs to (the library may count more than one).'),
      day: view('The day of the view, to count days and to delete old views on schedule.'),
      viewed_at: view('The time of the view, to the second.'),
      address: view(
        'The network address the page was asked from, with its last part removed (IPv4 /24, IPv6 /48), to tell rough locations and misuse apart.',
      ),
      path: view('Which page was viewed, without the query string or anything after #.'),
      referrer_host: view('The other website whose link led to the page, by its name only.'),
    },
  },
  daily_totals: {
    store: 'statistics',
    description: 'Views, visits and visitors per site and day',
    columns: {
      day: count('The day counted.'),
      site: count('The website counted.'),
      views: count('How many pages were viewed.'),
      visits: count('How many visits there were (views less than 30 minutes apart).'),
      visitors: count('How many different browsers visited that day.'),
    },
  },
  daily_pages: {
    store: 'statistics',
    description: 'Views, visits, entries and exits per page and day',
    columns: {
      day: count('The day counted.'),
      site: count('The website counted.'),
      path: count('The page counted.'),
      views: count('How many times the page was viewed.'),
      visits: count('How many visits saw the page.'),
      entries: count('How many visits started on the page.'),
      exits: count('How many visits ended on the page.'),
    },
  },
  daily_referrers: {
    store: 'statistics',
    description: 'Visits per referring website and day',
    columns: {
      day: count('The day counted.'),
      site: count('The website counted.'),
      host: count('The other website whose link started the visits.'),
      visits: count('How many visits started from it.'),
    },
  },
  daily_transitions: {
    store: 'statistics',
    description: 'Moves from one page to another per day',
    columns: {
      day: count('The day counted.'),
      site: count('The website counted.'),
      from_path: count('The page a visitor was on.'),
      to_path: count('The page they went to next.'),
      count: count('How many times that move was made.'),
    },
  },
}
