import type { Kysely } from 'kysely'
import type { StatisticsDb } from '../../src/analytics/statistics.tables.js'

/**
 * Seeds the statistics store's daily tables directly: they are the reports' whole input, and
 * writing them by hand lets a test know every number the reports must show.
 */
export interface SeedDay {
  day: string
  site?: string
  totals?: [views: number, visits: number, visitors: number]
  pages?: [path: string, views: number, visits: number, entries: number, exits: number][]
  referrers?: [host: string, visits: number][]
  transitions?: [from: string, to: string, count: number][]
}

export const SITE = 'library.example.org'

export async function seedStatistics(db: Kysely<StatisticsDb>, days: SeedDay[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const d of days) {
      const site = d.site ?? SITE
      if (d.totals !== undefined) {
        const [views, visits, visitors] = d.totals
        await trx
          .insertInto('daily_totals')
          .values({ day: d.day, site, views, visits, visitors })
          .execute()
      }
      for (const [path, views, visits, entries, exits] of d.pages ?? [])
        await trx
          .insertInto('daily_pages')
          .values({ day: d.day, site, path, views, visits, entries, exits })
          .execute()
      for (const [host, visits] of d.referrers ?? [])
        await trx.insertInto('daily_referrers').values({ day: d.day, site, host, visits }).execute()
      for (const [from_path, to_path, count] of d.transitions ?? [])
        await trx
          .insertInto('daily_transitions')
          .values({ day: d.day, site, from_path, to_path, count })
          .execute()
    }
  })
}

/** Empties the daily tables between tests that share one store. */
export async function clearStatistics(db: Kysely<StatisticsDb>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of [
      'daily_totals',
      'daily_pages',
      'daily_referrers',
      'daily_transitions',
    ] as const)
      await trx.deleteFrom(table).execute()
  })
}
