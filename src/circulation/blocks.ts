import type { Actor } from '../actor.js'
import { AppError, forbidden } from '../errors.js'
import type { StaffRole } from '../staff/staff.tables.js'

export const BLOCKS = [
  'CARD_LOST',
  'CARD_EXPIRED',
  'FINES_OVER_LIMIT',
  'TOO_MANY_ITEMS',
  'ITEM_ALREADY_ON_LOAN',
  'ITEM_ON_HOLD_FOR_ANOTHER',
  'ITEM_NOT_FOR_LOAN',
] as const
export type BlockCode = (typeof BLOCKS)[number]

/** Which blocks each role may override at the desk; some are never overridable. */
export const OVERRIDABLE: Record<StaffRole, readonly BlockCode[]> = {
  admin: [
    'CARD_EXPIRED',
    'FINES_OVER_LIMIT',
    'TOO_MANY_ITEMS',
    'ITEM_ON_HOLD_FOR_ANOTHER',
    'ITEM_NOT_FOR_LOAN',
  ],
  librarian: [
    'CARD_EXPIRED',
    'FINES_OVER_LIMIT',
    'TOO_MANY_ITEMS',
    'ITEM_ON_HOLD_FOR_ANOTHER',
    'ITEM_NOT_FOR_LOAN',
  ],
  circulation: ['FINES_OVER_LIMIT', 'TOO_MANY_ITEMS'],
  privacy_officer: [],
}

const MESSAGES: Record<BlockCode, string> = {
  CARD_LOST: 'This card is reported lost or has been replaced.',
  CARD_EXPIRED: 'This card has expired.',
  FINES_OVER_LIMIT: 'The patron owes more than their category allows.',
  TOO_MANY_ITEMS: 'The patron already has as many items as the loan rules allow.',
  ITEM_ALREADY_ON_LOAN: 'This item is already on loan.',
  ITEM_ON_HOLD_FOR_ANOTHER: 'This item is being kept for another patron’s hold.',
  ITEM_NOT_FOR_LOAN: 'This item is not for loan.',
}

/**
 * Throws for every block not overridden; an override must be one the actor's role may make.
 * Returns the overrides actually used, for the audit log.
 */
export function enforceBlocks(
  actor: Actor,
  found: readonly BlockCode[],
  requested: readonly string[],
): BlockCode[] {
  // A SIP2 account reaches here with overrides only on a no-block (offline) checkout, which the
  // checkout service restricts to exactly that case.
  const allowed =
    actor.type === 'system' || actor.type === 'sip'
      ? BLOCKS
      : actor.role === undefined
        ? []
        : OVERRIDABLE[actor.role]
  const used: BlockCode[] = []
  const remaining: BlockCode[] = []
  for (const block of found) {
    if (!requested.includes(block)) remaining.push(block)
    else if (!allowed.includes(block))
      throw forbidden('OVERRIDE_NOT_ALLOWED', `Your role may not override ${block}.`)
    else used.push(block)
  }
  const first = remaining[0]
  if (first !== undefined) {
    throw new AppError('rule', first, MESSAGES[first], {
      blocks: remaining,
      overridable: remaining.filter((b) => allowed.includes(b)),
    })
  }
  return used
}
