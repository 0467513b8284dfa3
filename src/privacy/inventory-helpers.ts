import { STAFF_ROLES, type StaffRole } from '../staff/staff.tables.js'
import type { Access, Classification, ColumnEntry, TableEntry } from './inventory.js'
import type { RetentionRuleId } from './retention-rules.js'

export const everyone = (a: Access = 'full'): Record<StaffRole, Access> =>
  Object.fromEntries(STAFF_ROLES.map((r) => [r, a])) as Record<StaffRole, Access>
export const only = (...roles: StaffRole[]): Record<StaffRole, Access> =>
  Object.fromEntries(STAFF_ROLES.map((r) => [r, roles.includes(r) ? 'full' : 'hidden'])) as Record<
    StaffRole,
    Access
  >

export function column(
  classification: Classification,
  category: string,
  purpose: string,
  retention: RetentionRuleId,
  extra: Partial<ColumnEntry> = {},
): ColumnEntry {
  return { category, purpose, classification, retention, access: everyone(), ...extra }
}

/** A table whose columns share one classification, category and retention rule. */
export function uniformTable(
  description: string,
  classification: Classification,
  category: string,
  retention: RetentionRuleId,
  purposes: Record<string, string>,
  overrides: Record<string, Partial<ColumnEntry>> = {},
): TableEntry {
  return {
    store: 'records',
    description,
    columns: Object.fromEntries(
      Object.entries(purposes).map(([c, purpose]) => [
        c,
        column(classification, category, purpose, retention, overrides[c]),
      ]),
    ),
  }
}
