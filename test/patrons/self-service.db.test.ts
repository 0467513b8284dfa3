import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { setCardStatus } from '../../src/patrons/card.service.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import {
  ANONYMOUS_PATRON,
  endOwnSessions,
  myData,
  myDataCsv,
  ownAccount,
  signInPatron,
  updateOwnChoices,
} from '../../src/patrons/self-service.js'
import { accessesToOwnRecord } from '../../src/privacy/audit.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { patronInput, staffActor } from '../harness/factories.js'

describeEngines('patron self-service', (env) => {
  it('signs in with card and PIN, and refuses a lost card even with the right PIN', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '4826' } })
    const barcode = p.cards[0]?.barcode ?? ''
    expect(await signInPatron(ctx, barcode, '4826')).toEqual({
      patronId: p.id,
      expired: false,
      sessionVersion: 0,
    })
    await expect(signInPatron(ctx, barcode, '0000')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    await setCardStatus(ctx, SYSTEM_ACTOR, barcode, 'lost')
    await expect(signInPatron(ctx, barcode, '4826')).rejects.toMatchObject({
      code: 'CARD_NOT_ACTIVE',
    })
  })

  it('serves the own-account pages to a signed-in patron only: staff and the visitor at the sign-in form are refused', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const desk = { ...(await staffActor(ctx, 'circulation')), id: p.id }
    for (const actor of [desk, ANONYMOUS_PATRON]) {
      await expect(ownAccount(ctx, actor)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/sign in/i) as unknown,
      })
      await expect(myData(ctx, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(endOwnSessions(ctx, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(
        updateOwnChoices(ctx, actor, { notices: true, newsletter: true, policyChanges: true }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect((await getPatron(ctx, SYSTEM_ACTOR, p.id)).notify.newsletter).toBe(false)
  })

  it('shows the account, changes choices, and downloads everything held with why and until when', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const me = { type: 'patron' as const, id: p.id }
    const { items } = await lib.title()
    await checkout(ctx, lib.desk, {
      patronBarcode: p.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    await updateOwnChoices(ctx, me, { notices: true, newsletter: false, policyChanges: true })
    const account = await ownAccount(ctx, me)
    expect(account.notify).toEqual({ notices: true, newsletter: false, policyChanges: true })
    expect(account.restricted).toEqual([])
    const data = await myData(ctx, me)
    const registration = data.sections.find((s) => s.what === 'Registration')
    expect(registration?.records[0]).toMatchObject({ id: p.id, givenName: account.givenName })
    expect(registration?.keptUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(data.sections.find((s) => s.what === 'Items on loan')?.records).toHaveLength(1)
    for (const s of data.sections) expect(s.why.length).toBeGreaterThan(5)
    const csv = myDataCsv(data)
    expect(csv.split('\r\n')[0]).toBe('section,why,kept until,field,value')
    expect(csv).toContain(account.familyName ?? 'missing')
    await expect(ownAccount(ctx, { type: 'patron', id: 'anonymous' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
  })

  it('tells a patron which roles looked at their record, and when, unless switched off', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    await getPatron(ctx, lib.desk, p.id)
    const seen = await accessesToOwnRecord(ctx, { type: 'patron', id: p.id }, true)
    expect(seen[0]).toMatchObject({ role: 'librarian', action: 'patron.read' })
    expect(JSON.stringify(seen)).not.toContain(lib.desk.id)
    await expect(
      accessesToOwnRecord(ctx, { type: 'patron', id: p.id }, false),
    ).rejects.toMatchObject({ code: 'FEATURE_OFF' })
  })
})
