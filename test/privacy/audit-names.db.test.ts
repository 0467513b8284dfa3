// How the audit log's pages name people (P9): a self-check account by its login, accounts that no
// longer exist in words, a patron by the newest card when none is in use, a patron left with no
// card as such, an entry whose detail is not a JSON object as having none, and an export that
// walks past one batch of entries without losing or repeating any.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { replaceCard, setCardStatus } from '../../src/patrons/card.service.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { recordAudit } from '../../src/privacy/audit.js'
import { auditStaffChoices, exportAudit, searchAudit } from '../../src/privacy/audit.service.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { updateStaff } from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('names in the audit log', (env) => {
  it('names a self-check account by its login, a patron acting by card, and accounts that are gone in words', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const admin = await staffActor(ctx, 'admin')
    const kiosk = await createSipAccount(ctx, admin, {
      login: 'kiosk-east',
      password: 'a long enough secret 1',
      institutionId: 'CARREL',
      location: 'east',
    })
    const sip: Actor = { type: 'sip', id: kiosk.id }
    await recordAudit(ctx.db, ctx.engine, ctx.clock, sip, [{ action: 'sip.login' }])
    await recordAudit(ctx.db, ctx.engine, ctx.clock, { type: 'sip', id: 'removed-kiosk' }, [
      { action: 'sip.login_failed' },
    ])
    await recordAudit(ctx.db, ctx.engine, ctx.clock, SYSTEM_ACTOR, [
      { action: 'sip.account_update', detail: { sipAccountId: 'removed-kiosk' } },
      { action: 'staff.update', detail: { staffId: 'removed-staff' } },
      // Only an id (a string) is looked up and named; any other value is left as it is.
      { action: 'staff.update', detail: { staffId: 42, sipAccountId: 7 } },
    ])

    // A staff account that is gone, and a patron acting on their own account.
    await recordAudit(ctx.db, ctx.engine, ctx.clock, { type: 'staff', id: 'removed-staff' }, [
      { action: 'staff.login' },
    ])
    const self = await lib.patron()
    await recordAudit(ctx.db, ctx.engine, ctx.clock, { type: 'patron', id: self.id }, [
      { action: 'history.on' },
    ])

    const one = async (action: string) => {
      const page = await searchAudit(ctx, officer, { action, limit: 50 })
      expect(page.entries).toHaveLength(1)
      return page.entries[0]
    }
    expect((await one('sip.login'))?.actor).toEqual({
      type: 'sip',
      name: 'kiosk-east',
      role: null,
      staffId: null,
      patron: null,
    })
    expect((await one('sip.login_failed'))?.actor).toMatchObject({ type: 'sip', name: null })
    expect((await one('staff.login'))?.actor).toEqual({
      type: 'staff',
      name: null,
      role: null,
      staffId: null,
      patron: null,
    })
    expect((await one('history.on'))?.actor).toEqual({
      type: 'patron',
      name: null,
      role: null,
      staffId: null,
      patron: { kind: 'card', card: self.barcode },
    })
    expect((await one('sip.account_create'))?.detailNames).toEqual({ sipAccountId: 'kiosk-east' })
    expect((await one('sip.account_update'))?.detailNames).toEqual({
      sipAccountId: 'a removed self-check account',
    })
    const update = await searchAudit(ctx, officer, { action: 'staff.update', limit: 50 })
    const gone = update.entries.find((e) => e.detail.staffId === 'removed-staff')
    expect(gone?.detailNames).toEqual({ staffId: 'a former staff account' })
    const odd = update.entries.find((e) => e.detail.staffId === 42)
    expect(odd?.detailNames).toEqual({})
  })

  it('names a patron with no card in use by the newest card, and one with no card at all as such', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const patron = await lib.patron()
    clock.set('2027-03-01T15:00:00.000Z')
    const second = await replaceCard(ctx, lib.desk, patron.barcode, {})
    clock.set('2027-03-02T15:00:00.000Z')
    await setCardStatus(ctx, lib.desk, second.barcode, 'lost')
    const cardless = await lib.patron()
    await ctx.db.deleteFrom('cards').where('patron_id', '=', cardless.id).execute()
    await getPatron(ctx, lib.desk, patron.id)
    await getPatron(ctx, lib.desk, cardless.id)

    const named = async (patronId: string) =>
      (await searchAudit(ctx, officer, { patronId, action: 'patron.read', limit: 5 })).entries.map(
        (e) => e.patron,
      )
    // Both cards are out of use (replaced, then lost): the later one names the patron.
    expect(await named(patron.id)).toEqual([{ kind: 'card', card: second.barcode }])
    expect(await named(cardless.id)).toEqual([{ kind: 'no_card' }])
  })

  it('reads an entry whose detail is not a JSON object as having no detail, instead of failing', async () => {
    const { ctx } = env()
    await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const stored = ['not json', '["a list"]', 'null', '"a string"', '7']
    await recordAudit(
      ctx.db,
      ctx.engine,
      ctx.clock,
      SYSTEM_ACTOR,
      stored.map((_, i) => ({ action: 'job.run' as const, detail: { job: String(i) } })),
    )
    const entries = (await searchAudit(ctx, officer, { action: 'job.run', limit: 10 })).entries
    expect(entries).toHaveLength(stored.length)
    for (const [i, e] of entries.entries())
      await ctx.db
        .updateTable('audit_log')
        .set({ detail: stored[i] ?? '' })
        .where('seq', '=', e.seq)
        .execute()
    const read = await searchAudit(ctx, officer, { action: 'job.run', limit: 10 })
    expect(read.entries.map((e) => e.detail)).toEqual(stored.map(() => ({})))
  })

  it('exports more entries than one batch reads, each once and newest first', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const busy = await staffActor(ctx, 'librarian')
    const p = await lib.patron()
    await recordAudit(
      ctx.db,
      ctx.engine,
      ctx.clock,
      busy,
      Array.from({ length: 1001 }, () => ({ action: 'patron.read' as const, patronId: p.id })),
    )
    const rows = await exportAudit(ctx, officer, { staffId: busy.id }, 5000)
    expect(rows).toHaveLength(1001)
    const seqs = rows.map((r) => r.seq)
    expect(new Set(seqs).size).toBe(1001)
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x))
  })

  it('takes 1 January 1970, the first day an entry can carry, as a first day', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    await getPatron(ctx, lib.desk, p.id)
    const page = await searchAudit(ctx, officer, { from: '1970-01-01', patronId: p.id })
    expect(page.entries.map((e) => e.action)).toContain('patron.read')
    await expect(searchAudit(ctx, officer, { from: '1969-12-31' })).rejects.toMatchObject({
      code: 'AUDIT_BAD_DATE',
    })
  })

  it('lists staff for the filter with whether each account is still in use', async () => {
    const { ctx } = env()
    await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const admin = await staffActor(ctx, 'admin')
    const leaver = await staffActor(ctx, 'circulation')
    await updateStaff(ctx, admin, leaver.id, { active: false })
    const choices = await auditStaffChoices(ctx, officer)
    expect(choices.find((c) => c.id === leaver.id)?.active).toBe(false)
    expect(choices.find((c) => c.id === admin.id)?.active).toBe(true)
  })
})
