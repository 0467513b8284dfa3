import type { Kysely } from 'kysely'
import type { Hit } from '../../src/analytics/ingest.js'
import type { StatisticsDb } from '../../src/analytics/statistics.tables.js'

export const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'
export const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'

/** A browser's page view on `site`; headers and address may be overridden. */
export function hit(site: string, path: string, extra: Partial<Hit> = {}): Hit {
  return {
    url: `https://${site}${path}`,
    address: '203.0.113.77',
    ...extra,
    headers: { userAgent: FIREFOX, ...extra.headers },
  }
}

/** Everything stored about one site, in a stable order. */
export async function siteRows(db: Kysely<StatisticsDb>, site: string) {
  return {
    views: await db
      .selectFrom('page_views')
      .select(['day', 'address', 'path', 'referrer_host'])
      .where('site', '=', site)
      .orderBy('viewed_at')
      .orderBy('path')
      .execute(),
    totals: await db
      .selectFrom('daily_totals')
      .select(['day', 'views', 'visits', 'visitors'])
      .where('site', '=', site)
      .orderBy('day')
      .execute(),
    pages: await db
      .selectFrom('daily_pages')
      .select(['path', 'views', 'visits', 'entries', 'exits'])
      .where('site', '=', site)
      .orderBy('path')
      .execute(),
    referrers: await db
      .selectFrom('daily_referrers')
      .select(['host', 'visits'])
      .where('site', '=', site)
      .orderBy('host')
      .execute(),
    transitions: await db
      .selectFrom('daily_transitions')
      .select(['from_path', 'to_path', 'count'])
      .where('site', '=', site)
      .orderBy('from_path')
      .orderBy('to_path')
      .execute(),
  }
}
