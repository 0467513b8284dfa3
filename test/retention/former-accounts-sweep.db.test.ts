// Closed accounts are kept no longer than scheduled (P5): a staff account switched off more than
// a year ago is deleted, and what that person wrote or took keeps its content but no longer
// names them; the notes of a patron account erased more than a year ago are deleted, and its
// reading history at once. Each sweep walks its rows in batches, each batch starting after the
// last key of the one before.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { listFees, takePayment } from '../../src/circulation/fees.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { addLedgerEntry } from '../../src/patrons/ledger.service.js'
import { addNote } from '../../src/patrons/notes.service.js'
import { erasePatron } from '../../src/patrons/patron.service.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { TABLE_SWEEPS, type SweepContext } from '../../src/privacy/retention/sweeps.js'
import { updateStaff } from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const AUTHORITIES = {
  retention: {
    authorities: {
      'staff-account': { application: '24-017', item: '21' },
      'account-notes': { application: '24-017', item: '22' },
    },
  },
}

describeEngines(
  'sweeping closed accounts (P5)',
  (env) => {
    /**
     * Erases the patron, leaving their notes behind as an erasure racing a new note (or one made
     * by an older version) would: the rows stay, their text unreadable with the key destroyed.
     */
    const leftBehindByErasure = async (patronId: string) => {
      const { ctx } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      const notes = await ctx.db
        .selectFrom('account_notes')
        .selectAll()
        .where('patron_id', '=', patronId)
        .execute()
      await erasePatron(ctx, officer, patronId)
      await ctx.db.insertInto('account_notes').values(notes).execute()
    }

    it("deletes a former staff member's account a year after it was switched off, keeping what they recorded without their name", async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx, { loanPeriod: 7, finePerDayCents: 50, maxFineCents: 500 })
      const officer = await staffActor(ctx, 'privacy_officer')
      const leaver = await staffActor(ctx, 'librarian')
      const stayer = await staffActor(ctx, 'librarian')
      const p = await lib.patron()
      const { items } = await lib.title()
      await checkout(ctx, leaver, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })
      clock.advance(9 * DAY)
      await checkin(ctx, leaver, { itemBarcode: items[0]!.barcode, branch: 'main' })
      // Part paid: the fine stays open, so the payment is kept with it.
      const owed = (await listFees(ctx, leaver, p.id)).owedCents
      const paid = Math.floor(owed / 2)
      await takePayment(ctx, leaver, p.id, { amountCents: paid, method: 'cash' })
      await addNote(ctx, leaver, p.id, { body: 'Prefers large print' })
      await addNote(ctx, stayer, p.id, { body: 'Asked about the book club' })
      await addLedgerEntry(ctx, leaver, p.id, {
        kind: 'credit',
        amountCents: 300,
        reason: 'Prepaid printing',
      })
      await updateStaff(ctx, SYSTEM_ACTOR, leaver.id, { active: false })

      // Not yet a year: nothing goes.
      clock.advance(364 * DAY)
      await runRetention(ctx, officer)
      const staffIds = async () =>
        (await ctx.db.selectFrom('staff').select('id').execute()).map((s) => s.id)
      expect(await staffIds()).toContain(leaver.id)

      clock.advance(2 * DAY)
      const runs = await runRetention(ctx, officer)
      expect(runs.find((r) => r.series === 'staff-account')).toEqual({
        series: 'staff-account',
        state: 'due',
        disposed: 1,
      })
      const left = await staffIds()
      expect(left).not.toContain(leaver.id)
      expect(left).toEqual(expect.arrayContaining([stayer.id, officer.id, lib.desk.id]) as unknown)
      const notes = await ctx.db
        .selectFrom('account_notes')
        .select('author_staff_id')
        .where('patron_id', '=', p.id)
        .execute()
      expect(notes.map((n) => n.author_staff_id).sort()).toEqual([null, stayer.id].sort())
      const ledger = await ctx.db
        .selectFrom('card_ledger')
        .select(['staff_id', 'amount_cents'])
        .where('patron_id', '=', p.id)
        .execute()
      expect(ledger).toEqual([{ staff_id: null, amount_cents: 300 }])
      const payments = await ctx.db
        .selectFrom('fee_payments')
        .select(['staff_id', 'amount_cents'])
        .where('patron_id', '=', p.id)
        .execute()
      expect(payments).toEqual([{ staff_id: null, amount_cents: paid }])
      expect(paid).toBeGreaterThan(0)
    })

    it('deletes notes left at a patron account a year after it was erased, and no others', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const gone = await lib.patron()
      const kept = await lib.patron()
      await addNote(ctx, lib.desk, gone.id, { body: 'Moving away' })
      await addNote(ctx, lib.desk, gone.id, { body: 'Returned the last book' })
      await addNote(ctx, lib.desk, kept.id, { body: 'Prefers email' })
      await leftBehindByErasure(gone.id)
      const notesOf = async (patronId: string) =>
        (
          await ctx.db
            .selectFrom('account_notes')
            .select('id')
            .where('patron_id', '=', patronId)
            .execute()
        ).length
      clock.advance(364 * DAY)
      await runRetention(ctx, officer)
      expect(await notesOf(gone.id)).toBe(2)
      clock.advance(2 * DAY)
      const runs = await runRetention(ctx, officer)
      expect(runs.find((r) => r.series === 'account-notes')?.disposed).toBe(2)
      expect(await notesOf(gone.id)).toBe(0)
      expect(await notesOf(kept.id)).toBe(1)
    })

    it('walks former staff, and the notes and reading history of erased accounts, one batch after another', async () => {
      const { ctx, clock } = env()
      const lib = await setUpLibrary(ctx)
      const leavers = [await staffActor(ctx, 'librarian'), await staffActor(ctx, 'circulation')]
      for (const s of leavers) await updateStaff(ctx, SYSTEM_ACTOR, s.id, { active: false })
      const gone = await lib.patron()
      await addNote(ctx, lib.desk, gone.id, { body: 'First' })
      await addNote(ctx, lib.desk, gone.id, { body: 'Second' })
      await leftBehindByErasure(gone.id)
      // A reading history left by an account since erased.
      const reader = await lib.patron()
      await setReadingHistory(ctx, { type: 'patron', id: reader.id }, reader.id, true)
      const { items } = await lib.title([{}, {}])
      for (const item of items) {
        await checkout(ctx, lib.desk, {
          patronBarcode: reader.barcode,
          itemBarcode: item.barcode,
          branch: 'main',
        })
        await checkin(ctx, lib.desk, { itemBarcode: item.barcode, branch: 'main' })
      }
      await erasePatron(ctx, await staffActor(ctx, 'privacy_officer'), reader.id)
      clock.advance(400 * DAY)
      const s: SweepContext = {
        db: ctx.db,
        cutoff: new Date(clock.now().getTime() - 365 * DAY).toISOString(),
        heldPatrons: [],
        limit: 1,
      }
      for (const series of ['staff-account', 'account-notes', 'reading-history'] as const) {
        const sweep = TABLE_SWEEPS[series]!
        const due = await sweep.count(s)
        expect(due, series).toBeGreaterThanOrEqual(2)
        const first = await sweep.batch(s)
        expect(first.count, series).toBe(1)
        expect(first.last, series).toEqual(expect.any(String) as unknown)
        // The next batch starts after the last key done: one more, then the rest.
        const second = await sweep.batch({ ...s, after: first.last! })
        expect(second.count, series).toBe(1)
        expect(String(second.last) > String(first.last), series).toBe(true)
        expect(await sweep.count(s), series).toBe(due - 2)
      }
      const staffLeft = (await ctx.db.selectFrom('staff').select('id').execute()).map((r) => r.id)
      for (const s of leavers) expect(staffLeft).not.toContain(s.id)
    })
  },
  AUTHORITIES,
)
