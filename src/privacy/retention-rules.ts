/**
 * How long each kind of record is kept. The inventory points every column at one of these;
 * the privacy notice and the retention sweeps read them from here.
 */
export interface RetentionRule {
  /** What starts the clock. */
  trigger: string
  /** How long after the trigger the record may be kept; null while the trigger has not happened. */
  period: { days: number } | null
  /** One plain sentence for patrons. */
  summary: string
}

export const RETENTION_RULES = {
  'patron-registration': {
    trigger: 'the card expires or the account is closed',
    period: { days: 3 * 365 },
    summary:
      'Kept while your card is current, then for three years after it expires or you close the account; then your data key is destroyed.',
  },
  'card-record': {
    trigger: 'the card is replaced or the account is closed',
    period: { days: 3 * 365 },
    summary:
      'Kept while the card is in use and for three years after it is replaced or the account closes.',
  },
  'pin-failures': {
    trigger: 'a failed PIN check',
    period: { days: 1 },
    summary: 'Failed PIN checks are kept for one day, long enough to lock a card under attack.',
  },
  'card-ledger': {
    trigger: 'the entry is made',
    period: { days: 3 * 365 },
    summary: 'Card balance entries are kept for three years, as financial records.',
  },
  'account-notes': {
    trigger: 'the account is closed',
    period: { days: 365 },
    summary: 'Notes about your card account are kept while it is open and for one year after.',
  },
  'audit-log': {
    trigger: 'the entry is made',
    period: { days: 3 * 365 },
    summary: 'The record of who looked at or changed an account is kept for three years.',
  },
  'staff-account': {
    trigger: 'the staff member leaves',
    period: { days: 365 },
    summary: 'Staff accounts are kept while the person works here and for one year after.',
  },
  system: {
    trigger: 'never: holds no information about people',
    period: null,
    summary: 'Internal bookkeeping with no information about people.',
  },
} as const satisfies Record<string, RetentionRule>

export type RetentionRuleId = keyof typeof RETENTION_RULES
