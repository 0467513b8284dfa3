import type { Generated } from 'kysely'
import type { MagneticMedia, SecurityMarker } from '../catalog/item-security.js'

/** '*' in a rule or closed day means "any". */
export const ANY = '*'

export interface BranchesTable {
  code: string
  name: string
  created_at: string
  /** Postal address, one line per line of the envelope; '' until the library enters it. */
  address: Generated<string>
  phone: Generated<string>
  email: string | null
}

/** One span of a branch's regular week; a weekday with no span is closed all day. */
export interface OpeningHoursTable {
  branch: string
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  /** 0 for the first span of the day, 1 for the second. */
  span: number
  /** Local wall-clock time, HH:MM. */
  opens_at: string
  closes_at: string
}

export interface ItemTypesTable {
  code: string
  name: string
  not_for_loan: number
  /** SIP2 magnetic media: 'Y' or 'N'; NULL when the library has not said (sent as U). */
  magnetic_media: MagneticMedia | null
  /** SIP2 security marker (reference §6.5), '00' unless the library set it. */
  security_marker: Generated<SecurityMarker>
}

export interface PatronCategoriesTable {
  code: string
  name: string
  /** Checkout is blocked when the patron owes more than this. */
  max_owed_cents: number
  /** Sent to computer managers as SIP2 PI (e.g. a filtering level); null = none. */
  internet_profile: string | null
}

export interface LoanRulesTable {
  id: string
  branch: string
  patron_category: string
  item_type: string
  loan_period: number
  period_unit: 'days' | 'hours'
  max_items: number
  renewals_allowed: number
  fine_per_day_cents: number
  /** Most one item's overdue fine can reach; null for no cap. */
  max_fine_cents: number | null
  grace_days: number
  holds_allowed: number
  updated_at: string
}

export interface ClosedDaysTable {
  id: string
  branch: string
  on_date: string | null
  weekday: number | null
  note: string
}

/** One row, changed by triggers whenever a versioned set-up table changes (migration 0030). */
export interface LibraryVersionTable {
  /** Random per database. */
  stamp: string
  /** A fresh random token after every change. */
  version: string
}

export interface LibraryTables {
  library_version: LibraryVersionTable
  branches: BranchesTable
  item_types: ItemTypesTable
  patron_categories: PatronCategoriesTable
  loan_rules: LoanRulesTable
  closed_days: ClosedDaysTable
  opening_hours: OpeningHoursTable
}
