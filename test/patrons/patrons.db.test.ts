import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import {
  erasePatron,
  exportPatron,
  findPatrons,
  getPatron,
  registerPatron,
  updatePatron,
} from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

describeEngines('patrons', (env) => {
  it('registers a patron and reads every field back', async () => {
    const { ctx } = env()
    const librarian = await staffActor(ctx, 'librarian')
    const input = patronInput({ notify: { newsletter: true } })
    const created = await registerPatron(ctx, librarian, { ...input, card: { pin: '4826' } })
    expect(created.givenName).toBe(input.givenName)
    expect(created.address).toEqual(input.address)
    expect(created.notify).toEqual({ notices: false, newsletter: true, policyChanges: false })
    expect(created.cards).toHaveLength(1)
    expect(created.cards[0]?.hasPin).toBe(true)
    expect(JSON.stringify(created)).not.toContain('4826')
    const read = await getPatron(ctx, librarian, created.id)
    expect(read.email).toBe(input.email)
    expect(read.birthDate).toBe('1984-03-09')
  })

  it('communication choices are all off unless asked for', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    expect(p.notify).toEqual({ notices: false, newsletter: false, policyChanges: false })
  })

  it('finds patrons by email, phone, licence, surname and surname prefix', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const a = await registerPatron(
      ctx,
      desk,
      patronInput({
        familyName: 'Zwölfer',
        email: 'Zed@Example.org',
        phone: '(708) 555-0101',
        licenceNumber: 'Z123-4567',
      }),
    )
    await registerPatron(ctx, desk, patronInput({ familyName: 'Zwingli' }))
    await registerPatron(ctx, desk, patronInput({ familyName: 'Abbot' }))

    expect((await findPatrons(ctx, desk, { email: ' zed@example.ORG ' })).map((p) => p.id)).toEqual(
      [a.id],
    )
    expect((await findPatrons(ctx, desk, { phone: '708-555-0101' })).map((p) => p.id)).toEqual([
      a.id,
    ])
    expect((await findPatrons(ctx, desk, { licenceNumber: 'z1234567' })).map((p) => p.id)).toEqual([
      a.id,
    ])
    expect((await findPatrons(ctx, desk, { surname: 'zwolfer' })).map((p) => p.id)).toEqual([a.id])
    expect(
      (await findPatrons(ctx, desk, { surnamePrefix: 'Zw' })).map((p) => p.familyName),
    ).toEqual(['Zwingli', 'Zwölfer'])
    expect((await findPatrons(ctx, desk, { surnamePrefix: 'zwölfe' })).map((p) => p.id)).toEqual([
      a.id,
    ])
    expect(await findPatrons(ctx, desk, { surnamePrefix: 'zwolferx' })).toEqual([])
    expect(await findPatrons(ctx, desk, { email: 'nobody@example.org' })).toEqual([])
  })

  it('returns at most fifty hits, in name order, and audits only those shown', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    for (let i = 0; i < 53; i++)
      await registerPatron(
        ctx,
        SYSTEM_ACTOR,
        patronInput({ familyName: 'Commonname', givenName: `G${String(i).padStart(2, '0')}` }),
      )
    const hits = await findPatrons(ctx, desk, { surname: 'commonname' })
    expect(hits).toHaveLength(50)
    expect(hits.map((h) => h.givenName)).toEqual(
      Array.from({ length: 50 }, (_, i) => `G${String(i).padStart(2, '0')}`),
    )
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('actor_id', '=', desk.id)
      .where('action', '=', 'patron.search_hit')
      .execute()
    expect(audited).toHaveLength(50)
  })

  it('refuses a one-letter prefix and more than one criterion', async () => {
    const { ctx } = env()
    await expect(findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: 'z' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: 'z.' })).rejects.toMatchObject({
      code: 'PREFIX_TOO_SHORT',
    })
    await expect(
      findPatrons(ctx, SYSTEM_ACTOR, { email: 'a@b.c', phone: '1234567' }),
    ).rejects.toMatchObject({ code: 'ONE_CRITERION' })
  })

  it('updates fields and keeps the lookups in step', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'librarian')
    const p = await registerPatron(
      ctx,
      desk,
      patronInput({ familyName: 'Oldname', email: 'old@example.org' }),
    )
    const updated = await updatePatron(ctx, desk, p.id, {
      familyName: 'Newname',
      email: 'new@example.org',
      phone: null,
    })
    expect(updated.familyName).toBe('Newname')
    expect(updated.phone).toBeNull()
    expect(await findPatrons(ctx, desk, { email: 'old@example.org' })).toEqual([])
    expect(await findPatrons(ctx, desk, { surname: 'Oldname' })).toEqual([])
    expect((await findPatrons(ctx, desk, { surnamePrefix: 'newn' })).map((x) => x.id)).toEqual([
      p.id,
    ])
    expect((await findPatrons(ctx, desk, { email: 'new@example.org' })).map((x) => x.id)).toEqual([
      p.id,
    ])
  })

  it('rejects bad input with a stable code and writes nothing', async () => {
    const { ctx } = env()
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('patrons')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const keys = async () =>
      Number(
        (
          await ctx.keys
            .selectFrom('patron_keys')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = [await count(), await keys()]
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), email: 'not-an-email' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, patronInput({ category: 'martian' })),
    ).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' })
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, patronInput({ birthDate: '2031-02-30' })),
    ).rejects.toMatchObject({ code: 'INVALID_BIRTH_DATE' })
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: '1234' } }),
    ).rejects.toMatchObject({ code: 'WEAK_PIN' })
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { barcode: '12345' } }),
    ).rejects.toMatchObject({ code: 'INVALID_BARCODE' })
    const taken = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: {} })
    const barcode = taken.cards[0]?.barcode ?? ''
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { barcode } }),
    ).rejects.toMatchObject({ code: 'BARCODE_TAKEN' })
    expect([await count(), await keys()]).toEqual([before[0]! + 1, before[1]! + 1])
  })

  it('masks the licence number and hides the date of birth by role', async () => {
    const { ctx } = env()
    const p = await registerPatron(
      ctx,
      SYSTEM_ACTOR,
      patronInput({ licenceNumber: 'D55501234567' }),
    )
    const circ = await getPatron(ctx, await staffActor(ctx, 'circulation'), p.id)
    expect(circ.licenceNumber).toBe('••••••••4567')
    expect(circ).not.toHaveProperty('birthDate')
    expect(circ.restricted).toEqual(['licenceNumber', 'birthDate'])
    const lib = await getPatron(ctx, await staffActor(ctx, 'librarian'), p.id)
    expect(lib.licenceNumber).toBe('••••••••4567')
    expect(lib.birthDate).toBe('1984-03-09')
    const officer = await getPatron(ctx, await staffActor(ctx, 'privacy_officer'), p.id)
    expect(officer.licenceNumber).toBe('D55501234567')
  })

  it('lets only the privacy officer and admin export or erase', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const circ = await staffActor(ctx, 'circulation')
    await expect(exportPatron(ctx, circ, p.id, 'photo_id')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(erasePatron(ctx, circ, p.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const officer = await staffActor(ctx, 'privacy_officer')
    const exported = await exportPatron(ctx, officer, p.id, 'library_card')
    expect(exported.patron.licenceNumber).toBe(p.licenceNumber)
    // A copy for the patron, with how staff checked who asked; nothing else is an export.
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'patron.export')
      .where('patron_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(entry.detail)).toEqual({ by: 'staff_for_patron', identity: 'library_card' })
    await expect(
      exportPatron(ctx, officer, p.id, 'a phone call' as 'photo_id'),
    ).rejects.toMatchObject({ code: 'IDENTITY_NOT_CHECKED' })
  })

  it('erasing destroys the data key, the lookups and the cards', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ email: 'erase-me@example.org' }),
      card: { pin: '4826' },
    })
    await erasePatron(ctx, officer, p.id)
    expect(
      await ctx.keys
        .selectFrom('patron_keys')
        .select('patron_id')
        .where('patron_id', '=', p.id)
        .execute(),
    ).toEqual([])
    expect(
      await ctx.db
        .selectFrom('patron_lookup')
        .select('kind')
        .where('patron_id', '=', p.id)
        .execute(),
    ).toEqual([])
    expect(
      await ctx.db.selectFrom('cards').select('id').where('patron_id', '=', p.id).execute(),
    ).toEqual([])
    expect(await findPatrons(ctx, officer, { email: 'erase-me@example.org' })).toEqual([])
    const after = await getPatron(ctx, officer, p.id)
    expect(after.status).toBe('erased')
    expect(after.givenName).toBeNull()
    await expect(updatePatron(ctx, SYSTEM_ACTOR, p.id, { givenName: 'X' })).rejects.toMatchObject({
      code: 'PATRON_ERASED',
    })
  })
})
