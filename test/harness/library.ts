import { randomBytes } from 'node:crypto'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { addItem, createRecord } from '../../src/catalog/catalog.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import type { AppContext } from '../../src/context.js'
import {
  saveBranch,
  saveLoanRule,
  DEFAULT_RULE,
  type LoanRuleInput,
} from '../../src/library/library.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { patronInput, staffActor } from './factories.js'

/**
 * A second branch, a desk actor, helpers to make titles, copies and card-holding patrons, and the
 * desk lending a copy or placing a hold at the main branch.
 */
export async function setUpLibrary(ctx: AppContext, rule: Partial<LoanRuleInput> = {}) {
  await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
  await saveLoanRule(ctx, SYSTEM_ACTOR, { ...DEFAULT_RULE, ...rule })
  const desk: Actor = await staffActor(ctx, 'librarian')
  return {
    desk,
    ...libraryHelpers(ctx),
    lend: (patron: { barcode: string }, item: { barcode: string }) =>
      checkout(ctx, desk, {
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        branch: 'main',
      }),
    hold: (patron: { id: string }, record: { id: string }) =>
      placeHold(ctx, desk, { patronId: patron.id, recordId: record.id, pickupBranch: 'main' }),
  }
}

export function libraryHelpers(ctx: AppContext) {
  return {
    async title(
      copies: { branch?: string; itemType?: string; price?: number }[] = [{}],
      title = `The Quiet Shelf ${randomBytes(2).toString('hex')}`,
    ) {
      const record = await createRecord(ctx, SYSTEM_ACTOR, {
        title,
        author: 'Ada Mercer',
        materialType: 'book',
        year: 2021,
      })
      const items = []
      for (const c of copies) {
        items.push(
          await addItem(ctx, SYSTEM_ACTOR, {
            recordId: record.id,
            barcode: `3${randomBytes(6).toString('hex')}`,
            branch: c.branch ?? 'main',
            itemType: c.itemType ?? 'book',
            replacementPriceCents: c.price ?? 2500,
          }),
        )
      }
      return { record, items }
    },
    async patron(overrides: Parameters<typeof patronInput>[0] = {}) {
      const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(overrides), card: {} })
      return { id: p.id, barcode: p.cards[0]?.barcode ?? '' }
    },
  }
}
