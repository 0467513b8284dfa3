// Mail delivery: the outbox worker hands queued notices to a real SMTP server
// (smtp-server, parsed with mailparser), retries what is refused for now, fails what is refused
// for good, takes over what a dead worker left, and keeps only kind, day and outcome once done.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import type { AppContext } from '../../src/context.js'
import { claimNotices, deliverNotices } from '../../src/comms/outbox-worker.js'
import { listUndelivered } from '../../src/comms/undelivered.service.js'
import { translator } from '../../src/i18n/i18n.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage } from '../../src/patrons/self-service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

async function patron(ctx: AppContext, language: 'en' | 'es' | null = null) {
  const input = patronInput({ notify: { notices: true, newsletter: false, policyChanges: false } })
  const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
  if (language !== null) await setOwnLanguage(ctx, { type: 'patron', id: view.id }, { language })
  return {
    id: view.id,
    email: input.email ?? '',
    givenName: input.givenName,
    card: view.cards[0]?.barcode ?? '',
  }
}

async function queueHoldReady(env: TestEnv, patronId: string, pickupCode = 'K7M-3QX') {
  await enqueueNotice(
    env.ctx.db,
    patronId,
    'hold_ready',
    { pickupCode, branch: 'east', expiresOn: '2026-01-22' },
    env.clock.now().toISOString(),
  )
}

async function noticesOf(ctx: AppContext, patronId: string) {
  return ctx.db.selectFrom('notice_outbox').selectAll().where('patron_id', '=', patronId).execute()
}

const to = (address: string) => smtp.received.filter((m) => toOf(m) === address)

describeEngines('mail delivery over SMTP', (env) => {
  let ctx: AppContext
  let admin: Actor
  beforeAll(async () => {
    ctx = await env().reopen({
      mail: { smtpUrl: smtp.url, from: 'Carrel Library <desk@library.example>' },
    })
    await ctx.db
      .insertInto('branches')
      .values({ code: 'east', name: 'East Branch', created_at: env().clock.now().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute()
    admin = await staffActor(ctx, 'admin')
  })
  beforeEach(() => {
    smtp.reset()
  })

  it('delivers a queued hold-ready notice once, in Spanish to a patron who reads Spanish', async () => {
    const p = await patron(ctx, 'es')
    await queueHoldReady(env(), p.id)
    const run = await deliverNotices(ctx)
    expect(run).toMatchObject({ sent: 1, failed: 0, retried: 0 })
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0, sent: 0 })
    const mails = to(p.email)
    expect(mails).toHaveLength(1)
    const mail = mails[0]
    expect(mail?.subject).toBe('Tiene una reserva lista para recoger')
    expect(mail?.subject).toBe(translator('es')('mail.hold_ready.subject'))
    expect(mail?.from?.value[0]?.address).toBe('desk@library.example')
    expect(mail?.headers.get('content-language')).toBe('es')
    expect(mail?.text).toContain(`Hola, ${p.givenName}:`)
    expect(mail?.text).toContain('East Branch')
    expect(mail?.text).toContain('K7M-3QX')
    // The collect-by day with its weekday, in Spanish (the queued day is 2026-01-22).
    expect(mail?.text).toContain('Puede recogerlo hasta el jueves 22 de enero.')
    expect(mail?.html).toContain('<html lang="es">')
    expect(mail?.html).toContain('K7M-3QX')
  })

  it('writes to an English reader in English', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id, 'B4R-9ZZ')
    await deliverNotices(ctx)
    expect(to(p.email).map((m) => m.subject)).toEqual(['A hold is ready for you to pick up'])
    expect(to(p.email)[0]?.text).toContain('B4R-9ZZ')
  })

  it('keeps only kind, day and outcome once sent (P10)', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id)
    await deliverNotices(ctx)
    const [row] = await noticesOf(ctx, p.id)
    expect(row).toMatchObject({
      kind: 'hold_ready',
      status: 'sent',
      payload: null,
      claimed_by: null,
      lease_until: null,
      next_attempt_at: null,
      failure: null,
      attempts: 1,
    })
    expect(row?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(row?.sent_at).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('retries a notice the server refuses for now (4xx), waiting longer each time, and sends it once', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id)
    smtp.refuseData((n) => (n <= 2 ? { code: 451, text: 'Try again later' } : undefined))
    const started = env().clock.now().getTime()
    expect(await deliverNotices(ctx)).toMatchObject({ retried: 1, sent: 0 })
    let [row] = await noticesOf(ctx, p.id)
    expect(row).toMatchObject({ status: 'queued', attempts: 1, claimed_by: null })
    expect(row?.payload).not.toBeNull()
    expect(row?.failure).toContain('451')
    expect(row?.next_attempt_at).toBe(new Date(started + 5 * MINUTE).toISOString())
    // Not before its wait is over.
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0 })
    env().clock.advance(5 * MINUTE)
    expect(await deliverNotices(ctx)).toMatchObject({ retried: 1 })
    ;[row] = await noticesOf(ctx, p.id)
    expect(row?.attempts).toBe(2)
    expect(row?.next_attempt_at).toBe(new Date(started + 15 * MINUTE).toISOString())
    env().clock.advance(10 * MINUTE)
    expect(await deliverNotices(ctx)).toMatchObject({ sent: 1 })
    expect(to(p.email)).toHaveLength(1)
    expect(smtp.dataAttempts).toBe(3)
    ;[row] = await noticesOf(ctx, p.id)
    expect(row).toMatchObject({ status: 'sent', attempts: 3, payload: null, failure: null })
  })

  it('fails a notice the server refuses for good (5xx) with the reason and no address, and shows staff', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id)
    smtp.refuseRecipient((address) =>
      address === p.email ? { code: 550, text: `<${address}>: mailbox unknown` } : undefined,
    )
    expect(await deliverNotices(ctx)).toMatchObject({ failed: 1, sent: 0, retried: 0 })
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0 })
    const [row] = await noticesOf(ctx, p.id)
    expect(row).toMatchObject({ status: 'failed', payload: null, attempts: 1, claimed_by: null })
    expect(row?.failure).toContain('550')
    expect(row?.failure).toContain('mailbox unknown')
    expect(row?.failure).not.toContain(p.email)
    expect(row?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const seen = await listUndelivered(ctx, admin)
    expect(seen.mode).toBe('smtp')
    expect(seen.failed.find((f) => f.id === row?.id)).toMatchObject({
      kind: 'hold_ready',
      card: p.card,
      failure: row?.failure,
    })
    const desk = await staffActor(ctx, 'circulation')
    await expect(listUndelivered(ctx, desk)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('gives up after mail.maxAttempts temporary refusals', async () => {
    const few = await env().reopen({ mail: { smtpUrl: smtp.url, maxAttempts: 2 } })
    const p = await patron(few)
    await queueHoldReady(env(), p.id)
    smtp.refuseData(() => ({ code: 452, text: 'Mailbox full' }))
    expect(await deliverNotices(few)).toMatchObject({ retried: 1 })
    env().clock.advance(5 * MINUTE)
    expect(await deliverNotices(few)).toMatchObject({ failed: 1 })
    const [row] = await noticesOf(few, p.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 2, payload: null })
    expect(row?.failure).toMatch(/^Gave up after 2 attempts.*452/)
  })

  it('keeps notices for later, untouched, when the server cannot be reached or refuses to sign in', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id)
    const wrong = await env().reopen({
      mail: { smtpUrl: smtp.url.replace('s3cret-pass', 'wrong-pass') },
    })
    expect(await deliverNotices(wrong)).toMatchObject({ retried: 1, failed: 0 })
    const [row] = await noticesOf(ctx, p.id)
    expect(row).toMatchObject({ status: 'queued' })
    expect(row?.failure).toMatch(/refused to sign in/)
    expect(row?.failure).not.toContain('wrong-pass')
    env().clock.advance(5 * MINUTE)
    expect(await deliverNotices(ctx)).toMatchObject({ sent: 1 })
    expect(to(p.email)).toHaveLength(1)
  })

  it('takes over, once, a notice a crashed worker had claimed, when its lease runs out', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id)
    // A worker claims the notice and dies before sending it.
    const claimed = await claimNotices(ctx, 'crashed-worker', ['hold_ready'], 10)
    expect(claimed.map((r) => r.patron_id)).toContain(p.id)
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0 })
    expect(to(p.email)).toHaveLength(0)
    env().clock.advance(ctx.config.mail.leaseSeconds * 1000 - 1000)
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0 })
    env().clock.advance(2000)
    expect(await deliverNotices(ctx)).toMatchObject({ sent: 1 })
    expect(to(p.email)).toHaveLength(1)
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0 })
  })

  it('a worker that lost its lease mid-batch does not send what another worker took over', async () => {
    const p = await patron(ctx)
    await queueHoldReady(env(), p.id)
    let other: Awaited<ReturnType<typeof deliverNotices>> | undefined
    const slow = await deliverNotices(ctx, {
      workerId: 'slow-worker',
      pauses: {
        // The slow worker stalls past its lease; meanwhile another takes the notice over.
        beforeSend: async () => {
          env().clock.advance(ctx.config.mail.leaseSeconds * 1000 + 1000)
          other = await deliverNotices(ctx, { workerId: 'other-worker' })
        },
      },
    })
    expect(other).toMatchObject({ sent: 1 })
    expect(slow).toMatchObject({ claimed: 1, lost: 1, sent: 0 })
    expect(to(p.email)).toHaveLength(1)
    const [row] = await noticesOf(ctx, p.id)
    expect(row).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('leaves a notice for print when the patron has no email, and skips one the patron chose not to get', async () => {
    const { email: _none, ...withoutEmail } = patronInput({
      notify: { notices: true, newsletter: false, policyChanges: false },
    })
    const noEmail = await registerPatron(ctx, SYSTEM_ACTOR, { ...withoutEmail, card: {} })
    const optedOut = await patron(ctx)
    await ctx.db
      .updateTable('patrons')
      .set({ notify_notices: 0 })
      .where('id', '=', optedOut.id)
      .execute()
    await queueHoldReady(env(), noEmail.id)
    await queueHoldReady(env(), optedOut.id)
    expect(await deliverNotices(ctx)).toMatchObject({ print: 1, skipped: 1, sent: 0 })
    const [printed] = await noticesOf(ctx, noEmail.id)
    expect(printed).toMatchObject({ status: 'print', claimed_by: null })
    expect(JSON.parse(printed?.payload ?? '{}')).toMatchObject({ pickupCode: 'K7M-3QX' })
    const [skipped] = await noticesOf(ctx, optedOut.id)
    expect(skipped).toMatchObject({ status: 'skipped', payload: null })
    expect(smtp.received).toHaveLength(0)
  })

  it('sends the lapsed-registration warning whatever the notice choice', async () => {
    const p = await patron(ctx, 'es')
    await ctx.db.updateTable('patrons').set({ notify_notices: 0 }).where('id', '=', p.id).execute()
    await enqueueNotice(
      ctx.db,
      p.id,
      'erasure_warning',
      { erasureOn: '2026-02-14' },
      env().clock.now().toISOString(),
    )
    expect(await deliverNotices(ctx)).toMatchObject({ sent: 1 })
    expect(to(p.email).map((m) => m.subject)).toEqual([
      'Su inscripción en la biblioteca está a punto de borrarse',
    ])
  })
})
