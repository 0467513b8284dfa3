import type { Migration } from 'kysely'
import * as website from './0001-website.js'

/** The statistics store's own migration list (never mixed with the records store's). */
export const statisticsMigrations: Record<string, Migration> = {
  '0001-website': website,
}
