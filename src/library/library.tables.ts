/** '*' in a rule or closed day means "any". */
export const ANY = '*'

export interface BranchesTable {
  code: string
  name: string
  created_at: string
}

export interface ItemTypesTable {
  code: string
  name: string
  not_for_loan: number
}

export interface PatronCategoriesTable {
  code: string
  name: string
  /** Checkout is blocked when the patron owes more than this. */
  max_owed_cents: number
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

export interface LibraryTables {
  branches: BranchesTable
  item_types: ItemTypesTable
  patron_categories: PatronCategoriesTable
  loan_rules: LoanRulesTable
  closed_days: ClosedDaysTable
}
