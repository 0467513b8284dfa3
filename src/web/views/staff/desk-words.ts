import type { FeeKind, FeeStatus, HoldStatus } from '../../../circulation/circulation.tables.js'
import type { CardStatus, PatronStatus } from '../../../patrons/patron.tables.js'

/*
 * The fixed codes of the desk pages, as words. Codes the library names itself (branches, item
 * types, patron categories) come from the library structure instead (library-names.ts).
 */

const words =
  <K extends string>(table: Record<K, string>) =>
  (code: string): string =>
    Object.hasOwn(table, code) ? table[code as K] : code

export const holdStatusWords = words<HoldStatus>({
  queued: 'Waiting in the queue',
  in_transit: 'On its way to the pickup branch',
  ready: 'Ready on the hold shelf',
  fulfilled: 'Collected',
  cancelled: 'Canceled',
  expired: 'Not collected in time',
})

export const feeKindWords = words<FeeKind>({
  overdue: 'Overdue fine',
  lost: 'Lost item (replacement price)',
})

export const feeStatusWords = words<FeeStatus>({
  accruing: 'Still growing',
  open: 'Owed',
  paid: 'Paid',
  waived: 'Waived',
})

export const cardStatusWords = words<CardStatus>({
  active: 'In use',
  lost: 'Reported lost',
  expired: 'Expired',
  replaced: 'Replaced',
})

export const patronStatusWords = words<PatronStatus>({
  active: 'Active',
  erased: 'Personal data erased',
})
