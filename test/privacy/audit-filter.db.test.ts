// The privacy officer's filtered audit log: people named as they are now (staff by
// name, patrons by card, erased patrons as such, never an id), each filter narrowing the list,
// dates read in the library's time zone, pages walked by entry number so new entries never
// shift them, plain refusals with stable codes, and every reading and export recorded.
import { expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { replaceCard, setCardStatus } from '../../src/patrons/card.service.js'
import { erasePatron, getPatron } from '../../src/patrons/patron.service.js'
import {
  AUDIT_ACTIONS,
  auditPatronByCard,
  auditPatronName,
  auditStaffChoices,
  exportAudit,
  searchAudit,
} from '../../src/privacy/audit.service.js'
import { createStaff } from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('the filtered audit log', (env) => {
  const named = async (name: string, role: 'librarian' | 'circulation' = 'librarian') => {
    const s = await createStaff(env().ctx, SYSTEM_ACTOR, {
      username: `u${Math.random().toString(36).slice(2, 10)}`,
      displayName: name,
      password: STAFF_PASSWORD,
      role,
    })
    return { type: 'staff', id: s.id, role } satisfies Actor
  }

  it('names staff, patrons by their current card, and erased patrons as erased, never by id', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const wren = await named('Wren Alder')
    const kept = await lib.patron()
    const gone = await lib.patron()
    const lost = await lib.patron()
    await getPatron(ctx, wren, kept.id)
    await getPatron(ctx, wren, gone.id)
    await getPatron(ctx, wren, lost.id)
    // Several cards: the one in use is shown; with none in use, the newest.
    const replaced = await replaceCard(ctx, lib.desk, kept.barcode, {})
    await setCardStatus(ctx, lib.desk, lost.barcode, 'lost')
    await erasePatron(ctx, officer, gone.id)

    const page = await searchAudit(ctx, officer, { staffId: wren.id })
    expect(page.entries.map((e) => e.action)).toEqual(['patron.read', 'patron.read', 'patron.read'])
    expect(page.entries.map((e) => e.actor)).toEqual(
      Array(3).fill({
        type: 'staff',
        name: 'Wren Alder',
        role: 'librarian',
        staffId: wren.id,
        patron: null,
      }),
    )
    expect(page.entries.map((e) => e.patron)).toEqual([
      { kind: 'card', card: lost.barcode },
      { kind: 'erased' },
      { kind: 'card', card: replaced.barcode },
    ])
    const text = JSON.stringify(page.entries.map(({ actor, patron }) => ({ actor, patron })))
    for (const id of [kept.id, gone.id, lost.id]) expect(text).not.toContain(id)
    expect(replaced.barcode).not.toBe(kept.barcode)

    // A patron whose record row is gone altogether reads as erased too.
    expect(await auditPatronName(ctx, officer, 'no-such-patron')).toEqual({ kind: 'erased' })
    // The erasure names the officer; the detail's staff id is given a name.
    const made = await searchAudit(ctx, officer, { action: 'staff.create', limit: 500 })
    const wrenMade = made.entries.find((e) => e.detail.staffId === wren.id)
    expect(wrenMade?.detailNames).toEqual({ staffId: 'Wren Alder' })
    expect(wrenMade?.actor).toMatchObject({ type: 'system', name: null })
  })

  it('narrows by staff member, patron, action and local dates, and each filter on its own', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const ash = await named('Ash Birch')
    const rowan = await named('Rowan Elm', 'circulation')
    const a = await lib.patron()
    const b = await lib.patron()
    // America/Chicago in January is six hours behind UTC: 05:30 UTC is 11:30 pm the day before.
    clock.set('2027-01-20T05:30:00.000Z')
    await getPatron(ctx, ash, a.id)
    clock.set('2027-01-20T06:30:00.000Z')
    await getPatron(ctx, rowan, a.id)
    clock.set('2027-01-21T12:00:00.000Z')
    await getPatron(ctx, ash, b.id)

    const seqsOf = async (q: Record<string, unknown>) =>
      (await searchAudit(ctx, officer, { ...q, limit: 500 })).entries.map((e) => ({
        who: e.actor.name,
        patron: e.patron?.kind === 'card' ? e.patron.card : e.patron?.kind,
        action: e.action,
      }))
    expect(await seqsOf({ staffId: ash.id, action: 'patron.read' })).toEqual([
      { who: 'Ash Birch', patron: b.barcode, action: 'patron.read' },
      { who: 'Ash Birch', patron: a.barcode, action: 'patron.read' },
    ])
    expect(await seqsOf({ staffId: rowan.id })).toEqual([
      { who: 'Rowan Elm', patron: a.barcode, action: 'patron.read' },
    ])
    expect(await seqsOf({ patronId: a.id, action: 'patron.read' })).toEqual([
      { who: 'Rowan Elm', patron: a.barcode, action: 'patron.read' },
      { who: 'Ash Birch', patron: a.barcode, action: 'patron.read' },
    ])
    // Local days: the 19th holds only the 11:30 pm read; the 20th only the 12:30 am one.
    expect(await seqsOf({ from: '2027-01-19', to: '2027-01-19' })).toEqual([
      { who: 'Ash Birch', patron: a.barcode, action: 'patron.read' },
    ])
    expect(await seqsOf({ from: '2027-01-20', to: '2027-01-20' })).toEqual([
      { who: 'Rowan Elm', patron: a.barcode, action: 'patron.read' },
    ])
    expect(await seqsOf({ from: '2027-01-21', staffId: ash.id })).toEqual([
      { who: 'Ash Birch', patron: b.barcode, action: 'patron.read' },
    ])
    expect(await seqsOf({ to: '2027-01-19', staffId: ash.id })).toEqual([
      { who: 'Ash Birch', patron: a.barcode, action: 'patron.read' },
    ])
    expect(await seqsOf({ staffId: ash.id, action: 'patron.update' })).toEqual([])
    // Every entry the action filter returns is of that action.
    const reads = await searchAudit(ctx, officer, { action: 'patron.read', limit: 500 })
    expect(reads.entries.length).toBeGreaterThanOrEqual(3)
    expect(new Set(reads.entries.map((e) => e.action))).toEqual(new Set(['patron.read']))
  })

  it('walks pages by entry number: new entries never shift a page, and either way works', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const reader = await named('Page Turner')
    const p = await lib.patron()
    for (let i = 0; i < 7; i++) await getPatron(ctx, reader, p.id)
    const all = (await searchAudit(ctx, officer, { staffId: reader.id })).entries.map((e) => e.seq)
    expect(all).toHaveLength(7)

    const first = await searchAudit(ctx, officer, { staffId: reader.id, limit: 3 })
    expect(first.entries.map((e) => e.seq)).toEqual(all.slice(0, 3))
    expect(first.newer).toBeUndefined()
    expect(first.older).toBe(all[2])
    // Entries arriving meanwhile do not move the next page.
    await getPatron(ctx, reader, p.id)
    await getPatron(ctx, reader, p.id)
    const second = await searchAudit(ctx, officer, {
      staffId: reader.id,
      limit: 3,
      before: first.older,
    })
    expect(second.entries.map((e) => e.seq)).toEqual(all.slice(3, 6))
    expect(second.newer).toBe(all[3])
    const third = await searchAudit(ctx, officer, {
      staffId: reader.id,
      limit: 3,
      before: second.older,
    })
    expect(third.entries.map((e) => e.seq)).toEqual(all.slice(6))
    expect(third.older).toBeUndefined()
    // Back to newer entries from the third page: the second page again.
    const back = await searchAudit(ctx, officer, {
      staffId: reader.id,
      limit: 3,
      after: third.newer,
    })
    expect(back.entries.map((e) => e.seq)).toEqual(all.slice(3, 6))
    expect(back.older).toBe(all[5])
    // Past the end either way: an empty page that points back.
    const pastOld = await searchAudit(ctx, officer, { staffId: reader.id, before: 1 })
    expect(pastOld.entries).toEqual([])
    expect(pastOld.newer).toBe(0)
    expect(pastOld.older).toBeUndefined()
    const pastNew = await searchAudit(ctx, officer, { staffId: reader.id, after: 2 ** 40 })
    expect(pastNew.entries).toEqual([])
    expect(pastNew.older).toBeDefined()
    const newest = await searchAudit(ctx, officer, { staffId: reader.id, before: 2 ** 40 })
    expect(newest.entries).toHaveLength(9)
  })

  it('refuses bad filters with a stable code and the field, never a crash', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const cases: [Record<string, unknown>, string, string[] | undefined][] = [
      [{ from: '2026-02-30' }, 'AUDIT_BAD_DATE', ['from']],
      [{ to: 'yesterday' }, 'AUDIT_BAD_DATE', ['to']],
      [{ from: '0099-01-01' }, 'AUDIT_BAD_DATE', ['from']],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'AUDIT_DATE_ORDER', ['to']],
      [{ action: 'patron.steal' }, 'AUDIT_UNKNOWN_ACTION', ['action']],
      [{ staffId: 'nobody' }, 'AUDIT_UNKNOWN_STAFF', ['staffId']],
      [{ before: 5, after: 2 }, 'AUDIT_BAD_PAGE', ['before', 'after']],
      [{ before: 0 }, 'INVALID_INPUT', undefined],
      [{ limit: 501 }, 'INVALID_INPUT', undefined],
    ]
    for (const [query, code, fields] of cases) {
      const refused = searchAudit(ctx, officer, query)
      await expect(refused, JSON.stringify(query)).rejects.toMatchObject({
        kind: 'validation',
        code,
        ...(fields !== undefined && { details: { fields } }),
      })
    }
    await expect(exportAudit(ctx, officer, { action: 'nope' })).rejects.toMatchObject({
      code: 'AUDIT_UNKNOWN_ACTION',
    })
    // The page shows the sentence, so it says what to do instead.
    await expect(searchAudit(ctx, officer, { before: 5, after: 2 })).rejects.toMatchObject({
      message: 'Ask for older or newer entries, not both.',
    })
    // Every action the log writes is a filter the service accepts.
    for (const action of AUDIT_ACTIONS)
      await expect(searchAudit(ctx, officer, { action, limit: 1 })).resolves.toBeDefined()
  })

  it('finds a patron by any of their cards, and nobody by an unknown or erased one', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const gone = await lib.patron()
    const replaced = await replaceCard(ctx, lib.desk, p.barcode, {})
    expect(await auditPatronByCard(ctx, officer, p.barcode)).toBe(p.id)
    expect(await auditPatronByCard(ctx, officer, ` ${replaced.barcode} `)).toBe(p.id)
    await erasePatron(ctx, officer, gone.id)
    for (const card of [gone.barcode, '29999999999999', '  '])
      await expect(auditPatronByCard(ctx, officer, card), card).rejects.toMatchObject({
        kind: 'not_found',
        code: 'CARD_NOT_FOUND',
      })
  })

  it('records each reading and each export, naming the patron filtered by and no value', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    await getPatron(ctx, lib.desk, p.id)
    await searchAudit(ctx, officer, { patronId: p.id, action: 'patron.read', from: '2026-01-01' })
    const rows = await exportAudit(ctx, officer, { patronId: p.id })
    expect(rows.length).toBeGreaterThanOrEqual(4)
    const own = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patron_id', 'detail'])
      .where('actor_id', '=', officer.id)
      .orderBy('seq')
      .execute()
    expect(own.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }))).toEqual([
      {
        action: 'audit.read',
        patron_id: p.id,
        detail: { filters: ['patronId', 'action', 'from'] },
      },
      {
        action: 'audit.read',
        patron_id: p.id,
        detail: { filters: ['patronId'], export: 'csv', entries: rows.length },
      },
    ])
    // The system's own readings are not recorded, as with the plain listing.
    const reads = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'audit.read')
          .execute()
      ).length
    const counted = await reads()
    await searchAudit(ctx, SYSTEM_ACTOR, {})
    await exportAudit(ctx, SYSTEM_ACTOR, { patronId: p.id })
    expect(await reads()).toBe(counted)
  })

  it('exports every matching entry across pages, and refuses one larger than the limit', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const busy = await named('Busy Bee')
    const p = await lib.patron()
    for (let i = 0; i < 12; i++) await getPatron(ctx, busy, p.id)
    const rows = await exportAudit(ctx, officer, { staffId: busy.id })
    expect(rows).toHaveLength(12)
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((x, y) => y - x))
    await expect(exportAudit(ctx, officer, { staffId: busy.id }, 11)).rejects.toMatchObject({
      kind: 'validation',
      code: 'AUDIT_EXPORT_TOO_LARGE',
      message: 'More than 11 entries match. Choose a shorter date range or another filter.',
    })
    expect(await exportAudit(ctx, officer, { staffId: busy.id }, 12)).toHaveLength(12)
  })

  it('is for the roles that may read the log, and no one else', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const admin = await staffActor(ctx, 'admin')
    const choices = await auditStaffChoices(ctx, admin)
    expect(choices.find((c) => c.id === admin.id)).toMatchObject({
      name: 'Test admin',
      role: 'admin',
      active: true,
    })
    await expect(searchAudit(ctx, admin, { limit: 1 })).resolves.toBeDefined()
    const refusedTo: Actor[] = [
      lib.desk,
      await staffActor(ctx, 'circulation'),
      { type: 'patron', id: p.id },
      { type: 'sip', id: 'kiosk' },
    ]
    for (const actor of refusedTo) {
      for (const call of [
        () => searchAudit(ctx, actor, {}),
        () => exportAudit(ctx, actor, {}),
        () => auditPatronByCard(ctx, actor, p.barcode),
        () => auditPatronName(ctx, actor, p.id),
        () => auditStaffChoices(ctx, actor),
      ])
        await expect(call(), `${actor.type} ${actor.role ?? ''}`).rejects.toMatchObject({
          kind: 'forbidden',
          code: 'FORBIDDEN',
        })
    }
  })
})
