/** What else the library counts, besides loans, holds and money: one act, one more in a cell. */
export const ACTIVITY_EVENTS = ['registered', 'inquiry', 'ill_request', 'purchase_request'] as const
export type ActivityEvent = (typeof ACTIVITY_EVENTS)[number]

/** Written where the cell is not known (a question sent by someone not signed in). */
export const UNKNOWN_CELL = '*'

/**
 * Anonymous daily counts of registrations, reference questions and patron requests: a random id,
 * a day and the kind of patron, never the patron (design §5 Linkability).
 */
export interface ActivityCountsTable {
  id: string
  /** Local calendar date. */
  day: string
  /** The patron's home branch, or `*`. */
  branch: string
  /** The patron's category, or `*`. */
  patron_category: string
  event: ActivityEvent
  count: number
}

export interface ActivityTables {
  activity_counts: ActivityCountsTable
}
