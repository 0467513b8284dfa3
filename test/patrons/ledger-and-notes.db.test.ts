import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { addLedgerEntry, getLedger } from '../../src/patrons/ledger.service.js'
import { addNote, listNotes } from '../../src/patrons/notes.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

async function lastAudit(ctx: AppContext, patronId: string) {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'detail'])
    .where('patron_id', '=', patronId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  return { action: row.action, actor: row.actor_id, detail: JSON.parse(row.detail) as unknown }
}

describeEngines('card balance and account notes', (env) => {
  it('records each ledger entry with its kind and amount, and each reading of the ledger', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    await addLedgerEntry(ctx, desk, p.id, { kind: 'credit', amountCents: 1200, reason: 'Prepaid' })
    expect(await lastAudit(ctx, p.id)).toEqual({
      action: 'ledger.entry',
      actor: desk.id,
      detail: { kind: 'credit', amountCents: 1200 },
    })
    await getLedger(ctx, desk, p.id)
    expect(await lastAudit(ctx, p.id)).toEqual({
      action: 'patron.read',
      actor: desk.id,
      detail: { part: 'ledger' },
    })
  })

  it('keeps a note without the spaces and line breaks around it', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'circulation')
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const note = await addNote(ctx, desk, p.id, { body: '  Asked about large print \n' })
    expect(note.body).toBe('Asked about large print')
    expect((await listNotes(ctx, desk, p.id)).map((n) => n.body)).toEqual([
      'Asked about large print',
    ])
  })
})
