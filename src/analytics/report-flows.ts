import type { Kysely } from 'kysely'
import { asCount, type DayRange } from './reports.js'
import type { StatisticsDb } from './statistics.tables.js'

/**
 * Navigation between sections of a site. A section is a path's first segment (`/catalog/123`
 * belongs to `/catalog`); the home page is `/`. Page-to-page moves are summed per section pair,
 * moves within one section included, since staff ask "where do people go from the catalog?".
 */
export interface SectionFlow {
  from: string
  to: string
  count: number
}

export function sectionOf(path: string): string {
  const first = path.split('/').find((segment) => segment !== '')
  return first === undefined ? '/' : `/${first}`
}

/** The most frequent section-to-section moves in a range, most first, at most `limit`. */
export async function sectionFlows(
  db: Kysely<StatisticsDb>,
  range: DayRange,
  limit: number,
): Promise<SectionFlow[]> {
  let query = db
    .selectFrom('daily_transitions')
    .select((eb) => [
      'from_path',
      'to_path',
      eb.fn.sum<number | string | null>('count').as('count'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy(['from_path', 'to_path'])
  if (range.site !== undefined) query = query.where('site', '=', range.site)
  const flows = new Map<string, SectionFlow>()
  for (const row of await query.execute()) {
    const from = sectionOf(row.from_path)
    const to = sectionOf(row.to_path)
    const key = JSON.stringify([from, to])
    const flow = flows.get(key) ?? { from, to, count: 0 }
    flow.count += asCount(row.count)
    flows.set(key, flow)
  }
  return [...flows.values()]
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .slice(0, limit)
}
