import type { CatalogTables } from '../catalog/catalog.tables.js'
import type { CirculationTables } from '../circulation/circulation.tables.js'
import type { LibraryTables } from '../library/library.tables.js'
import type { PatronTables } from '../patrons/patron.tables.js'
import type { PrivacyTables } from '../privacy/privacy.tables.js'
import type { JobTables } from './job-locks.tables.js'
import type { RetentionTables } from '../privacy/retention/retention.tables.js'
import type { StaffTables } from '../staff/staff.tables.js'
import type { SipAccountTables } from '../selfcheck/sip-account.tables.js'
import type { NewsletterTables } from '../comms/newsletter.tables.js'
import type { PolicyTables } from '../policy/policy.tables.js'
import type { InquiryTables } from '../comms/inquiries.tables.js'
import type { RecordsTables } from '../records/records.tables.js'
import type { ComputerTables } from '../computers/computers.tables.js'
import type { ComputerQueueTables } from '../computers/queue.tables.js'
import type { ActivityTables } from '../reports/activity.tables.js'

export type { KeystoreDb } from '../privacy/privacy.tables.js'

/** The records database: the union of every domain's tables. */
export type RecordsDb = StaffTables &
  PatronTables &
  PrivacyTables &
  LibraryTables &
  CatalogTables &
  CirculationTables &
  JobTables &
  RetentionTables &
  SipAccountTables &
  NewsletterTables &
  PolicyTables &
  InquiryTables &
  RecordsTables &
  ComputerTables &
  ComputerQueueTables &
  ActivityTables
