import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { currentLoans } from '../../src/circulation/loans.service.js'
import {
  findPatrons,
  getPatron,
  registerPatron,
  updatePatron,
} from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

describeEngines('patron records: refusals and what each role sees', (env) => {
  it('refuses an unknown home branch and lists the branches there are', async () => {
    const { ctx } = env()
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, patronInput({ homeBranch: 'atlantis' })),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_BRANCH',
      message: expect.stringMatching(/^Home branch must be one of .*\bmain\b.*\.$/) as unknown,
    })
  })

  it('refuses a card expiry that is not a real date', async () => {
    const { ctx } = env()
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, patronInput({ expiresOn: '2030-02-30' })),
    ).rejects.toMatchObject({
      code: 'INVALID_EXPIRY',
      message: 'The card expiry must be a real date.',
    })
  })

  it('masks a licence number of four characters or fewer entirely for desk roles', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ licenceNumber: 'Q7K2' }))
    const librarian = await staffActor(ctx, 'librarian')
    const seen = await getPatron(ctx, librarian, p.id)
    expect(seen.licenceNumber).toBe('••••')
    expect(seen.restricted).toContain('licenceNumber')
    expect((await getPatron(ctx, SYSTEM_ACTOR, p.id)).licenceNumber).toBe('Q7K2')
  })

  it('finds a patron by a changed licence number, and no longer by the old one', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'librarian')
    const tag = randomUUID().slice(0, 8).toUpperCase()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ licenceNumber: `OLD${tag}` }))
    await updatePatron(ctx, desk, p.id, { licenceNumber: `NEW${tag}` })
    expect((await findPatrons(ctx, desk, { licenceNumber: `NEW${tag}` })).map((h) => h.id)).toEqual(
      [p.id],
    )
    expect(await findPatrons(ctx, desk, { licenceNumber: `OLD${tag}` })).toEqual([])
  })

  it('answers PATRON_NOT_FOUND for loans of a patron who does not exist', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    await expect(currentLoans(ctx, desk, randomUUID())).rejects.toMatchObject({
      code: 'PATRON_NOT_FOUND',
      message: 'No such patron.',
    })
  })
})
