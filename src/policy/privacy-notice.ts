import type { Config } from '../config/config.js'
import { INVENTORY, type Classification, type ColumnEntry } from '../privacy/inventory.js'
import { RETENTION_RULES, type RetentionRuleId } from '../privacy/retention-rules.js'

export interface NoticeItem {
  /** What is kept, in plain words (the inventory's category). */
  what: string
  /** Why, in the inventory's words. */
  why: string[]
  /** How long, from the retention schedule. */
  howLong: string
  encrypted: boolean
}

export interface NoticeSection {
  title: string
  items: NoticeItem[]
}

/** Which inventory tables make up each part of the notice; anything confidential not listed here is still shown under "Other records". */
const SECTIONS: { title: string; tables: string[]; kind?: Classification }[] = [
  {
    title: 'Your registration and library card',
    tables: ['patrons', 'cards', 'card_ledger', 'account_notes'],
  },
  {
    title: 'Borrowing, holds and fines',
    tables: ['loans', 'holds', 'fees', 'fee_payments', 'patron_requests', 'notice_outbox'],
  },
  {
    title: 'What is left afterwards: counts with no names',
    tables: ['circulation_counts', 'hold_counts', 'fee_counts', 'items'],
    kind: 'anonymous_statistic',
  },
]

function visible(entry: ColumnEntry, config: Config): boolean {
  return entry.optional === undefined || config.patrons.fields[entry.optional]
}

/**
 * P2: the list of what is kept, why and for how long, generated from the data inventory and the
 * retention schedule, so it cannot drift from what the software does. Fields the library has
 * switched off are left out.
 */
export function privacyNotice(config: Config): NoticeSection[] {
  const listed = new Set(SECTIONS.flatMap((s) => s.tables))
  const other = Object.entries(INVENTORY)
    .filter(
      ([t, e]) =>
        !listed.has(t) && Object.values(e.columns).some((c) => c.classification === 'confidential'),
    )
    .map(([t]) => t)
  return [...SECTIONS, { title: 'Other records', tables: other }]
    .map((s) => ({ title: s.title, items: itemsFor(s.tables, config, s.kind) }))
    .filter((s) => s.items.length > 0)
}

function itemsFor(
  tables: string[],
  config: Config,
  kind: Classification = 'confidential',
): NoticeItem[] {
  const byCategory = new Map<
    string,
    { why: Set<string>; rules: Set<RetentionRuleId>; encrypted: boolean }
  >()
  for (const table of tables) {
    for (const entry of Object.values(INVENTORY[table]?.columns ?? {})) {
      if (entry.classification !== kind || !visible(entry, config)) continue
      const item = byCategory.get(entry.category) ?? {
        why: new Set<string>(),
        rules: new Set<RetentionRuleId>(),
        encrypted: false,
      }
      item.why.add(entry.purpose)
      item.rules.add(entry.retention)
      item.encrypted ||= entry.encrypted === true
      byCategory.set(entry.category, item)
    }
  }
  return [...byCategory].map(([what, v]) => ({
    what,
    why: [...v.why],
    howLong: [...v.rules].map((r) => RETENTION_RULES[r].summary).join(' '),
    encrypted: v.encrypted,
  }))
}

/** The optional fields this library collects, as shown on the notice and the registration form. */
export function collectedOptionalFields(config: Config): string[] {
  return Object.entries(config.patrons.fields)
    .filter(([, on]) => on)
    .map(([f]) => f)
}
