import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { DEFAULT_RULE, saveLoanRule } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { expectRefusal, refusal, SENTENCE } from '../harness/refusals.js'

describeEngines('circulation refusals', (env) => {
  it('check-in by a role without desk rights is refused with FORBIDDEN and a sentence saying so, and the loan stays open', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    const loan = await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const officer = await staffActor(ctx, 'privacy_officer')
    const err = await refusal(
      checkin(ctx, officer, { itemBarcode: items[0]!.barcode, branch: 'main' }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/may not check items in/)
    const row = await ctx.db
      .selectFrom('loans')
      .select('returned_at')
      .where('id', '=', loan.loanId)
      .executeTakeFirstOrThrow()
    expect(row.returned_at).toBeNull()
  })

  it('checking in a copy that was not on loan reports no loan, no fine and no patron forgotten', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    expect(back).toMatchObject({
      itemBarcode: items[0]!.barcode,
      wasOnLoan: false,
      fineCents: 0,
      forgotten: false,
      route: { action: 'shelve', branch: 'main' },
    })
  })

  it('a hold for a patron whose card has expired is refused with CARD_EXPIRED and a sentence saying so', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title()
    const expired = await lib.patron({ expiresOn: '2026-01-01' })
    const err = await refusal(
      placeHold(ctx, lib.desk, { patronId: expired.id, recordId: record.id, pickupBranch: 'main' }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'rule', code: 'CARD_EXPIRED' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/card has expired/)
    expect(
      await ctx.db.selectFrom('holds').select('id').where('record_id', '=', record.id).execute(),
    ).toEqual([])
  })

  it('a hold on a title whose copies are all for library use only is refused with NO_HOLDABLE_ITEMS and a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title([{ itemType: 'reference' }, { itemType: 'reference' }])
    const p = await lib.patron()
    const err = await refusal(
      placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'rule', code: 'NO_HOLDABLE_ITEMS' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/no copies that can be lent/)
    expect(
      await ctx.db.selectFrom('holds').select('id').where('record_id', '=', record.id).execute(),
    ).toEqual([])
  })

  it('a hold the loan rules do not allow for any copy is refused with HOLDS_NOT_ALLOWED and a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    await saveLoanRule(ctx, SYSTEM_ACTOR, {
      ...DEFAULT_RULE,
      itemType: 'magazine',
      holdsAllowed: false,
    })
    const { record } = await lib.title([{ itemType: 'magazine' }])
    const p = await lib.patron()
    const err = await refusal(
      placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'rule', code: 'HOLDS_NOT_ALLOWED' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/Holds are not allowed/)
    // One copy the rules do allow is enough.
    const { record: mixed } = await lib.title([{ itemType: 'magazine' }, { itemType: 'book' }])
    const hold = await placeHold(ctx, lib.desk, {
      patronId: p.id,
      recordId: mixed.id,
      pickupBranch: 'main',
    })
    expect(hold.status).toBe('queued')
  })

  it('a card left on a patron record marked erased lends nothing: PATRON_ERASED with a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    // Erasure deletes the cards in the same transaction; this builds the state where one was
    // left behind (an older copy of the cards table restored, say), which checkout must still refuse.
    await ctx.db.updateTable('patrons').set({ status: 'erased' }).where('id', '=', p.id).execute()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'conflict', code: 'PATRON_ERASED' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/personal data has been erased/)
    expect(
      await ctx.db.selectFrom('loans').select('id').where('item_id', '=', items[0]!.id).execute(),
    ).toEqual([])
  })

  it('check-out and loss declarations by a role without desk rights are refused with FORBIDDEN and a sentence naming the act', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{}, {}])
    const p = await lib.patron()
    const officer = await staffActor(ctx, 'privacy_officer')
    const lend = { patronBarcode: p.barcode, itemBarcode: items[0]!.barcode, branch: 'main' }
    const out = await refusal(checkout(ctx, officer, lend))
    expect({ kind: out.kind, code: out.code }).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' })
    expect(out.message).toMatch(SENTENCE)
    expect(out.message).toMatch(/may not check items out/)
    await checkout(ctx, lib.desk, lend)
    const lost = await refusal(declareLost(ctx, officer, { itemBarcode: items[0]!.barcode }))
    expect({ kind: lost.kind, code: lost.code }).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' })
    expect(lost.message).toMatch(SENTENCE)
    expect(lost.message).toMatch(/may not declare items lost/)
    const open = await ctx.db
      .selectFrom('loans')
      .select('returned_at')
      .where('item_id', '=', items[0]!.id)
      .execute()
    expect(open).toEqual([{ returned_at: null }])
  })

  it('only a self-check machine replaying offline transactions may give a checkout its own time: the desk is refused with a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
        at: '2026-01-01T10:00:00Z',
      }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/offline self-check transaction may give its own time/)
  })

  it('declaring lost a copy that is not on loan is refused with NOT_ON_LOAN and a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const err = await refusal(declareLost(ctx, lib.desk, { itemBarcode: items[0]!.barcode }))
    expect({ kind: err.kind, code: err.code }).toEqual({ kind: 'rule', code: 'NOT_ON_LOAN' })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/Only an item on loan can be declared lost/)
    const item = await ctx.db
      .selectFrom('items')
      .select('status')
      .where('id', '=', items[0]!.id)
      .executeTakeFirstOrThrow()
    expect(item.status).toBe('available')
  })

  it('a checkout to a card number nobody holds is refused with CARD_NOT_FOUND and a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: '29999000000000',
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({
      kind: 'not_found',
      code: 'CARD_NOT_FOUND',
    })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/No card has that number/)
  })

  it('a copy whose status wrongly says it is on the shelf while a loan is open is still not lent twice: ITEM_ALREADY_ON_LOAN with a sentence saying so', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const [first, second] = [await lib.patron(), await lib.patron()]
    await checkout(ctx, lib.desk, {
      patronBarcode: first.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    // No block sees the loan; only the one-open-loan-per-copy index stands in the way.
    await ctx.db
      .updateTable('items')
      .set({ status: 'available' })
      .where('id', '=', items[0]!.id)
      .execute()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: second.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }),
    )
    expect({ kind: err.kind, code: err.code }).toEqual({
      kind: 'conflict',
      code: 'ITEM_ALREADY_ON_LOAN',
    })
    expect(err.message).toMatch(SENTENCE)
    expect(err.message).toMatch(/already on loan/)
    const open = await ctx.db
      .selectFrom('loans')
      .select('patron_id')
      .where('item_id', '=', items[0]!.id)
      .where('returned_at', 'is', null)
      .execute()
    expect(open).toEqual([{ patron_id: first.id }])
  })

  it('refuses a checkout at a branch the library does not have, saying so, and lends nothing', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    const err = await refusal(
      checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'nowhere',
      }),
    )
    expectRefusal(err, 'validation', 'UNKNOWN_BRANCH', /branch/)
    expect(
      await ctx.db.selectFrom('loans').select('id').where('item_id', '=', items[0]!.id).execute(),
    ).toEqual([])
  })
})
