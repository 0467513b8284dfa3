import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { createRequest } from '../../src/circulation/requests.service.js'
import { addNote } from '../../src/patrons/notes.service.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { myData, myDataCsv } from '../../src/patrons/self-service.js'
import { RETENTION_RULES } from '../../src/privacy/retention-rules.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('my data: what is held, why and for how long', (env) => {
  it('lists every kind of record held, each with how long it is kept', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ expiresOn: '2027-06-30' }))
    const data = await myData(ctx, { type: 'patron', id: p.id })
    const summary = (rule: keyof typeof RETENTION_RULES) => RETENTION_RULES[rule].summary
    expect(data.sections.map((s) => [s.what, s.keptUntil])).toEqual([
      // Three years after the registration lapses.
      ['Registration', '2030-06-29'],
      ['Library cards', summary('card-record')],
      ['Card balance', summary('card-ledger')],
      ['Notes about your account', summary('account-notes')],
      ['Items on loan', summary('loan-link')],
      ['Holds', summary('holds')],
      ['Fines and fees', summary('fees')],
      ['Payments and waivers', summary('payments')],
      ['Purchase suggestions and interlibrary-loan requests', summary('patron-requests')],
      ['Messages to you', summary('notices')],
      ['Newsletter subscription', summary('newsletter-subscriptions')],
      ['Questions and changes of address', summary('inquiries')],
      ['Public computer session', summary('computer-sessions')],
    ])
    expect(data.sections.every((s) => s.why.length > 0)).toBe(true)
  })

  it('records that the patron downloaded their own data', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await myData(ctx, { type: 'patron', id: p.id })
    const last = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id', 'detail'])
      .where('patron_id', '=', p.id)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect({ ...last, detail: JSON.parse(last.detail) as unknown }).toEqual({
      action: 'patron.export',
      actor_type: 'patron',
      actor_id: p.id,
      detail: { by: 'patron' },
    })
  })

  it("lists the patron's own cards", async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const data = await myData(ctx, { type: 'patron', id: p.id })
    const cards = data.sections.find((s) => s.what === 'Library cards')?.records
    expect(cards).toEqual([
      expect.objectContaining({ barcode: p.cards[0]?.barcode, status: 'active', hasPin: true }),
    ])
  })

  it('names the loans section, and how long loans are kept, by whether a reading history is kept', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const me = { type: 'patron' as const, id: p.id }
    const loansSection = async () =>
      (await myData(ctx, me)).sections
        .filter((s) => s.what.startsWith('Items on loan'))
        .map((s) => ({ what: s.what, keptUntil: s.keptUntil }))

    expect(await loansSection()).toEqual([
      { what: 'Items on loan', keptUntil: RETENTION_RULES['loan-link'].summary },
    ])
    await setReadingHistory(ctx, me, p.id, true)
    expect(await loansSection()).toEqual([
      {
        what: 'Items on loan and your reading history',
        keptUntil: RETENTION_RULES['reading-history'].summary,
      },
    ])
    expect(RETENTION_RULES['reading-history'].summary).not.toBe(
      RETENTION_RULES['loan-link'].summary,
    )
  })
})

describeEngines('my data: records written by others, in readable form', (env) => {
  it('shows notes, requests and messages decrypted and spelled out, in a download that quotes cells safely', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const me = { type: 'patron' as const, id: p.id }
    await addNote(ctx, lib.desk, p.id, { body: '+1 prefers the "east" branch, mornings' })
    await createRequest(ctx, me, {
      patronId: p.id,
      kind: 'purchase',
      title: 'Lanterns of the Lakeshore',
      author: 'Ines Varga',
      note: 'Large print if possible',
    })
    const { record, items } = await lib.title()
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]?.barcode ?? '', branch: 'main' })

    const data = await myData(ctx, me)
    const records = (what: string) => data.sections.find((s) => s.what === what)?.records ?? []
    expect(records('Notes about your account')).toEqual([
      { note: '+1 prefers the "east" branch, mornings', created_at: expect.any(String) as unknown },
    ])
    expect(records('Purchase suggestions and interlibrary-loan requests')).toEqual([
      {
        kind: 'purchase',
        status: 'submitted',
        title: 'Lanterns of the Lakeshore',
        author: 'Ines Varga',
        note: 'Large print if possible',
        created_at: expect.any(String) as unknown,
      },
    ])
    const [message] = records('Messages to you')
    expect(message).toMatchObject({ kind: 'hold_ready', sent_at: null })
    expect(message).not.toHaveProperty('payload')

    const lines = myDataCsv(data).split('\r\n')
    const noteLine = lines.find((l) => l.startsWith('Notes about your account #1,'))
    // Quoted because of the comma, inner quotes doubled, and the leading + disarmed.
    expect(noteLine?.endsWith(`,note,"'+1 prefers the ""east"" branch, mornings"`)).toBe(true)
    // Only a sign at the start is disarmed: a day keeps its hyphens as they are.
    const expiry = lines.find((l) => l.startsWith('Registration #1,') && /,expiresOn,/.test(l))
    expect(expiry).toMatch(/,expiresOn,\d{4}-\d{2}-\d{2}$/)
    // Every row ends with CRLF, the last one too (RFC 4180), and no row is empty.
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(0, -1).every((l) => l !== '')).toBe(true)
  })
})
