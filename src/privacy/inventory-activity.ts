import type { TableEntry } from './inventory.js'
import { uniformTable } from './inventory-helpers.js'

/**
 * What outlives a registration, a question or a request for the library's reports: a count in
 * a cell of a day, a branch and a kind of patron, never the person (design §5 Linkability).
 */
export const ACTIVITY_INVENTORY: Record<string, TableEntry> = {
  activity_counts: uniformTable(
    'Daily counts of registrations, questions and requests',
    'anonymous_statistic',
    'counts of registrations, questions and requests',
    'activity-statistics',
    {
      id: 'Identifies a count (random).',
      day: 'The day counted.',
      branch: 'The home branch of the patron, or none for a question sent without signing in.',
      patron_category: 'The kind of patron, never the patron (none when not signed in).',
      event:
        'A new registration, a question to the library, or an interlibrary-loan or purchase request.',
      count: 'How many that day.',
    },
  ),
}
