// A patron's own communication choices: each one given is stored, one left out is kept as it
// was, and the audit entry names exactly the fields the change could touch.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage, updateOwnChoices } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'

const stored = (ctx: AppContext, id: string) =>
  ctx.db
    .selectFrom('patrons')
    .select(['notify_notices', 'notify_newsletter', 'notify_policy_changes', 'notice_titles'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

async function lastAuditFields(ctx: AppContext, id: string): Promise<unknown> {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'detail'])
    .where('patron_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  return { action: row.action, ...(JSON.parse(row.detail) as object) }
}

describeEngines("a patron's own choices", (env) => {
  it('stores the newsletter wish only when it is given, and audits which fields the change touched', async () => {
    const { ctx } = env()
    const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const me: Actor = { type: 'patron', id: p.id }

    await updateOwnChoices(ctx, me, { notices: true, newsletter: true, policyChanges: true })
    expect(await stored(ctx, p.id)).toMatchObject({
      notify_notices: 1,
      notify_newsletter: 1,
      notify_policy_changes: 1,
    })
    expect(await lastAuditFields(ctx, p.id)).toEqual({
      action: 'patron.update',
      fields: ['notify'],
    })

    // Left out, the newsletter wish stays as it was.
    await updateOwnChoices(ctx, me, { notices: false, policyChanges: false })
    expect(await stored(ctx, p.id)).toMatchObject({
      notify_notices: 0,
      notify_newsletter: 1,
      notify_policy_changes: 0,
    })
    await updateOwnChoices(ctx, me, { notices: false, newsletter: false, policyChanges: false })
    expect((await stored(ctx, p.id)).notify_newsletter).toBe(0)

    await updateOwnChoices(ctx, me, {
      notices: true,
      policyChanges: false,
      titles: true,
      declined: [],
    })
    expect((await stored(ctx, p.id)).notice_titles).toBe(1)
    expect(await lastAuditFields(ctx, p.id)).toEqual({
      action: 'patron.update',
      fields: ['notify', 'notice_titles', 'notices_declined'],
    })
    // Left out, the choice of titles stays as it was.
    await updateOwnChoices(ctx, me, { notices: true, policyChanges: false })
    expect((await stored(ctx, p.id)).notice_titles).toBe(1)

    await setOwnLanguage(ctx, me, { language: 'es' })
    expect(await lastAuditFields(ctx, p.id)).toEqual({
      action: 'patron.update',
      fields: ['language'],
    })
  })
})
