// The anonymous counts a library reports on, written with the act itself: each registration,
// question and request adds exactly one to its cell, and a refused act adds nothing.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines } from '../../src/circulation/fees.service.js'
import { undoLost } from '../../src/circulation/lost-undo.service.js'
import { createRequest } from '../../src/circulation/requests.service.js'
import {
  askAddressChange,
  submitOwnInquiry,
  submitPublicInquiry,
} from '../../src/comms/inquiry-submit.js'
import type { AppContext } from '../../src/context.js'
import { erasePatron, registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const TODAY = '2026-03-10'

/** Every activity cell as "day branch category event" → count. */
async function activity(ctx: AppContext): Promise<Record<string, number>> {
  const rows = await ctx.db.selectFrom('activity_counts').selectAll().execute()
  return Object.fromEntries(
    rows.map((r) => [`${r.day} ${r.branch} ${r.patron_category} ${r.event}`, Number(r.count)]),
  )
}

async function charged(ctx: AppContext): Promise<Record<string, [number, number]>> {
  const rows = await ctx.db
    .selectFrom('fee_counts')
    .selectAll()
    .where('outcome', '=', 'charged')
    .execute()
  return Object.fromEntries(
    rows.map((r) => [`${r.month} ${r.kind}`, [Number(r.count), Number(r.cents)]]),
  )
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'done',
    (e: { code?: string }) => e.code ?? 'no code',
  )

describeEngines('activity counts', (env) => {
  it('counts each registration in its day, home branch and category, and nothing for a refused one', async () => {
    const { ctx, clock } = env()
    clock.set(`${TODAY}T16:00:00Z`)
    const lib = await setUpLibrary(ctx)
    await lib.patron()
    await lib.patron()
    const child = await registerPatron(ctx, lib.desk, {
      ...patronInput({ category: 'child', homeBranch: 'east' }),
      card: {},
    })
    expect(await activity(ctx)).toEqual({
      [`${TODAY} main adult registered`]: 2,
      [`${TODAY} east child registered`]: 1,
    })
    // Refused before the transaction (an unknown category) and inside it (a card number taken).
    expect(await code(registerPatron(ctx, lib.desk, patronInput({ category: 'wizard' })))).not.toBe(
      'done',
    )
    expect(
      await code(
        registerPatron(ctx, lib.desk, {
          ...patronInput({ category: 'child', homeBranch: 'east' }),
          card: { barcode: child.cards[0]!.barcode },
        }),
      ),
    ).toBe('BARCODE_TAKEN')
    expect(await code(registerPatron(ctx, await staffActor(ctx, 'privacy_officer'), patronInput()))).toBe(
      'FORBIDDEN',
    )
    // The next local day (Chicago) is a new cell.
    clock.advance(DAY)
    await lib.patron({ category: 'senior' })
    expect(await activity(ctx)).toEqual({
      [`${TODAY} main adult registered`]: 2,
      [`${TODAY} east child registered`]: 1,
      ['2026-03-11 main senior registered']: 1,
    })
  })

  it('counts questions (not changes of address) and requests by kind, and nothing for refused ones', async () => {
    const { ctx, clock } = env()
    clock.set(`${TODAY}T16:00:00Z`)
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron({ category: 'senior', homeBranch: 'east' })
    const before = await activity(ctx)
    const self = { type: 'patron' as const, id: p.id }

    await submitPublicInquiry(ctx, { question: 'Opening hours?', replyBy: 'desk', language: 'en' })
    await submitOwnInquiry(ctx, self, { question: 'A book on bees?', replyBy: 'desk', language: 'en' })
    await askAddressChange(ctx, self, {
      address: { line1: '1 Elm St', city: 'Thornton', postcode: '60476' },
      language: 'en',
    })
    await createRequest(ctx, self, { patronId: p.id, kind: 'purchase', title: 'Bees' })
    await createRequest(ctx, lib.desk, { patronId: p.id, kind: 'interlibrary_loan', title: 'Wasps' })
    await createRequest(ctx, lib.desk, { patronId: p.id, kind: 'interlibrary_loan', title: 'Ants' })
    const after: Record<string, number> = {
      ...before,
      [`${TODAY} * * inquiry`]: 1,
      [`${TODAY} east senior inquiry`]: 1,
      [`${TODAY} east senior purchase_request`]: 1,
      [`${TODAY} east senior ill_request`]: 2,
    }
    expect(await activity(ctx)).toEqual(after)

    const other = await lib.patron()
    expect(
      await code(
        createRequest(ctx, { type: 'patron', id: other.id }, { patronId: p.id, kind: 'purchase', title: 'X' }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await code(submitPublicInquiry(ctx, { question: '  ', replyBy: 'desk', language: 'en' })),
    ).toBe('INVALID_INPUT')
    expect(
      await code(submitPublicInquiry(ctx, { question: 'Hi', replyBy: 'email', language: 'en' })),
    ).toBe('INQUIRY_EMAIL_NEEDED')
    // Ten waiting already: the eleventh is refused inside the transaction that would count it.
    for (let i = 0; i < 8; i++)
      await submitOwnInquiry(ctx, self, { question: `Q${i}`, replyBy: 'desk', language: 'en' })
    expect(
      await code(submitOwnInquiry(ctx, self, { question: 'One more', replyBy: 'desk', language: 'en' })),
    ).toBe('INQUIRY_LIMIT')
    await erasePatron(ctx, SYSTEM_ACTOR, other.id)
    expect(
      await code(createRequest(ctx, lib.desk, { patronId: other.id, kind: 'purchase', title: 'Y' })),
    ).toBe('PATRON_ERASED')
    expect(await activity(ctx)).toEqual({
      ...after,
      [`${TODAY} main adult registered`]: (after[`${TODAY} main adult registered`] ?? 0) + 1,
      [`${TODAY} east senior inquiry`]: 9,
    })
  })

  it('counts a fee as charged in its month once it is owed, and takes a charge back when a loss is undone', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ price: 2000 }, { price: 3100 }])
    const p = await lib.patron()
    for (const item of items)
      await checkout(ctx, lib.desk, { patronBarcode: p.barcode, itemBarcode: item.barcode, branch: 'main' })
    expect(await charged(ctx)).toEqual({})

    clock.set('2026-02-20T16:00:00Z')
    const back = await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const fine = (await ctx.db.selectFrom('fees').select('amount_cents').where('kind', '=', 'overdue').executeTakeFirstOrThrow()).amount_cents
    expect(fine).toBeGreaterThan(0)
    expect(back).toBeDefined()
    expect(await charged(ctx)).toEqual({ '2026-02 overdue': [1, fine] })

    const { chargedCents } = await declareLost(ctx, lib.desk, { itemBarcode: items[1]!.barcode })
    const lostFine = chargedCents - 3100
    expect(await charged(ctx)).toEqual({
      '2026-02 overdue': [2, fine + lostFine],
      '2026-02 lost': [1, 3100],
    })
    await undoLost(ctx, lib.desk, { itemBarcode: items[1]!.barcode, patronId: p.id })
    expect(await charged(ctx)).toEqual({ '2026-02 overdue': [1, fine] })
  })
})

// A store of its own: the money totals of the other tests would be counted with these.
describeEngines('activity counts: a fine fixed at check-in', (env) => {
  it('counts a fine that ran while the copy was out as charged once, in the month the copy came back, for its final amount', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00Z')
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title()
    const p = await lib.patron()
    await checkout(ctx, lib.desk, { patronBarcode: p.barcode, itemBarcode: items[0]!.barcode, branch: 'main' })
    // Overdue in February: the nightly run starts a fine that grows while the copy is out.
    clock.set('2026-02-25T02:00:00Z')
    expect((await accrueOverdueFines(ctx)).loans).toBe(1)
    const running = await ctx.db.selectFrom('fees').select(['status', 'amount_cents']).executeTakeFirstOrThrow()
    expect(running.status).toBe('accruing')
    // Still growing, so not yet owed: nothing is counted as charged.
    expect(await charged(ctx)).toEqual({})

    clock.set('2026-03-03T16:00:00Z')
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })
    const fixed = await ctx.db.selectFrom('fees').select(['status', 'amount_cents']).executeTakeFirstOrThrow()
    expect(fixed.status).toBe('open')
    expect(fixed.amount_cents).toBeGreaterThan(running.amount_cents)
    expect(await charged(ctx)).toEqual({ '2026-03 overdue': [1, fixed.amount_cents] })
  })
})
