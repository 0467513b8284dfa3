import type { Migration } from 'kysely'
import * as staff from './records/0001-staff.js'
import * as patrons from './records/0002-patrons.js'
import * as auditLog from './records/0003-audit-log.js'
import * as library from './records/0004-library.js'
import * as catalog from './records/0005-catalog.js'
import * as circulation from './records/0006-circulation.js'
import * as jobLocks from './records/0007-job-locks.js'
import * as retention from './records/0008-retention.js'
import * as sipAccounts from './records/0010-sip-accounts.js'
import * as anonymousCounts from './records/0011-anonymous-counts.js'
import * as oneOpenHold from './records/0012-one-open-hold.js'
import * as sessionVersion from './records/0013-session-version.js'
import * as attemptCounts from './records/0014-attempt-counts.js'
import * as auditChains from './records/0015-audit-chains.js'
import * as patronLanguage from './records/0016-patron-language.js'
import * as catalogSearch from './records/0017-catalog-search.js'
import * as noticeDelivery from './records/0018-notice-delivery.js'
import * as noticeChoices from './records/0019-notice-choices.js'
import * as newsletter from './records/0020-newsletter.js'
import * as policyVersions from './records/0021-policy-versions.js'
import * as inquiries from './records/0022-inquiries.js'
import * as publicRecords from './records/0023-public-records.js'
import * as branchDetails from './records/0024-branch-details.js'
import * as computers from './records/0025-computers.js'
import * as computerQueue from './records/0026-computer-queue.js'
import * as activityCounts from './records/0027-activity-counts.js'
import * as itemSecurity from './records/0028-item-security.js'
import * as sipAccountFidelity from './records/0029-sip-account-fidelity.js'
import * as libraryVersion from './records/0030-library-version.js'
import * as erasureJournalMark from './records/0031-erasure-journal-mark.js'
import * as patronKeys from './keystore/0001-patron-keys.js'

/** Explicit, ordered registries: a migration runs once, forward only. */
export const recordsMigrations: Record<string, Migration> = {
  '0001-staff': staff,
  '0002-patrons': patrons,
  '0003-audit-log': auditLog,
  '0004-library': library,
  '0005-catalog': catalog,
  '0006-circulation': circulation,
  '0007-job-locks': jobLocks,
  '0008-retention': retention,
  '0010-sip-accounts': sipAccounts,
  '0011-anonymous-counts': anonymousCounts,
  '0012-one-open-hold': oneOpenHold,
  '0013-session-version': sessionVersion,
  '0014-attempt-counts': attemptCounts,
  '0015-audit-chains': auditChains,
  '0016-patron-language': patronLanguage,
  '0017-catalog-search': catalogSearch,
  '0018-notice-delivery': noticeDelivery,
  '0019-notice-choices': noticeChoices,
  '0020-newsletter': newsletter,
  '0021-policy-versions': policyVersions,
  '0022-inquiries': inquiries,
  '0023-public-records': publicRecords,
  '0024-branch-details': branchDetails,
  '0025-computers': computers,
  '0026-computer-queue': computerQueue,
  '0027-activity-counts': activityCounts,
  '0028-item-security': itemSecurity,
  '0029-sip-account-fidelity': sipAccountFidelity,
  '0030-library-version': libraryVersion,
  '0031-erasure-journal-mark': erasureJournalMark,
}

export const keystoreMigrations: Record<string, Migration> = {
  '0001-patron-keys': patronKeys,
}
