import { expect, it } from 'vitest'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { accrueOverdueFines, takePayment } from '../../src/circulation/fees.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

async function feesOf(ctx: AppContext, patronId: string) {
  return ctx.db
    .selectFrom('fees')
    .select(['kind', 'status', 'outstanding_cents'])
    .where('patron_id', '=', patronId)
    .orderBy('kind')
    .execute()
}

async function itemStatus(ctx: AppContext, barcode: string) {
  const row = await ctx.db
    .selectFrom('items')
    .select('status')
    .where('barcode', '=', barcode)
    .executeTakeFirstOrThrow()
  return row.status
}

describeEngines('web: declaring lost at the desk, with its amount first and undo', (env) => {
  const app = useWebApp(() => env().ctx)

  /** A patron with two copies on loan, four charged days overdue (25 cents a day), then a desk signed in. */
  async function overdue() {
    const { ctx, clock } = env()
    clock.set('2026-03-02T15:00:00Z')
    const lib = await setUpLibrary(ctx)
    const a = (await lib.title([{ price: 2000 }], 'A Map of Lost Umbrellas')).items[0]!
    const b = (await lib.title([{ price: 1200 }], 'Second Copy of Everything')).items[0]!
    const p = await lib.patron()
    for (const item of [a, b])
      await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: item.barcode,
        branch: 'main',
      })
    clock.advance(25 * DAY)
    await accrueOverdueFines(ctx)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const page = `/staff/patrons/${p.id}`
    const csrf = hiddenValue((await c.get(page)).body, '_csrf')
    return { ctx, lib, a, b, p, c, page, csrf }
  }

  it('the button shows the item and the amount, and charges nothing until the confirming post', async () => {
    const { ctx, a, p, c, page, csrf } = await overdue()
    const before = await feesOf(ctx, p.id)
    expect(before.map((f) => f.kind)).toEqual(['overdue', 'overdue'])
    const listed = await c.get(page)
    expect(listed.body).toContain(`action="${page}/lost"`)
    expect(listed.body).toContain(
      `aria-label="Declare A Map of Lost Umbrellas (${a.barcode}) lost: shows the charge first"`,
    )

    const asked = await c.post(`${page}/lost`, { _csrf: csrf, itemBarcode: a.barcode })
    expect(asked.status).toBe(200)
    const text = textOf(asked.body)
    expect(text).toContain('Declare this item lost?')
    expect(text).toContain('A Map of Lost Umbrellas')
    expect(text).toContain(`Item barcode ${a.barcode}`)
    expect(text).toContain('Replacement price $20.00')
    expect(text).toContain('Overdue fine so far $1.00')
    expect(text).toContain('Total to be billed $21.00')
    expect(text).toContain('Nothing has been charged yet.')
    expect(asked.body).toContain(`action="${page}/lost/confirm"`)
    expect(hiddenValue(asked.body, 'totalCents')).toBe('2100')
    // The same question by a link: still nothing charged.
    const byLink = await c.get(`${page}/lost?item=${encodeURIComponent(a.barcode)}`)
    expect(textOf(byLink.body)).toContain('Total to be billed $21.00')
    expect(await feesOf(ctx, p.id)).toEqual(before)
    expect(await itemStatus(ctx, a.barcode)).toBe('on_loan')

    // An amount other than the one shown is asked again, not charged.
    const stale = await c.post(`${page}/lost/confirm`, {
      _csrf: csrf,
      itemBarcode: a.barcode,
      totalCents: '2075',
    })
    expect(stale.status).toBe(409)
    expect(textOf(stale.body)).toContain('The amount has changed from $20.75 to $21.00')
    expect(await feesOf(ctx, p.id)).toEqual(before)

    const done = await c.follow(
      await c.post(`${page}/lost/confirm`, {
        _csrf: csrf,
        itemBarcode: a.barcode,
        totalCents: '2100',
      }),
    )
    expect(textOf(done.body)).toContain(
      `“A Map of Lost Umbrellas” (${a.barcode}) is declared lost: $21.00 billed.`,
    )
    expect(await itemStatus(ctx, a.barcode)).toBe('lost')
    expect((await feesOf(ctx, p.id)).map((f) => f.kind)).toEqual(['lost', 'overdue', 'overdue'])
  })

  it('undo, in the session that declared it, takes the charge off and opens the loan again, audited', async () => {
    const { ctx, a, p, c, page, csrf } = await overdue()
    const before = await feesOf(ctx, p.id)
    await c.post(`${page}/lost/confirm`, {
      _csrf: csrf,
      itemBarcode: a.barcode,
      totalCents: '2100',
    })
    const offered = await c.get(page)
    expect(textOf(offered.body)).toContain('Declared lost in this session')
    expect(offered.body).toContain(
      `aria-label="Undo declaring A Map of Lost Umbrellas (${a.barcode}) lost"`,
    )

    // Another desk, another session: no offer, and a post of its own is refused.
    const other = new WebClient(app)
    await signInStaff(other, ctx, 'circulation')
    const theirs = await other.get(page)
    expect(textOf(theirs.body)).not.toContain('Declared lost in this session')
    const refused = await other.follow(
      await other.post(`${page}/lost/undo`, {
        _csrf: hiddenValue(theirs.body, '_csrf'),
        itemBarcode: a.barcode,
      }),
    )
    expect(textOf(refused.body)).toContain('Only the session that declared a loss can undo it.')
    expect(await itemStatus(ctx, a.barcode)).toBe('lost')

    const undone = await c.follow(
      await c.post(`${page}/lost/undo`, { _csrf: csrf, itemBarcode: a.barcode }),
    )
    expect(textOf(undone.body)).toContain(
      `Undone: “A Map of Lost Umbrellas” (${a.barcode}) is on loan again and the $20.00 replacement charge is removed.`,
    )
    expect(textOf(undone.body)).not.toContain('Declared lost in this session')
    expect(textOf(undone.body)).toContain('On loan (2)')
    expect(await itemStatus(ctx, a.barcode)).toBe('on_loan')
    expect(await feesOf(ctx, p.id)).toEqual(before)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('patron_id', '=', p.id)
      .where('action', 'in', ['circ.lost', 'circ.lost_undo'])
      .execute()
    expect(audit.map((e) => e.action).sort()).toEqual(['circ.lost', 'circ.lost_undo'])

    // Once undone there is nothing left to undo.
    const again = await c.follow(
      await c.post(`${page}/lost/undo`, { _csrf: csrf, itemBarcode: a.barcode }),
    )
    expect(textOf(again.body)).toContain('There is no loss of that item to undo in this session.')
  })

  it('after a payment the undo is refused with the way to a refund, and the offer is withdrawn', async () => {
    const { ctx, lib, b, p, c, page, csrf } = await overdue()
    await c.post(`${page}/lost/confirm`, {
      _csrf: csrf,
      itemBarcode: b.barcode,
      totalCents: '1300',
    })
    expect(await itemStatus(ctx, b.barcode)).toBe('lost')
    await takePayment(ctx, lib.desk, p.id, { amountCents: 300, method: 'cash' })
    const owed = await feesOf(ctx, p.id)
    const refused = await c.follow(
      await c.post(`${page}/lost/undo`, { _csrf: csrf, itemBarcode: b.barcode }),
    )
    const text = textOf(refused.body)
    expect(text).toContain(
      'Money has been paid or waived on this account since the loss was declared',
    )
    expect(text).toContain('refund on the card balance')
    expect(text).not.toContain('Declared lost in this session')
    expect(await itemStatus(ctx, b.barcode)).toBe('lost')
    expect(await feesOf(ctx, p.id)).toEqual(owed)
  })

  it('bad or missing input gets a clear answer, never a charge and never a server error', async () => {
    const { ctx, lib, a, p, c, page, csrf } = await overdue()
    const before = await feesOf(ctx, p.id)
    const none = await c.follow(await c.post(`${page}/lost`, { _csrf: csrf }))
    expect(none.status).toBe(200)
    expect(textOf(none.body)).toContain('Choose an item to declare lost.')
    const unknown = await c.follow(
      await c.post(`${page}/lost`, { _csrf: csrf, itemBarcode: '39999999999999' }),
    )
    expect(textOf(unknown.body)).toContain('No item has that barcode.')
    const long = await c.follow(
      await c.post(`${page}/lost`, { _csrf: csrf, itemBarcode: 'x'.repeat(300) }),
    )
    expect(long.status).toBe(200)
    expect(textOf(long.body)).toContain('Invalid input')
    const half = await c.follow(
      await c.post(`${page}/lost/confirm`, { _csrf: csrf, itemBarcode: a.barcode }),
    )
    expect(textOf(half.body)).toContain('the confirmation was incomplete')
    const junk = await c.follow(
      await c.post(`${page}/lost/confirm`, {
        _csrf: csrf,
        itemBarcode: a.barcode,
        totalCents: '-5',
      }),
    )
    expect(textOf(junk.body)).toContain('the confirmation was incomplete')
    // Someone else's patron page cannot declare this patron's item lost.
    const stranger = await lib.patron()
    const wrong = await c.follow(
      await c.post(`/staff/patrons/${stranger.id}/lost/confirm`, {
        _csrf: csrf,
        itemBarcode: a.barcode,
        totalCents: '2100',
      }),
    )
    expect(textOf(wrong.body)).toContain('This item is not on loan to this patron.')
    expect(await feesOf(ctx, p.id)).toEqual(before)
    expect(await itemStatus(ctx, a.barcode)).toBe('on_loan')

    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    const officerCsrf = hiddenValue((await officer.get(page)).body, '_csrf')
    const forbidden = await officer.post(`${page}/lost`, {
      _csrf: officerCsrf,
      itemBarcode: a.barcode,
    })
    expect(forbidden.status).toBe(403)
  })
})
