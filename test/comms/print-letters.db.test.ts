// Letters for patrons without email: the batch shows each letter addressed for the post, in the
// patron's language, naming titles only by choice (P10); reading it is audited per patron; marking
// it printed marks exactly the letters shown, once, leaving only kind, day and outcome.
import { beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import type { AppContext } from '../../src/context.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { listPrintLetters, markLettersPrinted } from '../../src/comms/print-letters.service.js'
import { localDate } from '../../src/library/calendar.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage, updateOwnChoices } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const TZ = 'America/Chicago'

describeEngines('printed letters for patrons without email', (env) => {
  let ctx: AppContext
  let lib: Awaited<ReturnType<typeof setUpLibrary>>
  beforeAll(async () => {
    ctx = await env().reopen({ library: { name: 'Thornton Library', timezone: TZ } })
    lib = await setUpLibrary(ctx)
  })

  async function patron(o: { language?: 'es'; titles?: boolean } = {}) {
    const input = patronInput({
      email: undefined,
      notify: { notices: true, newsletter: false, policyChanges: false },
    })
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
    const me: Actor = { type: 'patron', id: view.id }
    if (o.language !== undefined) await setOwnLanguage(ctx, me, { language: o.language })
    if (o.titles === true)
      await updateOwnChoices(ctx, me, {
        notices: true,
        newsletter: false,
        policyChanges: false,
        titles: true,
        declined: [],
      })
    return { id: view.id, me, input }
  }

  /** A hold filled for the patron: the worker leaves its notice for a letter. */
  async function holdReady(p: { id: string }) {
    const { record, items } = await lib.title([{}])
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'east' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'east' })
    return record.title
  }

  const row = (id: string) =>
    ctx.db.selectFrom('notice_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const waiting = async () => (await listPrintLetters(ctx, SYSTEM_ACTOR)).letters

  async function markAllWaiting(): Promise<void> {
    const batch = await listPrintLetters(ctx, SYSTEM_ACTOR)
    if (batch.letters.length + batch.notNeeded.length === 0) return
    await markLettersPrinted(ctx, SYSTEM_ACTOR, {
      printed: batch.letters.map((l) => l.id),
      notNeeded: batch.notNeeded.map((n) => n.id),
    })
  }

  it('shows each letter with name and address, the same words as the email, titles only by choice', async () => {
    await markAllWaiting()
    const plain = await patron()
    const lector = await patron({ language: 'es', titles: true })
    const plainTitle = await holdReady(plain)
    const lectorTitle = await holdReady(lector)
    expect(await deliverNotices(ctx)).toMatchObject({ print: 2, sent: 0, maildrop: 0 })

    const desk = await staffActor(ctx, 'circulation')
    const batch = await listPrintLetters(ctx, desk)
    expect(batch.more).toBe(false)
    const mine = (id: string) => batch.letters.find((l) => l.blocks.length > 0 && l.id === id)
    const rows = await ctx.db
      .selectFrom('notice_outbox')
      .select(['id', 'patron_id'])
      .where('status', '=', 'print')
      .execute()
    const idOf = (patronId: string) => rows.find((r) => r.patron_id === patronId)?.id ?? ''
    const a = mine(idOf(plain.id))
    const b = mine(idOf(lector.id))

    // A letter is dated in full, weekday and year.
    const today = localDate(env().clock.now(), TZ)
    expect(a).toMatchObject({
      locale: 'en',
      kind: 'hold_ready',
      name: `${plain.input.givenName} ${plain.input.familyName}`,
      address: [plain.input.address.line1, 'Thornton, IL 60476'],
      subject: 'A hold is ready for you to pick up',
    })
    const aText = JSON.stringify(a?.blocks)
    expect(aText).toContain('East Branch')
    expect(aText).toContain('This message does not name the items')
    expect(aText).toContain('This message comes from Thornton Library')
    expect(aText).not.toContain(plainTitle)
    expect(a?.dated).toBe(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'UTC',
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        year: 'numeric',
      }).format(new Date(`${today}T12:00:00Z`)),
    )

    expect(b).toMatchObject({
      locale: 'es',
      subject: 'Tiene una reserva lista para recoger',
      name: `${lector.input.givenName} ${lector.input.familyName}`,
    })
    expect(b?.blocks).toContainEqual({ list: [lectorTitle] })
    expect(JSON.stringify(b?.blocks)).toContain(`Hola, ${lector.input.givenName}:`)

    // Showing the batch is a read of each patron's record, recorded per patron.
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select(['patron_id', 'actor_id', 'detail'])
      .where('action', '=', 'patron.read')
      .where('actor_id', '=', desk.id)
      .execute()
    expect(audits.map((x) => x.patron_id).sort()).toEqual([plain.id, lector.id].sort())
    for (const x of audits) expect(String(x.detail)).toContain('letters')
  })

  it('marks exactly the letters shown, once, leaving kind, day and outcome only', async () => {
    await markAllWaiting()
    const one = await patron()
    const two = await patron()
    await holdReady(one)
    await holdReady(two)
    await deliverNotices(ctx)
    const desk = await staffActor(ctx, 'circulation')
    const shown = await listPrintLetters(ctx, desk)
    expect(shown.letters).toHaveLength(2)

    // A letter queued after the page was shown stays waiting.
    const late = await patron()
    await enqueueNotice(
      ctx.db,
      late.id,
      'card_expiring',
      { expiresOn: '2026-02-10' },
      env().clock.now().toISOString(),
    )
    await deliverNotices(ctx)

    const ids = shown.letters.map((l) => l.id)
    expect(await markLettersPrinted(ctx, desk, { printed: ids, notNeeded: [] })).toEqual({
      printed: 2,
      notNeeded: 0,
      alreadyDone: 0,
    })
    const today = localDate(env().clock.now(), TZ)
    for (const id of ids)
      expect(await row(id)).toMatchObject({
        status: 'printed',
        payload: null,
        created_at: today,
        sent_at: today,
        claimed_by: null,
        lease_until: null,
        next_attempt_at: null,
      })
    const lateLetters = (await waiting()).filter((l) => l.name?.includes(late.input.givenName))
    expect(lateLetters).toHaveLength(1)
    expect(lateLetters[0]?.subject).toBe('Your library card expires soon')

    // A second confirmation of the same batch marks nothing and fails nothing.
    expect(await markLettersPrinted(ctx, desk, { printed: ids, notNeeded: [] })).toEqual({
      printed: 0,
      notNeeded: 0,
      alreadyDone: 2,
    })
    const marks = await ctx.db
      .selectFrom('audit_log')
      .select(['detail', 'patron_id'])
      .where('action', '=', 'mail.print')
      .where('actor_id', '=', desk.id)
      .execute()
    expect(marks).toHaveLength(2)
    expect(marks.every((m) => m.patron_id === null)).toBe(true)
  })

  it('lets two staff confirm the same batch at once: each letter is marked once, neither fails', async () => {
    await markAllWaiting()
    for (let i = 0; i < 3; i++) await holdReady(await patron())
    await deliverNotices(ctx)
    const ids = (await waiting()).map((l) => l.id)
    expect(ids).toHaveLength(3)
    const [x, y] = await Promise.all([
      markLettersPrinted(ctx, await staffActor(ctx, 'circulation'), {
        printed: ids,
        notNeeded: [],
      }),
      markLettersPrinted(ctx, await staffActor(ctx, 'librarian'), { printed: ids, notNeeded: [] }),
    ])
    expect(x.printed + y.printed).toBe(3)
    expect(x.alreadyDone + y.alreadyDone).toBe(3)
    for (const id of ids) expect((await row(id)).status).toBe('printed')
  })

  it('waits for a confirmation still in progress, then finds nothing left to mark', async () => {
    await markAllWaiting()
    for (let i = 0; i < 2; i++) await holdReady(await patron())
    await deliverNotices(ctx)
    const ids = (await waiting()).map((l) => l.id)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let marked!: () => void
    const holding = new Promise<void>((resolve) => (marked = resolve))
    // The first confirmation has updated the rows (locking them on PostgreSQL) but not committed.
    const first = ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('notice_outbox')
        .set({ status: 'printed', payload: null })
        .where('id', 'in', ids)
        .where('status', '=', 'print')
        .execute()
      marked()
      await gate
    })
    await holding
    const second = markLettersPrinted(ctx, SYSTEM_ACTOR, { printed: ids, notNeeded: [] })
    await new Promise((resolve) => setTimeout(resolve, 150))
    release()
    await first
    expect(await second).toEqual({ printed: 0, notNeeded: 0, alreadyDone: 2 })
  })

  it('sets aside a letter no longer needed: the patron turned that notice off', async () => {
    await markAllWaiting()
    const p = await patron()
    await holdReady(p)
    await deliverNotices(ctx)
    await updateOwnChoices(ctx, p.me, {
      notices: true,
      newsletter: false,
      policyChanges: false,
      declined: ['hold_ready'],
    })
    const batch = await listPrintLetters(ctx, SYSTEM_ACTOR)
    expect(batch.letters).toHaveLength(0)
    expect(batch.notNeeded).toHaveLength(1)
    expect(JSON.stringify(batch.notNeeded)).not.toContain(p.input.givenName)
    const id = batch.notNeeded[0]!.id
    expect(
      await markLettersPrinted(ctx, SYSTEM_ACTOR, { printed: [], notNeeded: [id] }),
    ).toMatchObject({ printed: 0, notNeeded: 1 })
    expect(await row(id)).toMatchObject({ status: 'skipped', payload: null, sent_at: null })
  })

  it('refuses a role without the right, and bad input, changing nothing', async () => {
    await markAllWaiting()
    await holdReady(await patron())
    await deliverNotices(ctx)
    const [letter] = await waiting()
    const officer = await staffActor(ctx, 'privacy_officer')
    await expect(listPrintLetters(ctx, officer)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(
      markLettersPrinted(ctx, officer, { printed: [letter!.id], notNeeded: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const desk = await staffActor(ctx, 'circulation')
    await expect(
      markLettersPrinted(ctx, desk, { printed: [], notNeeded: [] }),
    ).rejects.toMatchObject({ code: 'NO_LETTERS' })
    await expect(
      markLettersPrinted(ctx, desk, { printed: [letter!.id, 'not-an-id'], notNeeded: [] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect((await row(letter!.id)).status).toBe('print')
  })
})
