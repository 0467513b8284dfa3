import type { Config } from '../../config/config.js'
import { RETENTION_RULES, type RetentionRuleId } from '../retention-rules.js'

export type DisposalMethod = 'delete' | 'crypto-shred' | 'keep'

export interface SeriesEntry {
  series: RetentionRuleId
  title: string
  method: DisposalMethod
  /** Deleted on time by this scheduled job, whatever the authority: the notice promises the period. */
  job?: string
}

/**
 * The schedule register: every record series Carrel keeps, how it is disposed of. The period
 * comes from the retention rules; the disposal authority (Local Records Commission application
 * and item) comes from the library's configuration, and a series without one is never purged.
 */
export const SCHEDULE: Record<RetentionRuleId, SeriesEntry> = {
  'patron-registration': {
    series: 'patron-registration',
    title: 'Patron registrations of lapsed cards',
    method: 'crypto-shred',
  },
  'card-record': { series: 'card-record', title: 'Replaced library cards', method: 'delete' },
  'pin-failures': {
    series: 'pin-failures',
    title: 'Failed PIN and sign-in attempts',
    method: 'delete',
  },
  'attempt-counts': {
    series: 'attempt-counts',
    title: 'Wrong-attempt counts per network address',
    method: 'delete',
  },
  'card-ledger': { series: 'card-ledger', title: 'Card balance entries', method: 'delete' },
  'account-notes': {
    series: 'account-notes',
    title: 'Account notes of closed accounts',
    method: 'delete',
  },
  'audit-log': { series: 'audit-log', title: 'Access audit log', method: 'delete' },
  'staff-account': { series: 'staff-account', title: 'Accounts of former staff', method: 'delete' },
  'loan-link': {
    series: 'loan-link',
    title: 'Returned loans with nothing owed',
    method: 'delete',
  },
  'reading-history': {
    series: 'reading-history',
    title: 'Reading history of closed accounts',
    method: 'delete',
  },
  'activity-statistics': {
    series: 'activity-statistics',
    title: 'Daily counts of registrations, questions and requests',
    method: 'delete',
  },
  'loan-statistics': {
    series: 'loan-statistics',
    title: 'Daily circulation counts',
    method: 'delete',
  },
  holds: { series: 'holds', title: 'Holds filled, cancelled or expired', method: 'delete' },
  'hold-statistics': {
    series: 'hold-statistics',
    title: 'Daily hold counts',
    method: 'delete',
  },
  fees: { series: 'fees', title: 'Settled fines and fees', method: 'delete' },
  'fee-statistics': {
    series: 'fee-statistics',
    title: 'Monthly money totals',
    method: 'delete',
  },
  payments: {
    series: 'payments',
    title: 'Payments and waivers on settled accounts',
    method: 'delete',
  },
  'patron-requests': {
    series: 'patron-requests',
    title: 'Finished purchase and interlibrary-loan requests',
    method: 'delete',
  },
  maildrop: {
    series: 'maildrop',
    title: 'Messages written to the maildrop instead of sent (files)',
    method: 'delete',
  },
  notices: { series: 'notices', title: 'Notices, sent or not', method: 'delete' },
  'newsletter-subscriptions': {
    series: 'newsletter-subscriptions',
    title: 'Newsletter subscriptions (erased when the subscriber unsubscribes)',
    method: 'delete',
  },
  'newsletter-pending': {
    series: 'newsletter-pending',
    title: 'Newsletter sign-ups never confirmed',
    method: 'crypto-shred',
  },
  'newsletter-deliveries': {
    series: 'newsletter-deliveries',
    title: 'Newsletter messages not delivered',
    method: 'delete',
  },
  'newsletter-issues': {
    series: 'newsletter-issues',
    title: 'Newsletter issues (the library’s own publications)',
    method: 'keep',
  },
  'policy-versions': {
    series: 'policy-versions',
    title: 'Privacy policy versions (the library’s own publications)',
    method: 'keep',
  },
  inquiries: {
    series: 'inquiries',
    title: 'Questions to the library and changes of address, answered or closed',
    method: 'crypto-shred',
  },
  'inquiries-unanswered': {
    series: 'inquiries-unanswered',
    title: 'Questions to the library and changes of address never answered',
    method: 'crypto-shred',
  },
  suggestions: {
    series: 'suggestions',
    title: 'Suggestions and comments from the public form (public records)',
    method: 'crypto-shred',
  },
  'records-requests': {
    series: 'records-requests',
    title: 'Closed requests for public records (FOIA)',
    method: 'crypto-shred',
  },
  'computer-queue': {
    series: 'computer-queue',
    title: 'Places in the computer waiting list of past days',
    method: 'delete',
  },
  'guest-passes': {
    series: 'guest-passes',
    title: 'Computer guest passes past their closing time',
    method: 'delete',
  },
  'sip-accounts': {
    series: 'sip-accounts',
    title: 'Accounts of retired self-check machines',
    method: 'delete',
  },
  'disposal-records': { series: 'disposal-records', title: 'Disposal records', method: 'keep' },
  'legal-requests': {
    series: 'legal-requests',
    title: 'Legal requests for patron records',
    method: 'delete',
  },
  'legal-holds': { series: 'legal-holds', title: 'Lifted legal holds', method: 'delete' },
  'library-setup': {
    series: 'library-setup',
    title: 'Library set-up (no personal data)',
    method: 'keep',
  },
  catalogue: { series: 'catalogue', title: 'Catalogue (no personal data)', method: 'keep' },
  'computer-sessions': {
    series: 'computer-sessions',
    title: 'Public computer sessions left running',
    method: 'delete',
  },
  'computer-allowance': {
    series: 'computer-allowance',
    title: 'Computer minutes used on past days, with their day keys',
    method: 'delete',
  },
  'computer-counts': {
    series: 'computer-counts',
    title: 'Hourly counts of computer use',
    method: 'delete',
  },
  'computer-messages': {
    series: 'computer-messages',
    title: 'Messages to computer screens never shown',
    method: 'delete',
  },
  system: { series: 'system', title: 'Internal bookkeeping (no personal data)', method: 'keep' },
  // The statistics store's single page views: deleted by the statistics-sweep job (it cannot be
  // reached from here, and the privacy notice promises the period whatever the authority).
  'website-views': {
    series: 'website-views',
    title: 'Website page views with truncated addresses (statistics store)',
    method: 'delete',
    job: 'statistics-sweep',
  },
  // Deleted as the journal is written, whatever the authority: it must outlast every backup that
  // may still be restored, and nothing longer (src/privacy/erasure-journal.ts).
  'erasure-journal': {
    series: 'erasure-journal',
    title: 'Erasure journal: erasures and disposals to apply again after a restore (files)',
    method: 'delete',
    job: 'erasure-journal',
  },
  'website-statistics': {
    series: 'website-statistics',
    title: 'Daily website counts (statistics store, no personal data)',
    method: 'keep',
  },
}

/** The approved authority for a series, as "application / item", or undefined when none is configured. */
export function authorityFor(config: Config, series: RetentionRuleId): string | undefined {
  const a = config.retention.authorities[series]
  return a === undefined
    ? undefined
    : `Application ${a.application}, item ${a.item}${a.certificate ? `, certificate ${a.certificate}` : ''}`
}

/** Series whose period the library sets in its configuration (the rule holds the default). */
const CONFIGURED_PERIODS: Partial<Record<RetentionRuleId, (config: Config) => number>> = {
  'newsletter-pending': (config) => config.newsletter.confirmDays,
  inquiries: (config) => config.inquiries.keepClosedDays,
  'inquiries-unanswered': (config) => config.inquiries.keepUnansweredDays,
  suggestions: (config) => config.records.suggestionDays,
  'records-requests': (config) => config.records.requestDays,
  'website-views': (config) => config.statistics.rawDays,
  // One day past the key-store backups' lifetime: a backup taken late on its first day.
  'erasure-journal': (config) => config.backup.keystoreDays + 1,
}

/** A series' period in days as this library runs it (its configuration, else the rule's default). */
export function configuredDays(series: RetentionRuleId, config: Config): number | undefined {
  const period = RETENTION_RULES[series].period
  if (period === null) return undefined
  return CONFIGURED_PERIODS[series]?.(config) ?? period.days
}

/** The instant before which records of a series are due, or undefined for series kept indefinitely. */
export function cutoffFor(series: RetentionRuleId, now: Date, config?: Config): Date | undefined {
  const period = RETENTION_RULES[series].period
  if (period === null) return undefined
  const days =
    config === undefined ? period.days : (CONFIGURED_PERIODS[series]?.(config) ?? period.days)
  return new Date(now.getTime() - days * 86_400_000)
}
