import type { Config } from '../config/config.js'

/** The notice types Carrel sends, and which of them a patron may turn off. */
export const NOTICE_TYPES = [
  'hold_ready',
  'courtesy',
  'overdue_first',
  'overdue_second',
  'lost_billed',
  'card_expiring',
  'pin_changed',
  'erasure_warning',
  'policy_change',
] as const
export type NoticeType = (typeof NOTICE_TYPES)[number]

/**
 * What a patron may turn off, one choice each; the two overdue notices are one choice. The PIN
 * notice (a security notice) and the erasure warning (erasure waits for it) are always sent. The
 * policy-change notice is not among these: it goes only to a patron who asked for it, with the
 * registration's own "changes to the privacy policy" choice (`notify.policyChanges`), off unless
 * they turn it on.
 */
export const OPTIONAL_NOTICES = [
  'hold_ready',
  'courtesy',
  'overdue',
  'lost_billed',
  'card_expiring',
] as const
export type OptionalNotice = (typeof OPTIONAL_NOTICES)[number]

/** The patron's choice a notice type falls under; undefined: the patron cannot turn it off. */
export function choiceOf(kind: string): OptionalNotice | undefined {
  if (kind === 'overdue_first' || kind === 'overdue_second') return 'overdue'
  return (OPTIONAL_NOTICES as readonly string[]).includes(kind)
    ? (kind as OptionalNotice)
    : undefined
}

/** Whether the library sends this type of notice at all (`notices.<type>.enabled`). */
export function noticeEnabled(config: Pick<Config, 'notices'>, kind: string): boolean {
  const n = config.notices
  switch (kind) {
    case 'hold_ready':
      return n.hold_ready.enabled
    case 'courtesy':
      return n.courtesy.enabled
    case 'overdue_first':
    case 'overdue_second':
      return n.overdue.enabled
    case 'lost_billed':
      return n.lost_billed.enabled
    case 'card_expiring':
      return n.card_expiring.enabled
    case 'pin_changed':
      return n.pin_changed.enabled
    case 'policy_change':
      return n.policy_change.enabled
    default:
      // The erasure warning, and any type without a switch, is always sent.
      return true
  }
}

/** The stored list of declined choices (`patrons.notices_declined`), only known names kept. */
export function parseDeclined(stored: string | null): OptionalNotice[] {
  if (stored === null || stored === '') return []
  const names = stored.split(',')
  return OPTIONAL_NOTICES.filter((n) => names.includes(n))
}

export function storeDeclined(declined: readonly string[]): string | null {
  const kept = OPTIONAL_NOTICES.filter((n) => declined.includes(n))
  return kept.length === 0 ? null : kept.join(',')
}
