import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { saveBranch } from '../../src/library/library.service.js'
import { issueCard, setCardStatus } from '../../src/patrons/card.service.js'
import {
  erasePatron,
  exportPatron,
  findPatrons,
  getPatron,
  registerPatron,
  updatePatron,
  type IdentityCheck,
} from '../../src/patrons/patron.service.js'
import { createTestEnv, describeEngines } from '../harness/engines.js'
import { letters, patronInput, staffActor } from '../harness/factories.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

async function searchAudit(ctx: AppContext, patronId: string) {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'detail'])
    .where('patron_id', '=', patronId)
    .where('action', '=', 'patron.search_hit')
    .orderBy('seq')
    .execute()
  return rows.map((r) => JSON.parse(r.detail) as unknown)
}

describeEngines('searching for patrons', (env) => {
  it('finds a patron by a card number typed with spaces around it', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: {} })
    const barcode = p.cards[0]?.barcode ?? ''
    const hits = await findPatrons(ctx, SYSTEM_ACTOR, { barcode: `  ${barcode} ` })
    expect(hits.map((h) => [h.id, h.barcode])).toEqual([[p.id, barcode]])
  })

  it('answers a search that finds nobody with an empty list', async () => {
    const { ctx } = env()
    expect(await findPatrons(ctx, SYSTEM_ACTOR, { surname: `Nobody${letters(8)}` })).toEqual([])
    expect(await findPatrons(ctx, SYSTEM_ACTOR, { barcode: '29999999999999' })).toEqual([])
  })

  it('counts only the criteria actually given', async () => {
    const { ctx } = env()
    const surname = `Undefa${letters(6)}`
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ familyName: surname }))
    const hits = await findPatrons(ctx, SYSTEM_ACTOR, { surname, email: undefined })
    expect(hits.map((h) => h.id)).toEqual([p.id])
  })

  it('says which criteria a search takes when given none or two', async () => {
    const { ctx } = env()
    for (const query of [{}, { surname: 'Quill', email: 'a@example.org' }]) {
      const err = await refusal(findPatrons(ctx, SYSTEM_ACTOR, query))
      expectRefusal(err, 'validation', 'ONE_CRITERION', /./)
      expect(err.message).toBe(
        'Search by exactly one of: barcode, email, phone, licenceNumber, surname, surnamePrefix.',
      )
    }
  })

  it('says a surname prefix needs at least two letters', async () => {
    const { ctx } = env()
    const err = await refusal(findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: 'Q-' }))
    expectRefusal(err, 'validation', 'PREFIX_TOO_SHORT', /./)
    expect(err.message).toBe('Give at least two letters of the surname.')
  })

  it('shows only an active card number in the results', async () => {
    const { ctx } = env()
    const surname = `Lostcard${letters(6)}`
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput({ familyName: surname }),
      card: {},
    })
    await setCardStatus(ctx, SYSTEM_ACTOR, p.cards[0]?.barcode ?? '', 'lost')
    const hits = await findPatrons(ctx, SYSTEM_ACTOR, { surname })
    expect(hits.map((h) => [h.id, h.barcode])).toEqual([[p.id, null]])
  })

  it('records every hit with the criterion it was found by', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const surname = `Audithit${letters(6)}`
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ familyName: surname }))
    await findPatrons(ctx, desk, { surname })
    await findPatrons(ctx, desk, { surnamePrefix: surname.slice(0, 4) })
    expect(await searchAudit(ctx, p.id)).toEqual([{ by: 'surname' }, { by: 'surnamePrefix' }])
  })

  it('sorts hits by surname ignoring accents and case, then by given name', async () => {
    const { ctx } = env()
    const t = letters(6)
    const accented = await registerPatron(
      ctx,
      SYSTEM_ACTOR,
      patronInput({ givenName: 'Amy', familyName: `Álvarez${t}` }),
    )
    const plain = await registerPatron(
      ctx,
      SYSTEM_ACTOR,
      patronInput({ givenName: 'Zed', familyName: `Alvarez${t}` }),
    )
    const hits = await findPatrons(ctx, SYSTEM_ACTOR, { surname: `alvarez${t}` })
    expect(hits.map((h) => h.id)).toEqual([accented.id, plain.id])
  })

  it('finds an exact surname only, not longer ones that begin the same way', async () => {
    const { ctx } = env()
    const t = letters(6)
    const short = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ familyName: `${t}mann` }))
    await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ familyName: `${t}mayer` }))
    const hits = await findPatrons(ctx, SYSTEM_ACTOR, { surname: `${t}mann` })
    expect(hits.map((h) => h.id)).toEqual([short.id])
  })
})

describeEngines('patron refusals that name the problem', (env) => {
  it('says there is no such patron for an unknown id, when reading or erasing', async () => {
    const { ctx } = env()
    const unknown = '00000000-0000-4000-8000-000000000000'
    for (const attempt of [
      getPatron(ctx, SYSTEM_ACTOR, unknown),
      erasePatron(ctx, SYSTEM_ACTOR, unknown),
    ]) {
      const err = await refusal(attempt)
      expectRefusal(err, 'not_found', 'PATRON_NOT_FOUND', /./)
      expect(err.message).toBe('No such patron.')
    }
  })

  it('says a card number given at registration is already in use', async () => {
    const { ctx } = env()
    const a = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: {} })
    const err = await refusal(
      registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        card: { barcode: a.cards[0]?.barcode ?? '' },
      }),
    )
    expectRefusal(err, 'conflict', 'BARCODE_TAKEN', /./)
    expect(err.message).toBe('That card number is already in use.')
  })
})

describeEngines('changing a registration', (env) => {
  it('changes category, home branch and expiry, and keeps them when other fields change', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ expiresOn: '2027-06-30' }))
    const changed = await updatePatron(ctx, SYSTEM_ACTOR, p.id, {
      category: 'senior',
      homeBranch: 'east',
      expiresOn: '2028-01-31',
    })
    const expected = { category: 'senior', homeBranch: 'east', expiresOn: '2028-01-31' }
    expect(changed).toMatchObject(expected)
    expect(await getPatron(ctx, SYSTEM_ACTOR, p.id)).toMatchObject(expected)

    const after = await updatePatron(ctx, SYSTEM_ACTOR, p.id, { phone: '708-555-7070' })
    expect(after).toMatchObject({ ...expected, phone: '708-555-7070' })
    expect(await getPatron(ctx, SYSTEM_ACTOR, p.id)).toMatchObject(expected)
  })
})

describeEngines('lookups after a change', (env) => {
  it('keeps a patron findable by the fields a change did not touch', async () => {
    const { ctx } = env()
    const surname = `Keptlookup${letters(6)}`
    const email = `kept.${letters(8)}@example.org`
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ familyName: surname, email }))
    const found = async () => [
      (await findPatrons(ctx, SYSTEM_ACTOR, { surname })).map((h) => h.id),
      (await findPatrons(ctx, SYSTEM_ACTOR, { email })).map((h) => h.id),
    ]
    await updatePatron(ctx, SYSTEM_ACTOR, p.id, { phone: '708-555-7171' })
    expect(await found()).toEqual([[p.id], [p.id]])
    expect(
      (await findPatrons(ctx, SYSTEM_ACTOR, { phone: '708-555-7171' })).map((h) => h.id),
    ).toEqual([p.id])
    await updatePatron(ctx, SYSTEM_ACTOR, p.id, { category: 'senior' })
    expect(await found()).toEqual([[p.id], [p.id]])
  })
})

describeEngines('notification choices, erasure and export', (env) => {
  it('changes only the notification choices named in a change', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput(),
      notify: { notices: false, newsletter: true, policyChanges: true },
    })
    await updatePatron(ctx, SYSTEM_ACTOR, p.id, { notify: { notices: true } })
    expect((await getPatron(ctx, SYSTEM_ACTOR, p.id)).notify).toEqual({
      notices: true,
      newsletter: true,
      policyChanges: true,
    })
    await updatePatron(ctx, SYSTEM_ACTOR, p.id, { notify: { newsletter: false } })
    expect((await getPatron(ctx, SYSTEM_ACTOR, p.id)).notify).toEqual({
      notices: true,
      newsletter: false,
      policyChanges: true,
    })
    await updatePatron(ctx, SYSTEM_ACTOR, p.id, { notify: { policyChanges: false } })
    expect((await getPatron(ctx, SYSTEM_ACTOR, p.id)).notify).toEqual({
      notices: true,
      newsletter: false,
      policyChanges: false,
    })
  })

  it('says a patron is unknown, or erased, when a card is issued to them', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const unknown = await refusal(issueCard(ctx, desk, '00000000-0000-4000-8000-000000000000', {}))
    expectRefusal(unknown, 'not_found', 'PATRON_NOT_FOUND', /./)
    expect(unknown.message).toBe('No such patron.')
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await erasePatron(ctx, SYSTEM_ACTOR, p.id)
    const erased = await refusal(issueCard(ctx, desk, p.id, {}))
    expectRefusal(erased, 'conflict', 'PATRON_ERASED', /./)
    expect(erased.message).toBe("This patron's personal data has been erased.")
  })

  it('leaves no personal ciphertext in an erased row', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await erasePatron(ctx, SYSTEM_ACTOR, p.id)
    const row = await ctx.db
      .selectFrom('patrons')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('erased')
    expect([
      row.given_name_enc,
      row.family_name_enc,
      row.address_enc,
      row.phone_enc,
      row.email_enc,
      row.licence_number_enc,
      row.sex_enc,
      row.birth_date_enc,
    ]).toEqual([null, null, null, null, null, null, null, null])
  })

  it('asks how the patron proved who they are before exporting their record, naming the field', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const err = await refusal(exportPatron(ctx, SYSTEM_ACTOR, p.id, 'a_hunch' as IdentityCheck))
    expectRefusal(err, 'validation', 'IDENTITY_NOT_CHECKED', /./)
    expect(err.message).toBe('Say how the patron proved who they are.')
    expect(err.details).toEqual({ fields: ['identity'] })
  })
})

describeEngines('an erasure cut short', (env) => {
  it('leaves searches answering, without names, once the data key is gone', async () => {
    // The data key is destroyed before the rest of the erasure; if the rest then fails, the
    // patron's lookups remain while nothing can be decrypted.
    const broken = await createTestEnv(env().engine)
    try {
      const { ctx } = broken
      const surname = `Halferased${letters(6)}`
      const p = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput({ familyName: surname }),
        card: {},
      })
      await sql`drop table account_notes`.execute(ctx.db)
      await expect(erasePatron(ctx, SYSTEM_ACTOR, p.id)).rejects.toThrow(/account_notes/)

      const nameless = { id: p.id, givenName: null, familyName: null }
      expect(await findPatrons(ctx, SYSTEM_ACTOR, { surname })).toMatchObject([nameless])
      const six = surname.slice(0, 6)
      expect(await findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: six })).toMatchObject([nameless])
      expect(
        await findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: surname.slice(0, 3) }),
      ).toMatchObject([nameless])
      // A longer prefix is checked against the decrypted name, which no longer exists.
      expect(await findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: surname.slice(0, 8) })).toEqual(
        [],
      )
    } finally {
      await broken.close()
    }
  })

  it('reports a store failure during registration as it is, not as a card number in use', async () => {
    const broken = await createTestEnv(env().engine)
    try {
      await sql`drop table audit_chains`.execute(broken.ctx.db)
      const outcome = await registerPatron(broken.ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        card: {},
      }).then(
        () => 'registered',
        (err: unknown) => err,
      )
      expect(outcome).toBeInstanceOf(Error)
      expect(outcome).not.toMatchObject({ code: 'BARCODE_TAKEN' })
      expect(String(outcome)).toMatch(/audit_chains/)
    } finally {
      await broken.close()
    }
  })
})
