import type { PatronTables } from '../patrons/patron.tables.js'
import type { PrivacyTables } from '../privacy/privacy.tables.js'
import type { StaffTables } from '../staff/staff.tables.js'

export type { KeystoreDb } from '../privacy/privacy.tables.js'

/** The records database: the union of every domain's tables. */
export type RecordsDb = StaffTables & PatronTables & PrivacyTables
