// The policy-change notice (P12): queued in one go for every patron who asked to hear about
// changes to the privacy policy and has an email address, holding no patron data, delivered
// over SMTP in the patron's language, and switchable by the library.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { queuePolicyChangeNotices } from '../../src/comms/policy-notice.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage, updateOwnChoices } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

const CHANGE = {
  label: 'version 3, adopted November 30, 2026',
  effectiveOn: '2026-01-20',
  url: 'https://library.example/policy/versions/3',
}

describeEngines('the policy-change notice', (env) => {
  let ctx: AppContext
  beforeAll(async () => {
    ctx = await env().reopen({
      mail: { smtpUrl: smtp.url, from: 'Thornton Library <desk@library.example>' },
      library: { name: 'Thornton Library', timezone: 'America/Chicago' },
    })
  })
  beforeEach(async () => {
    smtp.reset()
    // Each test starts with an empty outbox and no one asking for policy changes.
    await ctx.db.deleteFrom('notice_outbox').execute()
    await ctx.db.updateTable('patrons').set({ notify_policy_changes: 0 }).execute()
  })

  async function patron(o: { policy: boolean; email?: boolean; language?: 'es' }) {
    const input = patronInput({
      notify: { notices: false, newsletter: false, policyChanges: o.policy },
      ...(o.email === false ? { email: undefined } : {}),
    })
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
    if (o.language !== undefined)
      await setOwnLanguage(ctx, { type: 'patron', id: view.id }, { language: o.language })
    return { id: view.id, email: input.email ?? '', givenName: input.givenName }
  }
  const outbox = () =>
    ctx.db.selectFrom('notice_outbox').selectAll().where('kind', '=', 'policy_change').execute()

  it('queues one per patron who asked and has an email, with no patron data, and sends them', async () => {
    const reader = await patron({ policy: true })
    const lector = await patron({ policy: true, language: 'es' })
    const uninterested = await patron({ policy: false })
    const noEmail = await patron({ policy: true, email: false })

    expect(await queuePolicyChangeNotices(ctx, CHANGE)).toBe(2)
    const rows = await outbox()
    expect(rows.map((r) => r.patron_id).sort()).toEqual([reader.id, lector.id].sort())
    for (const r of rows) {
      expect(JSON.parse(r.payload ?? '')).toEqual(CHANGE)
      expect(r.payload).not.toContain(reader.givenName)
      expect(r.payload).not.toContain(reader.email)
    }

    expect(await deliverNotices(ctx)).toMatchObject({ sent: 2, print: 0, failed: 0 })
    expect(smtp.received.map(toOf).sort()).toEqual([reader.email, lector.email].sort())
    for (const p of [uninterested, noEmail])
      expect(smtp.received.filter((m) => toOf(m) === p.email)).toHaveLength(0)

    const en = smtp.received.find((m) => toOf(m) === reader.email)
    expect(en?.subject).toBe('Our privacy policy is changing')
    expect(en?.text).toContain(`Hello ${reader.givenName},`)
    expect(en?.text).toContain(
      'Thornton Library has adopted a new version of its privacy policy (version 3, adopted November 30, 2026).',
    )
    expect(en?.text).toContain('It takes effect Tuesday, January 20.')
    expect(en?.html).toContain(`<a href="${CHANGE.url}">${CHANGE.url}</a>`)
    expect(en?.text).toContain('you asked to hear about changes to the privacy policy')

    const es = smtp.received.find((m) => toOf(m) === lector.email)
    expect(es?.subject).toBe('Cambia nuestra política de privacidad')
    expect(es?.headers.get('content-language')).toBe('es')
    expect(es?.text).toContain('Entra en vigor el martes 20 de enero.')
    expect(es?.text).toContain('https://library.example/es/policy/versions/3')

    expect((await outbox()).every((r) => r.status === 'sent' && r.payload === null)).toBe(true)
  })

  it('skips a patron who turned the choice off after the notice was queued', async () => {
    const p = await patron({ policy: true })
    expect(await queuePolicyChangeNotices(ctx, CHANGE)).toBe(1)
    const me: Actor = { type: 'patron', id: p.id }
    await updateOwnChoices(ctx, me, { notices: false, newsletter: false, policyChanges: false })
    expect(await deliverNotices(ctx)).toMatchObject({ sent: 0, skipped: 1 })
    expect(smtp.received).toHaveLength(0)
    expect(await outbox()).toMatchObject([{ status: 'skipped', payload: null }])
  })

  it('queues nothing while the library has the notice switched off', async () => {
    await patron({ policy: true })
    const off = await env().reopen({
      mail: { smtpUrl: smtp.url },
      notices: { policy_change: { enabled: false } },
    })
    expect(await queuePolicyChangeNotices(off, CHANGE)).toBe(0)
    expect(await outbox()).toHaveLength(0)
    // Switched off after queueing: what is queued is skipped, not sent.
    expect(await queuePolicyChangeNotices(ctx, CHANGE)).toBe(1)
    expect(await deliverNotices(off)).toMatchObject({ sent: 0, skipped: 1 })
    expect(smtp.received).toHaveLength(0)
  })

  it('refuses a bad label, date or address with a stable code, queueing nothing', async () => {
    await patron({ policy: true })
    for (const bad of [
      { ...CHANGE, label: '   ' },
      { ...CHANGE, effectiveOn: '20 January' },
      { ...CHANGE, url: 'javascript:alert(1)' },
      { ...CHANGE, url: 'https://library.example/a b' },
      { ...CHANGE, patronId: 'x' },
    ])
      await expect(queuePolicyChangeNotices(ctx, bad)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    await expect(
      queuePolicyChangeNotices(ctx, { ...CHANGE, effectiveOn: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'INVALID_DATE' })
    expect(await outbox()).toHaveLength(0)
  })

  it('queues for many patrons in batches, one each, in one transaction', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await patron({ policy: true })).id)
    // Every patron left from earlier tests was switched off, so exactly these five are queued.
    expect(await queuePolicyChangeNotices(ctx, CHANGE, { batch: 2 })).toBe(5)
    const rows = await outbox()
    expect(rows.map((r) => r.patron_id).sort()).toEqual(ids.sort())
    expect(new Set(rows.map((r) => r.id)).size).toBe(5)
  })
})
