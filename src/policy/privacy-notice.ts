import { readFileSync } from 'node:fs'
import type { Config } from '../config/config.js'
import type { T } from '../i18n/i18n.js'
import { INVENTORY, type Classification, type ColumnEntry } from '../privacy/inventory.js'
import { PUBLIC_RECORD_TABLES } from '../privacy/inventory-records.js'
import { WEBSITE_TABLES } from '../privacy/inventory-website.js'
import {
  RETENTION_RULES,
  type RetentionRule,
  type RetentionRuleId,
} from '../privacy/retention-rules.js'
import { authorityFor, configuredDays, SCHEDULE } from '../privacy/retention/schedule.js'

/** The retention schedule the notice reads its periods from (the live one unless a test swaps it). */
export type Schedule = Record<RetentionRuleId, Pick<RetentionRule, 'period'>>

/** One stored column, named by its inventory entry: the catalog keys its purpose on this. */
export interface NoticeColumn {
  table: string
  column: string
}

export interface NoticeItem {
  /** The inventory's category: what is kept, as the inventory names it (also the row's id). */
  what: string
  /** The columns behind it: each has its purpose in the catalog, in every language. */
  columns: NoticeColumn[]
  /** The retention rules that say how long it stays. */
  rules: RetentionRuleId[]
  encrypted: boolean
}

export type NoticeSectionId =
  'registration' | 'borrowing' | 'afterwards' | 'other' | 'publicRecords' | 'computers' | 'website'

export interface NoticeSection {
  id: NoticeSectionId
  items: NoticeItem[]
}

/** The classifications the notice lists: records about patrons, and what is left of them. */
export const NOTICE_CLASSES: readonly Classification[] = ['confidential', 'anonymous_statistic']

/** Which inventory tables make up each part of the notice; anything confidential not listed here is still shown under "other". */
const SECTIONS: {
  id: NoticeSectionId
  tables: string[]
  kind?: Classification
  /** More classifications shown in the same section (a part with its own anonymous counts). */
  alsoKinds?: Classification[]
}[] = [
  { id: 'registration', tables: ['patrons', 'cards', 'card_ledger', 'account_notes'] },
  {
    id: 'borrowing',
    tables: [
      'loans',
      'holds',
      'fees',
      'fee_payments',
      'patron_requests',
      'notice_outbox',
      'maildrop',
    ],
  },
  {
    id: 'afterwards',
    tables: ['circulation_counts', 'hold_counts', 'fee_counts', 'items', 'activity_counts'],
    kind: 'anonymous_statistic',
  },
  // What the suggestion and records-request forms keep: public records, not borrower records.
  { id: 'publicRecords', tables: PUBLIC_RECORD_TABLES, kind: 'public_record' },
  // Public computers (P13): a session while it runs, today's minutes, and the counts that stay.
  {
    id: 'computers',
    tables: [
      'computer_sessions',
      'computer_allowance',
      'computer_day_keys',
      'computer_usage_counts',
      'computer_queue',
      'computer_queue_tickets',
      'guest_passes',
    ],
    alsoKinds: ['anonymous_statistic'],
  },
  // Website statistics (P6): single page views for a while, then daily counts only.
  {
    id: 'website',
    tables: WEBSITE_TABLES,
    kind: 'operational',
    alsoKinds: ['anonymous_statistic'],
  },
]

function visible(entry: ColumnEntry, config: Config): boolean {
  return entry.optional === undefined || config.patrons.fields[entry.optional]
}

/**
 * P2: the list of what is kept, why and for how long, generated from the data inventory and the
 * retention schedule, so it cannot drift from what the software does. Fields the library has
 * switched off are left out. The texts come from the catalog, keyed on the same entries.
 */
export function privacyNotice(config: Config): NoticeSection[] {
  const listed = new Set(SECTIONS.flatMap((s) => s.tables))
  const other = Object.entries(INVENTORY)
    .filter(
      ([t, e]) =>
        !listed.has(t) && Object.values(e.columns).some((c) => c.classification === 'confidential'),
    )
    .map(([t]) => t)
  return [...SECTIONS, { id: 'other' as const, tables: other }]
    .map((s) => ({
      id: s.id,
      items: [
        ...itemsFor(s.tables, config, s.kind),
        ...('alsoKinds' in s ? (s.alsoKinds ?? []) : []).flatMap((k) =>
          itemsFor(s.tables, config, k),
        ),
      ],
    }))
    .filter((s) => s.items.length > 0)
}

function itemsFor(
  tables: string[],
  config: Config,
  kind: Classification = 'confidential',
): NoticeItem[] {
  const byCategory = new Map<string, NoticeItem>()
  for (const table of tables) {
    for (const [column, entry] of Object.entries(INVENTORY[table]?.columns ?? {})) {
      if (entry.classification !== kind || !visible(entry, config)) continue
      const item = byCategory.get(entry.category) ?? {
        what: entry.category,
        columns: [],
        rules: [],
        encrypted: false,
      }
      item.columns.push({ table, column })
      if (!item.rules.includes(entry.retention)) item.rules.push(entry.retention)
      item.encrypted ||= entry.encrypted === true
      byCategory.set(entry.category, item)
    }
  }
  return [...byCategory.values()]
}

/** A catalog key built from inventory names: letters, digits and underscores only. */
export const categoryKey = (category: string): string =>
  category.toLowerCase().replace(/[^a-z0-9]+/g, '_')

// The catalog's keys are built from inventory names, so they are not literal types.
const tx = (t: T, key: string, options?: Record<string, unknown>): string =>
  (t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options)

/** Why a column is kept, in the translator's language. */
export const purposeText = (t: T, c: NoticeColumn): string =>
  tx(t, `notice.purpose.${c.table}.${c.column}`)

/** What a category is, in the translator's language (sentence case). */
export const categoryText = (t: T, category: string): string =>
  tx(t, `notice.category.${categoryKey(category)}`)

/**
 * A span of days as people say it: whole years, whole months (from two: "30 days" is exact where
 * "1 month" is not), or days. Plurals by i18next.
 */
export function periodText(t: T, days: number): string {
  if (days >= 365 && days % 365 === 0) return t('notice.period.years', { count: days / 365 })
  if (days >= 60 && days % 30 === 0) return t('notice.period.months', { count: days / 30 })
  return t('notice.period.days', { count: days })
}

/**
 * Whether records of a series really are destroyed on schedule here: a series with a period
 * needs the library's disposal authority in the configuration, or the sweep leaves it alone.
 * Series with no period (deleted at once, or kept) need nothing.
 */
export function awaitsApproval(
  config: Config,
  rule: RetentionRuleId,
  schedule: Schedule = RETENTION_RULES,
): boolean {
  const days = schedule[rule].period?.days ?? 0
  return (
    days > 0 &&
    SCHEDULE[rule].method !== 'keep' &&
    SCHEDULE[rule].job === undefined &&
    authorityFor(config, rule) === undefined
  )
}

/** How long one kind of record stays, from the schedule's numbers, in the translator's language. */
export function howLongText(
  t: T,
  config: Config,
  rule: RetentionRuleId,
  schedule: Schedule = RETENTION_RULES,
): string {
  // The live schedule: periods the library configures (such as statistics.rawDays) as configured.
  const days =
    schedule === RETENTION_RULES ? configuredDays(rule, config) : schedule[rule].period?.days
  const period = days === undefined ? '' : periodText(t, days)
  const base = tx(t, `notice.keep.${rule}`, { period })
  return awaitsApproval(config, rule, schedule)
    ? `${base} ${t('notice.keep.awaitingApproval')}`
    : base
}

/** The short summary's figures, read from the configuration and the schedule. */
export interface SummaryFigures {
  /** How long a new card is valid. */
  cardValidity: string
  /** How long a registration stays after the card expires. */
  registrationAfter: string
  /** How long the record of staff access to an account stays. */
  accessLog: string
  /** Some of what the summary lists is not destroyed yet, for want of an approval. */
  awaitingApproval: boolean
}

const SUMMARY_RULES: readonly RetentionRuleId[] = [
  'patron-registration',
  'card-record',
  'card-ledger',
  'audit-log',
  'notices',
  'patron-requests',
]

export function summaryFigures(
  t: T,
  config: Config,
  schedule: Schedule = RETENTION_RULES,
): SummaryFigures {
  return {
    cardValidity: periodText(t, config.patrons.cardValidityDays),
    registrationAfter: periodText(t, schedule['patron-registration'].period?.days ?? 0),
    accessLog: periodText(t, schedule['audit-log'].period?.days ?? 0),
    awaitingApproval: SUMMARY_RULES.some((r) => awaitsApproval(config, r, schedule)),
  }
}

let version: string | undefined
/** The version of Carrel running here (package.json: src/policy and dist/policy sit two levels below it). */
export function carrelVersion(): string {
  version ??=
    (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version?: string
      }
    ).version ?? '0.0.0'
  return version
}

/** The optional fields this library collects, as shown on the notice and the registration form. */
export function collectedOptionalFields(config: Config): string[] {
  return Object.entries(config.patrons.fields)
    .filter(([, on]) => on)
    .map(([f]) => f)
}
